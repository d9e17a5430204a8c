package org.torch4j.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The api's matmul DFT (the fallback for backends without FFT kernels) against the CPU backend's FFT kernels,
 * which {@link DftKernels} picks on the CPU: complex both ways, real to complex and back (including the
 * imaginary parts of the zero-frequency and Nyquist terms, which both ignore), float32 and float64, even, odd
 * and prime lengths. In this package to reach the package-private fallback.
 */
class MatmulFallbackTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8, 12, 15, 17, 64, 101})
    void agreesWithTheKernels(int n) {
        Torch.manualSeed(n);
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            double tol = t == DType.FLOAT64 ? 1e-11 : 2e-5;
            Tensor z = Torch.randn(new long[] {3, n, 2}, t), x = Torch.randn(new long[] {3, n}, t);
            Tensor h = Torch.randn(new long[] {3, n / 2 + 1, 2}, t);
            for (boolean inverse : new boolean[] {false, true}) {
                close(DftKernels.c2c(z, inverse), MatmulDft.c2c(z, inverse), tol, "c2c " + t + " n=" + n);
            }
            close(DftKernels.r2c(x), MatmulDft.r2c(x), tol, "r2c " + t + " n=" + n);
            close(DftKernels.c2r(h, n), MatmulDft.c2r(h, n), tol, "c2r " + t + " n=" + n);
        }
    }

    private static void close(Tensor kernel, Tensor fallback, double tol, String what) {
        assertArrayEquals(kernel.shape(), fallback.shape(), what);
        assertTrue(kernel.dtype() == fallback.dtype(), what + ": dtype");
        double[] a = kernel.toDouble().toDoubleArray(), b = fallback.toDouble().toDoubleArray();
        double scale = 1;
        for (double v : a) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < a.length; i++) {
            assertTrue(Math.abs(a[i] - b[i]) <= tol * scale, what + " at " + i + ": " + a[i] + " vs " + b[i]);
        }
    }
}
