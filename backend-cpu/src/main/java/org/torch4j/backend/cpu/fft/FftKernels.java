package org.torch4j.backend.cpu.fft;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;
import org.torch4j.DType;
import org.torch4j.backend.cpu.Parallel;
import org.torch4j.backend.cpu.Simd;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The CPU backend's FFT kernels behind {@code Backend.fftC2C / fftR2C / fftC2R}: contiguous float32 or
 * float64 host operands, one transform per batch line, work split over the backend's threads. Each line is
 * read (widened to double) into a line buffer, transformed there in place and written back (rounded). With
 * the Vector API, batches of lengths whose factors are 2, 3, 4 and 5 go {@link LaneFft#LANES} lines at a time
 * through {@link LaneFft}, the lines' complex transforms in the vector lanes; float32 batches go
 * {@link FloatLaneFft#LANES} lines at a time through {@link FloatLaneFft}, computed in float as pocketfft does
 * (the system property {@code torch4j.fft.floatLanes=false} keeps them in double lanes, for comparison), and
 * the lines left over in double lanes or one by one.
 */
public final class FftKernels {
    private FftKernels() {}

    /** Below this many doubles of work per thread the work stays on one thread. */
    private static final int GRAIN = 16_384;

    /**
     * Buffers of recent calls, handed to the next call that fits them: repeated transforms of one length (the
     * common case) then allocate nothing. A small shared pool rather than a ThreadLocal, so that no caller's
     * thread keeps this bundle's classes (or large buffers) alive after the backend is gone.
     */
    private static final ConcurrentLinkedDeque<Work> POOL = new ConcurrentLinkedDeque<>();

    /** At most this many idle buffer sets are kept. */
    private static final int POOL_SIZE = 4;

    /** Elements per block of the float lanes' spreading and gathering. */
    private static final int BLOCK = 32;

    /** Whether float32 lane groups compute in float (see the class comment). */
    static final boolean FLOAT_LANES = Boolean.parseBoolean(System.getProperty("torch4j.fft.floatLanes", "true"));

    /**
     * A line buffer, the plan's scratch and, for lane groups, two pairs of (re, im) lane buffers in double and,
     * for float32 lane groups, two pairs in float.
     */
    private record Work(ComplexTransform plan, ComplexTransform.Scratch scratch, double[] line, double[][] re,
                        double[][] im, float[][] fre, float[][] fim) {}

    /** One line's in-place transform of its buffer. */
    private interface Line {
        void run(double[] buffer, ComplexTransform.Scratch scratch);
    }

    /**
     * The lane form of a transform: {@code before} on each line's buffer (or null: the lines go from storage
     * straight into the lanes), the lanes' complex transform by {@code plan}, then, for the real forward
     * transform, {@code split}'s separation of the spectra on the lanes.
     */
    private record Lanes(Stockham plan, boolean inverse, Consumer<double[]> before, RealTransform split) {}

    /** Complex to complex along dim 1 of [batch, n, 2]; {@code out} may be {@code in} itself. */
    public static boolean c2c(Strided in, Strided out, boolean inverse) {
        if (!usable(in, out, 3) || in.shape()[2] != 2 || !Arrays.equals(in.shape(), out.shape())) return false;
        int n = (int) in.shape()[1];
        if (n == 0 || in.shape()[0] == 0) return true;
        ComplexTransform plan = Plans.complex(n);
        run(in, out, 2 * n, 2 * n, plan, 2 * n, (x, s) -> plan.run(x, s, inverse), lanes(plan, inverse, null, null));
        return true;
    }

    /** Real [batch, n] to the half spectrum [batch, n/2 + 1, 2]. */
    public static boolean r2c(Strided in, Strided out) {
        if (!usable(in, out, 2) || out.rank() != 3 || out.shape()[2] != 2 || out.shape()[0] != in.shape()[0]
                || out.shape()[1] != in.shape()[1] / 2 + 1) return false;
        int n = (int) in.shape()[1];
        if (n == 0 || in.shape()[0] == 0) return n > 0 || in.shape()[0] == 0;
        RealTransform plan = Plans.real(n);
        Lanes lanes = n % 2 == 0 ? lanes(plan.complex(), false, null, plan) : null;
        run(in, out, n, 2 * (n / 2 + 1), plan.complex(), plan.bufferSize(), plan::forward, lanes);
        return true;
    }

    /** The half spectrum [batch, n/2 + 1, 2] to real [batch, n], n given by {@code out}. */
    public static boolean c2r(Strided in, Strided out) {
        if (!usable(out, in, 2) || in.rank() != 3 || in.shape()[2] != 2 || out.shape()[0] != in.shape()[0]
                || in.shape()[1] != out.shape()[1] / 2 + 1) return false;
        int n = (int) out.shape()[1];
        if (n == 0 || out.shape()[0] == 0) return n > 0 || out.shape()[0] == 0;
        RealTransform plan = Plans.real(n);
        Lanes lanes = n % 2 == 0 ? lanes(plan.complex(), true, plan::merge, null) : null;
        run(in, out, 2 * (n / 2 + 1), n, plan.complex(), plan.bufferSize(), plan::inverse, lanes);
        return true;
    }

    /** The lane form of {@code plan}, or null without the Vector API or for radices it has no vector pass for. */
    private static Lanes lanes(ComplexTransform plan, boolean inverse, Consumer<double[]> before, RealTransform split) {
        return Simd.ENABLED && plan instanceof Stockham s && plan.length() > 1 && LaneFft.covers(s)
                ? new Lanes(s, inverse, before, split) : null;
    }

    /** Contiguous host operands of one floating dtype, {@code a} of the given rank. */
    private static boolean usable(Strided a, Strided b, int rank) {
        DType t = a.dtype();
        return (t == DType.FLOAT32 || t == DType.FLOAT64) && b.dtype() == t && a.rank() == rank
                && a.storage() instanceof HostStorage && b.storage() instanceof HostStorage
                && a.isContiguous() && b.isContiguous();
    }

    /**
     * Runs the transform over the batch: line b reads {@code inLen} values at {@code in.offset + b inLen} into a
     * buffer of {@code bufferLen} doubles and writes the first {@code outLen} at {@code out.offset + b outLen}.
     * Work units are groups of FloatLaneFft.LANES lines (float32 with {@code lanes}), then groups of
     * LaneFft.LANES lines (with {@code lanes}) and then single lines.
     */
    private static void run(Strided in, Strided out, int inLen, int outLen, ComplexTransform plan, int bufferLen,
                            Line line, Lanes lanes) {
        int batch = (int) in.shape()[0], io = (int) in.offset(), oo = (int) out.offset();
        HostStorage src = (HostStorage) in.storage(), dst = (HostStorage) out.storage();
        boolean floats = lanes != null && FLOAT_LANES && src.dtype() == DType.FLOAT32;
        // the lane classes only where lanes are used: without the Vector API module they cannot be loaded
        int fw = floats ? FloatLaneFft.LANES : 1, fgroups = floats ? batch / fw : 0, rest = batch - fgroups * fw;
        int dw = lanes == null ? 1 : LaneFft.LANES, dgroups = lanes == null ? 0 : rest / dw;
        int first = fgroups * fw + dgroups * dw, units = fgroups + dgroups + (batch - first);
        // a unit's work is at most one float group's, as much as a double group's
        int grain = Math.max(1, GRAIN / (bufferLen * dw));
        Parallel.forRange(units, grain, (start, end) -> {
            Work w = acquire(plan, bufferLen, lanes != null, floats);
            double[] x = w.line();
            for (int u = start; u < end; u++) {
                if (u < fgroups) {
                    floatGroup(src, io, inLen, dst, oo, outLen, u * fw, w, lanes);
                } else if (u < fgroups + dgroups) {
                    group(src, io, inLen, dst, oo, outLen, fgroups * fw + (u - fgroups) * dw, w, lanes);
                } else {
                    int b = first + (u - fgroups - dgroups);
                    load(src, io + b * inLen, x, inLen);
                    line.run(x, w.scratch());
                    store(x, dst, oo + b * outLen, outLen);
                }
            }
            if (POOL.size() < POOL_SIZE) POOL.offerFirst(w);
        });
    }

    /**
     * LANES lines from {@code first} on: spread into the lanes (through {@code before} on the line buffer where
     * there is one), transformed together, gathered back into storage; {@code outLen / 2} complex values a line.
     */
    private static void group(HostStorage src, int io, int inLen, HostStorage dst, int oo, int outLen, int first,
                              Work w, Lanes lanes) {
        int m = lanes.plan().length(), L = LaneFft.LANES;
        double[] x = w.line(), re = w.re()[0], im = w.im()[0];
        boolean f32 = src.dtype() == DType.FLOAT32;
        for (int l = 0; l < L; l++) {
            int p = io + (first + l) * inLen;
            if (lanes.before() != null) {
                load(src, p, x, inLen);
                lanes.before().accept(x);
                for (int e = 0; e < m; e++) {
                    re[e * L + l] = x[2 * e];
                    im[e * L + l] = x[2 * e + 1];
                }
            } else if (f32) {
                float[] s = src.floats();
                for (int e = 0; e < m; e++) {
                    re[e * L + l] = s[p + 2 * e];
                    im[e * L + l] = s[p + 2 * e + 1];
                }
            } else {
                double[] s = src.doubles();
                for (int e = 0; e < m; e++) {
                    re[e * L + l] = s[p + 2 * e];
                    im[e * L + l] = s[p + 2 * e + 1];
                }
            }
        }
        int r = LaneFft.run(lanes.plan(), w.re(), w.im(), lanes.inverse());
        if (lanes.split() != null) r = LaneFft.split(lanes.split(), w.re(), w.im(), r);
        double[] rr = w.re()[r], ri = w.im()[r];
        int count = outLen / 2;
        for (int l = 0; l < L; l++) {
            int p = oo + (first + l) * outLen;
            if (f32) {
                float[] d = dst.floats();
                for (int e = 0; e < count; e++) {
                    d[p + 2 * e] = (float) rr[e * L + l];
                    d[p + 2 * e + 1] = (float) ri[e * L + l];
                }
            } else {
                double[] d = dst.doubles();
                for (int e = 0; e < count; e++) {
                    d[p + 2 * e] = rr[e * L + l];
                    d[p + 2 * e + 1] = ri[e * L + l];
                }
            }
        }
    }

    /**
     * {@link #group} in float lanes for float32 storage: FloatLaneFft.LANES lines from {@code first} on (through
     * {@code before}, which works in double on the line buffer, where there is one).
     */
    private static void floatGroup(HostStorage src, int io, int inLen, HostStorage dst, int oo, int outLen,
                                   int first, Work w, Lanes lanes) {
        int m = lanes.plan().length(), L = FloatLaneFft.LANES;
        double[] x = w.line();
        float[] re = w.fre()[0], im = w.fim()[0], s = src.floats();
        if (lanes.before() != null) {
            for (int l = 0; l < L; l++) {
                load(src, io + (first + l) * inLen, x, inLen);
                lanes.before().accept(x);
                for (int e = 0; e < m; e++) {
                    re[e * L + l] = (float) x[2 * e];
                    im[e * L + l] = (float) x[2 * e + 1];
                }
            }
        } else {
            // in blocks of elements, so that the lanes' writes stay in a few cache lines while the lines are read
            for (int e0 = 0; e0 < m; e0 += BLOCK) {
                int e1 = Math.min(m, e0 + BLOCK);
                for (int l = 0; l < L; l++) {
                    int p = io + (first + l) * inLen;
                    for (int e = e0; e < e1; e++) {
                        re[e * L + l] = s[p + 2 * e];
                        im[e * L + l] = s[p + 2 * e + 1];
                    }
                }
            }
        }
        int r = FloatLaneFft.run(lanes.plan(), w.fre(), w.fim(), lanes.inverse());
        if (lanes.split() != null) r = FloatLaneFft.split(lanes.split(), w.fre(), w.fim(), r);
        float[] rr = w.fre()[r], ri = w.fim()[r], d = dst.floats();
        int count = outLen / 2;
        for (int e0 = 0; e0 < count; e0 += BLOCK) {
            int e1 = Math.min(count, e0 + BLOCK);
            for (int l = 0; l < L; l++) {
                int p = oo + (first + l) * outLen;
                for (int e = e0; e < e1; e++) {
                    d[p + 2 * e] = rr[e * L + l];
                    d[p + 2 * e + 1] = ri[e * L + l];
                }
            }
        }
    }

    private static void load(HostStorage src, int at, double[] x, int len) {
        if (src.dtype() == DType.FLOAT32) {
            float[] s = src.floats();
            for (int i = 0; i < len; i++) x[i] = s[at + i];
        } else {
            System.arraycopy(src.doubles(), at, x, 0, len);
        }
    }

    private static void store(double[] x, HostStorage dst, int at, int len) {
        if (dst.dtype() == DType.FLOAT32) {
            float[] d = dst.floats();
            for (int i = 0; i < len; i++) d[at + i] = (float) x[i];
        } else {
            System.arraycopy(x, 0, dst.doubles(), at, len);
        }
    }

    /** Idle buffers that fit this call (those that do not are dropped on the way), or new ones. */
    private static Work acquire(ComplexTransform plan, int bufferLen, boolean lanes, boolean floats) {
        for (Work w; (w = POOL.pollFirst()) != null; ) {
            if (w.plan() == plan && w.line().length >= bufferLen && (!lanes || w.re() != null)
                    && (!floats || w.fre() != null)) return w;
        }
        // one element more than the transform's length: the real DFT's n/2 + 1 coefficients of n/2 complex values
        int size = lanes ? (plan.length() + 1) * LaneFft.LANES : 0;
        double[][] re = lanes ? new double[][] {new double[size], new double[size]} : null;
        double[][] im = lanes ? new double[][] {new double[size], new double[size]} : null;
        int fsize = floats ? (plan.length() + 1) * FloatLaneFft.LANES : 0;
        float[][] fre = floats ? new float[][] {new float[fsize], new float[fsize]} : null;
        float[][] fim = floats ? new float[][] {new float[fsize], new float[fsize]} : null;
        return new Work(plan, plan.newScratch(), new double[bufferLen], re, im, fre, fim);
    }
}
