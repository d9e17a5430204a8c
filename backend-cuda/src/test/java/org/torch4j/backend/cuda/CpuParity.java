package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.torch4j.DType;
import org.torch4j.Tensor;

/** The comparison of a CUDA kernel's result with the CPU backend's for the hook tests whose kernels compute in double. */
final class CpuParity {
    private CpuParity() {}

    /** Every element of {@code got} (any device) within 1e-12 (float64) or 1e-5 (float32) of {@code expected}, relative to 1 + |expected|. */
    static void assertClose(Tensor expected, Tensor got, DType t, String ctx) {
        double[] e = expected.cpu().toDouble().toDoubleArray(), g = got.cpu().toDouble().toDoubleArray();
        assertEquals(e.length, g.length, ctx + ": size");
        double tol = t == DType.FLOAT64 ? 1e-12 : 1e-5;
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - g[i]) <= tol * (1 + Math.abs(e[i])), ctx + " [" + i + "]: expected " + e[i] + " but got " + g[i]);
        }
    }
}
