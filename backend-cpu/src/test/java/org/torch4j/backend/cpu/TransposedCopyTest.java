package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Copies whose source is dense across the destination's runs (a transpose made contiguous, a permuted batch, a
 * transpose copied into a transposed view) go in tiles or gathers ({@code Copy.transposed}): every element lands where
 * the element-by-element definition puts it, for sizes on and off the tile and vector widths, on one thread and two.
 */
class TransposedCopyTest {

    @Test
    void transposesMadeContiguous() {
        int threads = Torch.getNumThreads();
        try {
            for (int t = 1; t <= 2; t++) {
                Torch.setNumThreads(t);
                for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
                    for (int[] s : new int[][] {{8, 8}, {9, 17}, {16, 16}, {33, 100}, {100, 33}, {300, 257}, {1000, 9}}) {
                        int a = s[0], b = s[1];
                        Tensor x = Torch.arange(a * b).to(dtype).reshape(a, b);
                        double[] v = x.t().contiguous().toDoubleArray();
                        for (int i = 0; i < b; i++) {
                            for (int j = 0; j < a; j++) {
                                assertEquals(j * b + i, v[i * a + j], dtype + " [" + a + ", " + b + "].t() at (" + i + ", " + j + ") on " + t + " threads");
                            }
                        }
                        // a contiguous source into a transposed destination: the destination is dense across the runs
                        Tensor into = Torch.zeros(new long[] {b, a}, dtype);
                        into.t().copy_(x);
                        assertEquals(0, into.sub(x.t()).abs().sum().item(), dtype + " copy_ into a transposed view");
                    }
                }
                // a permuted batch: [4, 30, 50] -> [4, 50, 30]
                Tensor x = Torch.arange(4 * 30 * 50).to(DType.FLOAT32).reshape(4, 30, 50);
                float[] p = x.permute(0, 2, 1).contiguous().toFloatArray();
                for (int n = 0; n < 4; n++) {
                    for (int i = 0; i < 50; i++) {
                        for (int j = 0; j < 30; j++) assertEquals(n * 1500 + j * 50 + i, p[n * 1500 + i * 30 + j], 0f);
                    }
                }
            }
        } finally {
            Torch.setNumThreads(threads);
        }
    }
}
