package org.torch4j.backend.cpu.fft;

import org.torch4j.DType;
import org.torch4j.backend.cpu.Parallel;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The CPU backend's FFT kernels behind {@code Backend.fftC2C / fftR2C / fftC2R}: contiguous float32 or
 * float64 host operands, one transform per batch line, lines split over the backend's threads. Each line is
 * widened to double, transformed there and rounded back.
 */
public final class FftKernels {
    private FftKernels() {}

    /** Below this many doubles of work per thread the lines stay on one thread. */
    private static final int GRAIN = 16_384;

    /** One line's transform, from input doubles to output doubles, with the calling thread's work memory. */
    private interface Line<W> {
        void run(double[] in, double[] out, W work);
    }

    /** Complex to complex along dim 1 of [batch, n, 2]; {@code out} may be {@code in} itself. */
    public static boolean c2c(Strided in, Strided out, boolean inverse) {
        if (!usable(in, out, 3) || in.shape()[2] != 2 || !java.util.Arrays.equals(in.shape(), out.shape())) return false;
        int n = (int) in.shape()[1];
        if (n == 0 || in.shape()[0] == 0) return true;
        ComplexTransform plan = Plans.complex(n);
        run(in, out, 2 * n, 2 * n, plan::newScratch, (x, y, s) -> {
            plan.run(x, s, inverse);
            if (y != x) System.arraycopy(x, 0, y, 0, 2 * n);
        });
        return true;
    }

    /** Real [batch, n] to the half spectrum [batch, n/2 + 1, 2]. */
    public static boolean r2c(Strided in, Strided out) {
        if (!usable(in, out, 2) || out.rank() != 3 || out.shape()[2] != 2 || out.shape()[0] != in.shape()[0]
                || out.shape()[1] != in.shape()[1] / 2 + 1) return false;
        int n = (int) in.shape()[1];
        if (n == 0 || in.shape()[0] == 0) return n > 0 || in.shape()[0] == 0;
        RealTransform plan = Plans.real(n);
        run(in, out, n, 2 * (n / 2 + 1), plan::newWork, plan::forward);
        return true;
    }

    /** The half spectrum [batch, n/2 + 1, 2] to real [batch, n], n given by {@code out}. */
    public static boolean c2r(Strided in, Strided out) {
        if (!usable(out, in, 2) || in.rank() != 3 || in.shape()[2] != 2 || out.shape()[0] != in.shape()[0]
                || in.shape()[1] != out.shape()[1] / 2 + 1) return false;
        int n = (int) out.shape()[1];
        if (n == 0 || out.shape()[0] == 0) return n > 0 || out.shape()[0] == 0;
        RealTransform plan = Plans.real(n);
        run(in, out, 2 * (n / 2 + 1), n, plan::newWork, plan::inverse);
        return true;
    }

    /** Contiguous host operands of one floating dtype, {@code a} of the given rank. */
    private static boolean usable(Strided a, Strided b, int rank) {
        DType t = a.dtype();
        return (t == DType.FLOAT32 || t == DType.FLOAT64) && b.dtype() == t && a.rank() == rank
                && a.storage() instanceof HostStorage && b.storage() instanceof HostStorage
                && a.isContiguous() && b.isContiguous();
    }

    /**
     * Runs {@code line} over the batch: line b reads {@code inLen} values at {@code in.offset + b inLen} and
     * writes {@code outLen} at {@code out.offset + b outLen}, through double buffers for float32.
     */
    private static <W> void run(Strided in, Strided out, int inLen, int outLen, java.util.function.Supplier<W> work,
                                Line<W> line) {
        int batch = (int) in.shape()[0], io = (int) in.offset(), oo = (int) out.offset();
        HostStorage src = (HostStorage) in.storage(), dst = (HostStorage) out.storage();
        boolean f32 = in.dtype() == DType.FLOAT32;
        int grain = Math.max(1, GRAIN / Math.max(inLen, outLen));
        Parallel.forRange(batch, grain, (start, end) -> {
            W w = work.get();
            double[] x = new double[Math.max(inLen, outLen)], y = new double[outLen];
            for (int b = start; b < end; b++) {
                if (f32) {
                    float[] s = src.floats();
                    for (int i = 0, p = io + b * inLen; i < inLen; i++) x[i] = s[p + i];
                } else {
                    System.arraycopy(src.doubles(), io + b * inLen, x, 0, inLen);
                }
                line.run(x, y, w);
                if (f32) {
                    float[] d = dst.floats();
                    for (int i = 0, p = oo + b * outLen; i < outLen; i++) d[p + i] = (float) y[i];
                } else {
                    System.arraycopy(y, 0, dst.doubles(), oo + b * outLen, outLen);
                }
            }
        });
    }
}
