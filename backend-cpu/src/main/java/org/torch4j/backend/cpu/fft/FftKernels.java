package org.torch4j.backend.cpu.fft;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.backend.cpu.Parallel;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The CPU backend's FFT kernels behind {@code Backend.fftC2C / fftR2C / fftC2R}: contiguous float32 or
 * float64 host operands, one transform per batch line, lines split over the backend's threads. Each line is
 * read (widened to double) into a line buffer, transformed there in place and written back (rounded).
 */
public final class FftKernels {
    private FftKernels() {}

    /** Below this many doubles of work per thread the lines stay on one thread. */
    private static final int GRAIN = 16_384;

    /**
     * The calling thread's line buffer and scratch of the transform it ran last: repeated transforms of one
     * length (the common case) then allocate nothing.
     */
    private static final ThreadLocal<LineWork> WORK = new ThreadLocal<>();

    private record LineWork(ComplexTransform plan, ComplexTransform.Scratch scratch, double[] buffer) {}

    /** One line's in-place transform of {@code buffer}. */
    private interface Line {
        void run(double[] buffer, ComplexTransform.Scratch scratch);
    }

    /** Complex to complex along dim 1 of [batch, n, 2]; {@code out} may be {@code in} itself. */
    public static boolean c2c(Strided in, Strided out, boolean inverse) {
        if (!usable(in, out, 3) || in.shape()[2] != 2 || !Arrays.equals(in.shape(), out.shape())) return false;
        int n = (int) in.shape()[1];
        if (n == 0 || in.shape()[0] == 0) return true;
        ComplexTransform plan = Plans.complex(n);
        run(in, out, 2 * n, 2 * n, plan, 2 * n, (x, s) -> plan.run(x, s, inverse));
        return true;
    }

    /** Real [batch, n] to the half spectrum [batch, n/2 + 1, 2]. */
    public static boolean r2c(Strided in, Strided out) {
        if (!usable(in, out, 2) || out.rank() != 3 || out.shape()[2] != 2 || out.shape()[0] != in.shape()[0]
                || out.shape()[1] != in.shape()[1] / 2 + 1) return false;
        int n = (int) in.shape()[1];
        if (n == 0 || in.shape()[0] == 0) return n > 0 || in.shape()[0] == 0;
        RealTransform plan = Plans.real(n);
        run(in, out, n, 2 * (n / 2 + 1), plan.complex(), plan.bufferSize(), plan::forward);
        return true;
    }

    /** The half spectrum [batch, n/2 + 1, 2] to real [batch, n], n given by {@code out}. */
    public static boolean c2r(Strided in, Strided out) {
        if (!usable(out, in, 2) || in.rank() != 3 || in.shape()[2] != 2 || out.shape()[0] != in.shape()[0]
                || in.shape()[1] != out.shape()[1] / 2 + 1) return false;
        int n = (int) out.shape()[1];
        if (n == 0 || out.shape()[0] == 0) return n > 0 || out.shape()[0] == 0;
        RealTransform plan = Plans.real(n);
        run(in, out, 2 * (n / 2 + 1), n, plan.complex(), plan.bufferSize(), plan::inverse);
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
     * Runs {@code line} over the batch: line b reads {@code inLen} values at {@code in.offset + b inLen} into a
     * buffer of {@code bufferLen} doubles and writes the first {@code outLen} at {@code out.offset + b outLen}.
     */
    private static void run(Strided in, Strided out, int inLen, int outLen, ComplexTransform plan, int bufferLen,
                            Line line) {
        int batch = (int) in.shape()[0], io = (int) in.offset(), oo = (int) out.offset();
        HostStorage src = (HostStorage) in.storage(), dst = (HostStorage) out.storage();
        boolean f32 = in.dtype() == DType.FLOAT32;
        int grain = Math.max(1, GRAIN / bufferLen);
        Parallel.forRange(batch, grain, (start, end) -> {
            LineWork w = work(plan, bufferLen);
            double[] x = w.buffer();
            for (int b = start; b < end; b++) {
                if (f32) {
                    float[] s = src.floats();
                    for (int i = 0, p = io + b * inLen; i < inLen; i++) x[i] = s[p + i];
                } else {
                    System.arraycopy(src.doubles(), io + b * inLen, x, 0, inLen);
                }
                line.run(x, w.scratch());
                if (f32) {
                    float[] d = dst.floats();
                    for (int i = 0, p = oo + b * outLen; i < outLen; i++) d[p + i] = (float) x[i];
                } else {
                    System.arraycopy(x, 0, dst.doubles(), oo + b * outLen, outLen);
                }
            }
        });
    }

    private static LineWork work(ComplexTransform plan, int bufferLen) {
        LineWork w = WORK.get();
        if (w == null || w.plan() != plan || w.buffer().length < bufferLen) {
            w = new LineWork(plan, plan.newScratch(), new double[bufferLen]);
            WORK.set(w);
        }
        return w;
    }
}
