package org.torch4j.backend.cpu;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * Variances and 2-norms over reduced dims, folded in double: each output from its reduced runs where the densest dim
 * is reduced (a full reduction included), blocks of neighbouring outputs row by row where it is kept. One kernel
 * where the api composed a float64 copy, the mean, the deviations, their squares and a sum (five passes and four
 * tensors; {@code abs}, a product and a sum for the norm). The variance takes two passes, the mean and then the
 * deviations {@code d} from it, whose sum corrects the mean's rounding: {@code (sum d^2 - (sum d)^2 / n) /
 * max(0, n - correction)}. Float32 and float64 only; other dtypes return false, and the api composes.
 */
final class Statistics {
    private Statistics() {}

    /** {@code out} = the variance (its square root with {@code sqrt}) of {@code in} over {@code dims}, in out's dtype (in's). */
    static boolean variance(Strided out, Strided in, int[] dims, double correction, boolean sqrt) {
        Reduce.Layout layout = supported(out, in, dims);
        if (layout == null) return false;
        if (layout.innerReduced()) {
            perOutput(out, in, layout, (a, base, l) -> {
                long n = l.reducedCount();
                double[] s = new double[1];
                forEachRun(l, base, (off, len, stride) -> s[0] += sum(a, off, len, stride));
                double mean = s[0] / n;
                double[] d = new double[2];
                forEachRun(l, base, (off, len, stride) -> deviations(a, off, len, stride, mean, d));
                return variance(d[0], d[1], n, correction, sqrt);
            });
        } else {
            perColumns(out, in, layout, (a, base, len, stride, l, r) -> {
                long n = l.reducedCount();
                double[] mean = new double[len], d = new double[len];
                forEachRun(l, base, (off, rows, rowStride) -> addColumns(a, off, rows, rowStride, len, stride, mean));
                for (int j = 0; j < len; j++) mean[j] /= n;
                Arrays.fill(r, 0, len, 0);
                forEachRun(l, base, (off, rows, rowStride) -> deviationColumns(a, off, rows, rowStride, len, stride, mean, d, r));
                for (int j = 0; j < len; j++) r[j] = variance(d[j], r[j], n, correction, sqrt);
            });
        }
        return true;
    }

    /**
     * The variance from the deviations' sum and their squares' sum: {@code sumSq >= sum^2 / n} but for rounding (a
     * constant's deviations are all the mean's error); NaN stays NaN.
     */
    private static double variance(double sum, double sumSq, long n, double correction, boolean sqrt) {
        double var = Math.max(0, sumSq - sum * sum / n) / Math.max(0, n - correction);
        return sqrt ? Math.sqrt(var) : var;
    }

    /** {@code out} = the 2-norm of {@code in} over {@code dims}: the square root of the sum of squares. */
    static boolean norm2(Strided out, Strided in, int[] dims) {
        Reduce.Layout layout = supported(out, in, dims);
        if (layout == null) return false;
        if (layout.innerReduced()) {
            perOutput(out, in, layout, (a, base, l) -> {
                double[] s = new double[1];
                forEachRun(l, base, (off, len, stride) -> s[0] += sumSquares(a, off, len, stride));
                return Math.sqrt(s[0]);
            });
        } else {
            perColumns(out, in, layout, (a, base, len, stride, l, r) -> {
                Arrays.fill(r, 0, len, 0);
                forEachRun(l, base, (off, rows, rowStride) -> squareColumns(a, off, rows, rowStride, len, stride, r));
                for (int j = 0; j < len; j++) r[j] = Math.sqrt(r[j]);
            });
        }
        return true;
    }

    /** One output's value from the reduced block at {@code base} of the input's array {@code a}. */
    private interface OutputFold {
        double apply(Object a, int base, Reduce.Layout l);
    }

    /**
     * The values of {@code len} neighbouring outputs (columns {@code stride} apart from {@code base}, each folded down
     * the reduced rows) into {@code result[0 .. len)}.
     */
    private interface ColumnsFold {
        void apply(Object a, int base, int len, int stride, Reduce.Layout l, double[] result);
    }

    /**
     * A run of the reduced block along its last dim: {@code len} elements (for the columns path, rows) from
     * {@code off}, {@code stride} apart.
     */
    private interface Run {
        void accept(int off, int len, int stride);
    }

