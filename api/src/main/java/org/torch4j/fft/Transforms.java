package org.torch4j.fft;

import java.util.List;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The three differentiable, unnormalised one-dimensional transforms every {@link Fft} function is built
 * from, along one dim of real layouts (a complex tensor as its {@code viewAsReal}: dims as the complex
 * tensor's, plus a trailing 2). Each backward is again one of these transforms (PyTorch's
 * FftC2CBackward0, FftR2CBackward0, FftC2RBackward0), so gradients can be differentiated again.
 */
final class Transforms {
    private Transforms() {}

    /** Complex to complex along {@code dim} of the layout {@code x}: the DFT, or with {@code inverse} its adjoint. */
    static Tensor c2c(Tensor x, int dim, boolean inverse) {
        return new C2C(dim, inverse).apply(x)[0];
    }

    /** Real {@code x} to the layout of its half spectrum (n/2 + 1 coefficients along {@code dim}). */
    static Tensor r2c(Tensor x, int dim) {
        return new R2C(dim).apply(x)[0];
    }

    /** The layout {@code x} of a half spectrum (n/2 + 1 along {@code dim}) to n reals. */
    static Tensor c2r(Tensor x, int dim, long n) {
        return new C2R(dim, n).apply(x)[0];
    }

    private static final class C2C extends Function {
        private final int dim;
        private final boolean inverse;

        C2C(int dim, boolean inverse) {
            this.dim = dim;
            this.inverse = inverse;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            int last = in[0].dim() - 2;
            Tensor moved = in[0].movedim(dim, last);
            long[] shape = moved.shape();
            Tensor y = DftKernels.c2c(moved.reshape(-1, shape[last], 2), inverse);
            return new Tensor[] {y.reshape(shape).movedim(last, dim)};
        }

        /** The adjoint of the DFT is the DFT of the opposite sign. */
        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
            return new Tensor[] {c2c(grad[0], dim, !inverse)};
        }

        @Override
        protected String name() {
            return "FftC2CBackward0";
        }
    }

    private static final class R2C extends Function {
        private final int dim;
        private long n;

        R2C(int dim) {
            this.dim = dim;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            int last = in[0].dim() - 1;
            Tensor moved = in[0].movedim(dim, last);
            long[] shape = moved.shape();
            n = shape[last];
            Tensor y = DftKernels.r2c(moved.reshape(-1, n));
            long[] out = java.util.Arrays.copyOf(shape, shape.length + 1);
            out[last] = n / 2 + 1;
            out[last + 1] = 2;
            return new Tensor[] {y.reshape(out).movedim(last, dim)};
        }

        /** The real part of the inverse DFT of the gradient padded with zeros to the full spectrum. */
        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
            Tensor g = grad[0];
            long h = g.size(dim);
            if (h < n) {
                long[] zeros = g.shape();
                zeros[dim] = n - h;
                g = Torch.cat(List.of(g, Torch.zeros(zeros, g.dtype(), g.device())), dim);
            }
            return new Tensor[] {c2c(g, dim, true).select(-1, 0)};
        }

        @Override
        protected String name() {
            return "FftR2CBackward0";
        }
    }

    private static final class C2R extends Function {
        private final int dim;
        private final long n;

        C2R(int dim, long n) {
            this.dim = dim;
            this.n = n;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            int last = in[0].dim() - 2;
            Tensor moved = in[0].movedim(dim, last);
            long[] shape = moved.shape();
            Tensor y = DftKernels.c2r(moved.reshape(-1, shape[last], 2), n);
            long[] out = java.util.Arrays.copyOf(shape, last + 1);
            out[last] = n;
            return new Tensor[] {y.reshape(out).movedim(last, dim)};
        }

        /**
         * The real DFT of the gradient, each coefficient that stands for itself and its conjugate mirror
         * (all but the zero-frequency and, for even n, the Nyquist one) counted twice.
         */
        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
            Tensor g = r2c(grad[0], dim);
            long h = n / 2 + 1;
            double[] w = new double[(int) h];
            for (int k = 0; k < h; k++) w[k] = k == 0 || 2L * k == n ? 1 : 2;
            long[] shape = new long[g.dim()];
            java.util.Arrays.fill(shape, 1);
            shape[dim] = h;
            Tensor weight = Torch.tensor(w, shape).to(g);
            return new Tensor[] {g.mul(weight)};
        }

        @Override
        protected String name() {
            return "FftC2RBackward0";
        }
    }
}
