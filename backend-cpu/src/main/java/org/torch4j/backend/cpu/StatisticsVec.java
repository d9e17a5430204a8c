package org.torch4j.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD loops of {@link Statistics} over a dense run, chunk by chunk ({@link ChunkFolds}: on all threads where the
 * run is long, the chunks' results added in chunk order). Deviations are taken and squared in double lanes, float
 * elements widened first; sums of float squares are kept in float lanes within a chunk, as {@link FloatFoldVec}'s
 * sums. Loaded only where the Vector API is enabled.
 */
final class StatisticsVec {
    private StatisticsVec() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Float lanes loaded at a time to widen into one double vector. */
    private static final VectorSpecies<Float> F_HALF = VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final int CHUNK = 4096;

    /** Adds the run's deviations from {@code mean} to {@code d[0]} and their squares to {@code d[1]} ({@code a} float[] or double[]). */
    static void deviations(Object a, int off, int n, double mean, double[] d) {
        int chunks = ChunkFolds.chunks(n, CHUNK);
        double[] sums = new double[2 * chunks];
        ChunkFolds.forEach(n, CHUNK, c -> {
            int base = off + c * CHUNK, len = Math.min(CHUNK, n - c * CHUNK);
            if (a instanceof float[] f) deviations(f, base, len, mean, sums, 2 * c);
            else deviations((double[]) a, base, len, mean, sums, 2 * c);
        });
        double s = 0, s2 = 0;
        for (int c = 0; c < chunks; c++) {
            s += sums[2 * c];
            s2 += sums[2 * c + 1];
        }
        d[0] += s;
        d[1] += s2;
    }

    private static void deviations(float[] a, int base, int len, double mean, double[] out, int at) {
        DoubleVector m = DoubleVector.broadcast(D, mean);
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, q0 = s0, q1 = s0;
        int l = D.length(), i = 0;
        for (int b = len - 2 * l; i <= b; i += 2 * l) {
            DoubleVector x0 = widened(a, base + i).sub(m), x1 = widened(a, base + i + l).sub(m);
            s0 = s0.add(x0);
            s1 = s1.add(x1);
            q0 = x0.fma(x0, q0);
            q1 = x1.fma(x1, q1);
        }
        double s = LaneSums.sum(s0.add(s1)), q = LaneSums.sum(q0.add(q1));
        for (; i < len; i++) {
            double x = a[base + i] - mean;
            s += x;
            q += x * x;
        }
        out[at] = s;
        out[at + 1] = q;
    }

    private static void deviations(double[] a, int base, int len, double mean, double[] out, int at) {
        DoubleVector m = DoubleVector.broadcast(D, mean);
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, q0 = s0, q1 = s0;
        int l = D.length(), i = 0;
        for (int b = len - 2 * l; i <= b; i += 2 * l) {
            DoubleVector x0 = DoubleVector.fromArray(D, a, base + i).sub(m), x1 = DoubleVector.fromArray(D, a, base + i + l).sub(m);
            s0 = s0.add(x0);
            s1 = s1.add(x1);
            q0 = x0.fma(x0, q0);
            q1 = x1.fma(x1, q1);
        }
        double s = LaneSums.sum(s0.add(s1)), q = LaneSums.sum(q0.add(q1));
        for (; i < len; i++) {
            double x = a[base + i] - mean;
            s += x;
            q += x * x;
        }
        out[at] = s;
        out[at + 1] = q;
    }

    /** D.length() floats from {@code i}, widened to doubles. */
    private static DoubleVector widened(float[] a, int i) {
        return (DoubleVector) FloatVector.fromArray(F_HALF, a, i).convertShape(VectorOperators.F2D, D, 0);
    }

    /** The run's sum of squares ({@code a} float[] or double[]). */
    static double sumSquares(Object a, int off, int n) {
        return ChunkFolds.total(n, CHUNK, c -> {
            int base = off + c * CHUNK, len = Math.min(CHUNK, n - c * CHUNK);
            return a instanceof float[] f ? sumSquares(f, base, len) : sumSquares((double[]) a, base, len);
        });
    }

    private static double sumSquares(float[] a, int base, int len) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        int l = F.length(), i = 0;
        for (int b = len - 4 * l; i <= b; i += 4 * l) {
            FloatVector x0 = FloatVector.fromArray(F, a, base + i), x1 = FloatVector.fromArray(F, a, base + i + l);
            FloatVector x2 = FloatVector.fromArray(F, a, base + i + 2 * l), x3 = FloatVector.fromArray(F, a, base + i + 3 * l);
            s0 = x0.fma(x0, s0);
            s1 = x1.fma(x1, s1);
            s2 = x2.fma(x2, s2);
            s3 = x3.fma(x3, s3);
        }
        double s = (double) LaneSums.sum(s0.add(s1)) + LaneSums.sum(s2.add(s3));
        for (; i < len; i++) s += a[base + i] * a[base + i];
        return s;
    }

    private static double sumSquares(double[] a, int base, int len) {
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0;
        int l = D.length(), i = 0;
        for (int b = len - 4 * l; i <= b; i += 4 * l) {
            DoubleVector x0 = DoubleVector.fromArray(D, a, base + i), x1 = DoubleVector.fromArray(D, a, base + i + l);
            DoubleVector x2 = DoubleVector.fromArray(D, a, base + i + 2 * l), x3 = DoubleVector.fromArray(D, a, base + i + 3 * l);
            s0 = x0.fma(x0, s0);
            s1 = x1.fma(x1, s1);
            s2 = x2.fma(x2, s2);
            s3 = x3.fma(x3, s3);
        }
        double s = LaneSums.sum(s0.add(s1)) + LaneSums.sum(s2.add(s3));
        for (; i < len; i++) s += a[base + i] * a[base + i];
        return s;
    }

    // ---- narrow column blocks (x.var(0) of [N, C <= 2 double lanes]): a row's columns in two double vectors ----
    // (row loops of a few columns each spent most of their time entering and leaving a loop per row)

    /** The most columns the row loops below take: two double vectors. */
    static int narrowColumns() {
        return 2 * D.length();
    }

    /** Adds {@code rows} dense rows of {@code n} float columns, {@code rowStride} apart from {@code off}, to {@code s}. */
    static void addRows(float[] a, int off, int rows, int rowStride, int n, double[] s) {
        int l = D.length();
        VectorMask<Float> f0 = F_HALF.indexInRange(0, n), f1 = F_HALF.indexInRange(l, n);
        VectorMask<Double> d0 = D.indexInRange(0, n), d1 = D.indexInRange(l, n);
        DoubleVector s0 = DoubleVector.fromArray(D, s, 0, d0), s1 = DoubleVector.fromArray(D, s, l, d1);
        for (int r = 0; r < rows; r++, off += rowStride) {
            s0 = s0.add(widened(a, off, f0));
            s1 = s1.add(widened(a, off + l, f1));
        }
        s0.intoArray(s, 0, d0);
        s1.intoArray(s, l, d1);
    }

    /** As {@link #addRows}, the deviations from {@code mean} to {@code s} and their squares to {@code q}. */
    static void deviationRows(float[] a, int off, int rows, int rowStride, int n, double[] mean, double[] s, double[] q) {
        int l = D.length();
        VectorMask<Float> f0 = F_HALF.indexInRange(0, n), f1 = F_HALF.indexInRange(l, n);
        VectorMask<Double> d0 = D.indexInRange(0, n), d1 = D.indexInRange(l, n);
        DoubleVector m0 = DoubleVector.fromArray(D, mean, 0, d0), m1 = DoubleVector.fromArray(D, mean, l, d1);
        DoubleVector s0 = DoubleVector.fromArray(D, s, 0, d0), s1 = DoubleVector.fromArray(D, s, l, d1);
        DoubleVector q0 = DoubleVector.fromArray(D, q, 0, d0), q1 = DoubleVector.fromArray(D, q, l, d1);
        for (int r = 0; r < rows; r++, off += rowStride) {
            DoubleVector x0 = widened(a, off, f0).sub(m0), x1 = widened(a, off + l, f1).sub(m1);
            s0 = s0.add(x0);
            s1 = s1.add(x1);
            q0 = q0.add(x0.mul(x0));
            q1 = q1.add(x1.mul(x1));
        }
        s0.intoArray(s, 0, d0);
        s1.intoArray(s, l, d1);
        q0.intoArray(q, 0, d0);
        q1.intoArray(q, l, d1);
    }

    /** As {@link #addRows}, the squares (rounded to float, as the scalar loops') to {@code q}. */
    static void squareRows(float[] a, int off, int rows, int rowStride, int n, double[] q) {
        int l = D.length();
        VectorMask<Float> f0 = F_HALF.indexInRange(0, n), f1 = F_HALF.indexInRange(l, n);
        VectorMask<Double> d0 = D.indexInRange(0, n), d1 = D.indexInRange(l, n);
        DoubleVector q0 = DoubleVector.fromArray(D, q, 0, d0), q1 = DoubleVector.fromArray(D, q, l, d1);
        for (int r = 0; r < rows; r++, off += rowStride) {
            FloatVector x0 = FloatVector.fromArray(F_HALF, a, off, f0), x1 = FloatVector.fromArray(F_HALF, a, off + l, f1);
            q0 = q0.add((DoubleVector) x0.mul(x0).convertShape(VectorOperators.F2D, D, 0));
            q1 = q1.add((DoubleVector) x1.mul(x1).convertShape(VectorOperators.F2D, D, 0));
        }
        q0.intoArray(q, 0, d0);
        q1.intoArray(q, l, d1);
    }

    /** D.length() floats from {@code i} where {@code m} is set (0 elsewhere), widened to doubles. */
    private static DoubleVector widened(float[] a, int i, VectorMask<Float> m) {
        return (DoubleVector) FloatVector.fromArray(F_HALF, a, i, m).convertShape(VectorOperators.F2D, D, 0);
    }
}