    /** The reduction's layout where these kernels take its operands (float32 or float64, not empty), else null. */
    private static Reduce.Layout supported(Strided out, Strided in, int[] dims) {
        DType dtype = in.dtype();
        if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64 || out.dtype() != dtype || in.rank() == 0 || in.numel() == 0) {
            return null;
        }
        boolean[] reduced = new boolean[in.rank()];
        for (int d : dims) reduced[d] = true;
        return Reduce.Layout.of(in, reduced);
    }

    /** The densest dim reduced: each output folds its own runs (outputs split across threads). */
    private static void perOutput(Strided out, Strided in, Reduce.Layout l, OutputFold fold) {
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
                store(o, outBase + Reduce.dot(idx, outStrides), fold.apply(a, l.base() + Reduce.dot(idx, l.keptStrides()), l));
                Reduce.increment(idx, keptShape);
            }
        });
    }

    /**
     * The densest dim kept ({@code x.var(0)} of [N, C]): the outputs in {@link ColumnBlocks}, each block folded
     * together, row by row, as a task.
     */
    private static void perColumns(Strided out, Strided in, Reduce.Layout l, ColumnsFold fold) {
        Object a = ((HostStorage) in.storage()).array();
        Object o = ((HostStorage) out.storage()).array();
        ColumnBlocks cols = new ColumnBlocks(l);
        int[] outStrides = Reduce.outStrides(l, out);
        int outBase = Math.toIntExact(out.offset()), innerOut = cols.innerStride(outStrides);
        long work = l.keptCount() * l.reducedCount();
        int grain = (int) Math.max(1, Elementwise.CHEAP_GRAIN / ((long) DomainIO.BLOCK * l.reducedCount()));
        Parallel.forRange(cols.tasks, work < Elementwise.CHEAP_GRAIN ? Integer.MAX_VALUE : grain, (start, end) -> {
            double[] r = new double[DomainIO.BLOCK];
            for (int t = start; t < end; t++) {
                int len = cols.len(t);
                fold.apply(a, cols.offset(t, l.keptStrides(), l.base()), len, cols.innerIn, l, r);
                int at = cols.offset(t, outStrides, outBase);
                for (int j = 0; j < len; j++) store(o, at + j * innerOut, r[j]);
            }
        });
    }

    private static void store(Object o, int at, double v) {
        if (o instanceof float[] f) f[at] = (float) v;
        else ((double[]) o)[at] = v;
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

    // the column loops each come in a dense form (stride 1), which C2 vectorises, and a strided one; copying rows into a
    // double buffer first would share them between float and double but costs 2x on short rows ([65536, 64].var(0))

    /** Dense float rows of a few columns, which the SIMD row loops hold in registers. */
    private static boolean narrow(Object a, int len, int stride) {
        return Simd.ENABLED && stride == 1 && a instanceof float[] && len <= StatisticsVec.narrowColumns();
    }

    /** Adds {@code rows} rows ({@code rowStride} apart from {@code off}) of the {@code len} columns to {@code s}. */
    private static void addColumns(Object a, int off, int rows, int rowStride, int len, int stride, double[] s) {
        if (narrow(a, len, stride)) StatisticsVec.addRows((float[]) a, off, rows, rowStride, len, s);
        else for (int r = 0; r < rows; r++, off += rowStride) addColumns(a, off, len, stride, s);
    }

    private static void addColumns(Object a, int off, int len, int stride, double[] s) {
        if (a instanceof float[] f) {
            if (stride == 1) for (int j = 0; j < len; j++) s[j] += f[off + j];
            else for (int j = 0; j < len; j++) s[j] += f[off + j * stride];
        } else {
            double[] d = (double[]) a;
            if (stride == 1) for (int j = 0; j < len; j++) s[j] += d[off + j];
            else for (int j = 0; j < len; j++) s[j] += d[off + j * stride];
        }
    }

    /** Adds the deviations of the rows' columns from their means to {@code s} and their squares to {@code q}. */
    private static void deviationColumns(Object a, int off, int rows, int rowStride, int len, int stride, double[] mean,
                                         double[] s, double[] q) {
        if (narrow(a, len, stride)) StatisticsVec.deviationRows((float[]) a, off, rows, rowStride, len, mean, s, q);
        else for (int r = 0; r < rows; r++, off += rowStride) deviationColumns(a, off, len, stride, mean, s, q);
    }

    private static void deviationColumns(Object a, int off, int len, int stride, double[] mean, double[] s, double[] q) {
        if (a instanceof float[] f) {
            if (stride == 1) {
                for (int j = 0; j < len; j++) {
                    double x = f[off + j] - mean[j];
                    s[j] += x;
                    q[j] += x * x;
                }
            } else {
                for (int j = 0; j < len; j++) {
                    double x = f[off + j * stride] - mean[j];
                    s[j] += x;
                    q[j] += x * x;
                }
            }
        } else {
            double[] d = (double[]) a;
            if (stride == 1) {
                for (int j = 0; j < len; j++) {
                    double x = d[off + j] - mean[j];
                    s[j] += x;
                    q[j] += x * x;
                }
            } else {
                for (int j = 0; j < len; j++) {
                    double x = d[off + j * stride] - mean[j];
                    s[j] += x;
                    q[j] += x * x;
                }
            }
        }
    }

    /** Adds the squares of the rows' columns to {@code q}: float squares of float elements, as {@link #sumSquares}. */
    private static void squareColumns(Object a, int off, int rows, int rowStride, int len, int stride, double[] q) {
        if (narrow(a, len, stride)) StatisticsVec.squareRows((float[]) a, off, rows, rowStride, len, q);
        else for (int r = 0; r < rows; r++, off += rowStride) squareColumns(a, off, len, stride, q);
    }

    private static void squareColumns(Object a, int off, int len, int stride, double[] q) {
        if (a instanceof float[] f) {
            if (stride == 1) for (int j = 0; j < len; j++) q[j] += f[off + j] * f[off + j];
            else for (int j = 0; j < len; j++) q[j] += f[off + j * stride] * f[off + j * stride];
        } else {
            double[] d = (double[]) a;
            if (stride == 1) for (int j = 0; j < len; j++) q[j] += d[off + j] * d[off + j];
            else for (int j = 0; j < len; j++) q[j] += d[off + j * stride] * d[off + j * stride];
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
