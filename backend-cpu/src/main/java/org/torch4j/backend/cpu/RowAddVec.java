package org.torch4j.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code d[t + i] += s[f + i]} over a dense run of float32 or float64 in SIMD lanes: index_add's and
 * index_put's accumulated rows, and the rows of a narrow block of a column sum. The JIT leaves the scalar loop unvectorised (target and source may be one
 * array), which made it three times slower. Each element is one IEEE addition either way, so results are
 * the same. Loaded only where the Vector API is enabled.
 */
final class RowAddVec {
    private RowAddVec() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    /** Adds {@code s[f, f + n)} into {@code d[t, t + n)}; the two ranges must not overlap. */
    static void add(float[] d, int t, float[] s, int f, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            FloatVector.fromArray(F, d, t + i).add(FloatVector.fromArray(F, s, f + i)).intoArray(d, t + i);
        }
        for (; i < n; i++) d[t + i] += s[f + i];
    }

    /** Adds {@code s[f, f + n)} into {@code d[t, t + n)}; the two ranges must not overlap. */
    static void add(double[] d, int t, double[] s, int f, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            DoubleVector.fromArray(D, d, t + i).add(DoubleVector.fromArray(D, s, f + i)).intoArray(d, t + i);
        }
        for (; i < n; i++) d[t + i] += s[f + i];
    }

    /**
     * The widest block {@link #addRows} is used for: eight vectors. Wider rows amortise a call per row over
     * enough elements ([2048, 1024].sum(0) runs at the speed of its loads either way).
     */
    static int narrowRow() {
        return 8 * F.length();
    }

    /**
     * Adds {@code rows} rows of {@code n} floats, {@code stride} apart from {@code s[f]}, into {@code d[0, n)}, a
     * vector of columns at a time down all the rows in one register: the same additions in the same order as row by
     * row, without a call per row (a column sum of [2^20, 16] spent most of its time in those calls, [256, 64] too).
     */
    static void addRows(float[] d, float[] s, int f, int stride, int rows, int n) {
        int c = 0;
        for (int end = F.loopBound(n); c < end; c += F.length()) {
            FloatVector acc = FloatVector.fromArray(F, d, c);
            for (int r = 0, at = f + c; r < rows; r++, at += stride) acc = acc.add(FloatVector.fromArray(F, s, at));
            acc.intoArray(d, c);
        }
        if (c < n) {
            VectorMask<Float> m = F.indexInRange(c, n);
            FloatVector acc = FloatVector.fromArray(F, d, c, m);
            for (int r = 0, at = f + c; r < rows; r++, at += stride) acc = acc.add(FloatVector.fromArray(F, s, at, m));
            acc.intoArray(d, c, m);
        }
    }
}
