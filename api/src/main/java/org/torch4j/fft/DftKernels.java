package org.torch4j.fft;

import org.torch4j.Tensor;
import org.torch4j.internal.Internals;

/**
 * The unnormalised batched DFTs on real layouts ([batch, n, 2] for complex data): the backend's FFT kernels
 * where it has them, else {@link MatmulDft}. Not differentiable by themselves: {@link Transforms} records
 * their derivatives.
 */
final class DftKernels {
    private DftKernels() {}

    static Tensor c2c(Tensor x, boolean inverse) {
        Tensor y = Internals.get().fftC2C(x, inverse);
        return y != null ? y : MatmulDft.c2c(x, inverse);
    }

    static Tensor r2c(Tensor x) {
        Tensor y = Internals.get().fftR2C(x);
        return y != null ? y : MatmulDft.r2c(x);
    }

    static Tensor c2r(Tensor x, long n) {
        Tensor y = Internals.get().fftC2R(x, n);
        return y != null ? y : MatmulDft.c2r(x, n);
    }
}
