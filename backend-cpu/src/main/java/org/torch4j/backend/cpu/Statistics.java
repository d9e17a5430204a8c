package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * Variances and 2-norms over reduced dims, each output folded from its reduced runs in double where
 * {@link Reduce}'s inner strategy would fold it (the densest dim reduced, a full reduction included): one kernel
 * where the api composed a float64 copy, the mean, the deviations, their squares and a sum (five passes and four
 * tensors; {@code abs}, a product and a sum for the norm). The variance takes two passes, the mean and then the
 * deviations {@code d} from it, whose sum corrects the mean's rounding: {@code (sum d^2 - (sum d)^2 / n) /
 * max(0, n - correction)}. Float32 and float64 only; other dtypes and layouts return false, and the api composes.
 */
final class Statistics {
    private Statistics() {}

    /** {@code out} = the variance (its square root with {@code sqrt}) of {@code in} over {@code dims}, in out's dtype (in's). */
    static boolean variance(Strided out, Strided in, int[] dims, double correction, boolean sqrt) {
        return perOutput(out, in, dims, (a, base, l) -> {
            long n = l.reducedCount();
            double[] s = new double[1];
            forEachRun(l, base, (off, len, stride) -> s[0] += sum(a, off, len, stride));
            double mean = s[0] / n;
            double[] d = new double[2];
            forEachRun(l, base, (off, len, stride) -> deviations(a, off, len, stride, mean, d));
            // d[1] >= d[0]^2 / n but for rounding (a constant's deviations are all the mean's error); NaN stays NaN
            double var = Math.max(0, d[1] - d[0] * d[0] / n) / Math.max(0, n - correction);
            return sqrt ? Math.sqrt(var) : var;
        });
    }

    /** {@code out} = the 2-norm of {@code in} over {@code dims}: the square root of the sum of squares. */
    static boolean norm2(Strided out, Strided in, int[] dims) {
        return perOutput(out, in, dims, (a, base, l) -> {
            double[] s = new double[1];
            forEachRun(l, base, (off, len, stride) -> s[0] += sumSquares(a, off, len, stride));
            return Math.sqrt(s[0]);
        });
    }

    /** One output's value from the reduced block at {@code base} of the input's array {@code a}. */
    private interface OutputFold {
        double apply(Object a, int base, Reduce.Layout l);
    }

    /** A contiguous-in-index run of the reduced block: {@code len} elements from {@code off}, {@code stride} apart. */
    private interface Run {
        void accept(int off, int len, int stride);
    }

    private static boolean perOutput(Strided out, Strided in, int[] dims, OutputFold fold) {
        DType dtype = in.dtype();
        if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64 || out.dtype() != dtype || in.rank() == 0 || in.numel() == 0) {
            return false;
        }
        boolean[] reduced = new boolean[in.rank()];
        for (int d : dims) reduced[d] = true;
        Reduce.Layout l = Reduce.Layout.of(in, reduced);
        if (!l.innerReduced()) return false;
        Object a = ((HostStorage) in.storage()).array();
        Object o = ((HostStorage) out.storage()).array();
        int[] keptShape = l.keptShape();
        int[] outStrides = Reduce.outStrides(l, out);
        int outBase = Math.toIntExact(out.offset());
        long outputs = l.keptCount();
        long work = outputs * l.reducedCount();
        int grain = (int) Math.max(1, Elementwise.CHEAP_GRAIN / l.reducedCount());
        Parallel.forRange((int) outputs, work < Elementwise.CHEAP_GRAIN ? Integer.MAX_VALUE : grain, (start, end) -> {
            int[] idx = new int[keptShape.length];
            Reduce.unravel(start, keptShape, idx);
            for (int i = start; i < end; i++) {
                double v = fold.apply(a, l.base() + Reduce.dot(idx, l.keptStrides()), l);
                int at = outBase + Reduce.dot(idx, outStrides);
                if (o instanceof float[] f) f[at] = (float) v;
                else ((double[]) o)[at] = v;
                Reduce.increment(idx, keptShape);
            }
        });
        return true;
    }

    private static void forEachRun(Reduce.Layout l, int base, Run run) {
        int[] shape = l.reducedShape();
        int last = shape.length - 1;
        int[] idx = new int[shape.length];
        long rows = l.reducedCount() / shape[last];
        for (long r = 0; r < rows; r++) {
            run.accept(base + Reduce.dot(idx, l.reducedStrides()), shape[last], l.reducedStrides()[last]);
            Reduce.incrementOuter(idx, shape);
        }
    }

    /** Runs this long and dense go to the SIMD loops. */
    private static boolean vectorised(int len, int stride) {
        return Simd.ENABLED && stride == 1 && len >= 64;
    }

    private static double sum(Object a, int off, int len, int stride) {
        if (a instanceof float[] f && stride == 1) return FloatFold.fold(org.torch4j.spi.ReduceOp.SUM, f, off, len);
        if (a instanceof double[] d && vectorised(len, stride)) return DoubleFoldVec.sum(d, off, len);
        double s = 0;
        for (int i = 0; i < len; i++) s += value(a, off + i * stride);
        return s;
    }

    /** Adds the run's deviations from {@code mean} to {@code d[0]} and their squares to {@code d[1]}. */
    private static void deviations(Object a, int off, int len, int stride, double mean, double[] d) {
        if (vectorised(len, stride)) {
            StatisticsVec.deviations(a, off, len, mean, d);
            return;
        }
        double s = 0, s2 = 0;
        for (int i = 0; i < len; i++) {
            double x = value(a, off + i * stride) - mean;
            s += x;
            s2 += x * x;
        }
        d[0] += s;
        d[1] += s2;
    }

    private static double sumSquares(Object a, int off, int len, int stride) {
        if (vectorised(len, stride)) return StatisticsVec.sumSquares(a, off, len);
        double s = 0;
        if (a instanceof float[] f) {
            // float squares, as PyTorch's (and the SIMD lanes'): 1e-30f squared is 0, 1e20f squared infinite
            for (int i = 0; i < len; i++) s += f[off + i * stride] * f[off + i * stride];
        } else {
            double[] d = (double[]) a;
            for (int i = 0; i < len; i++) s += d[off + i * stride] * d[off + i * stride];
        }
        return s;
    }

    private static double value(Object a, int i) {
        return a instanceof float[] f ? f[i] : ((double[]) a)[i];
    }
}
