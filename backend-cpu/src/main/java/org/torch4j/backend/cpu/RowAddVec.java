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

    /** The most floats {@link #addRows} takes per row: one vector. */
    static int narrowRow() {
        return F.length();
    }

    /**
     * Adds {@code rows} rows of {@code n <= narrowRow()} floats, {@code stride} apart from {@code s[f]}, into
     * {@code d[0, n)}, one row after another in one vector register: the same additions in the same order as row by
     * row, without a call per row (a column sum of [2^20, 16] spent most of its time in those calls).
     */
    static void addRows(float[] d, float[] s, int f, int stride, int rows, int n) {
        VectorMask<Float> m = F.indexInRange(0, n);
        FloatVector acc = FloatVector.fromArray(F, d, 0, m);
        for (int r = 0; r < rows; r++, f += stride) acc = acc.add(FloatVector.fromArray(F, s, f, m));
        acc.intoArray(d, 0, m);
    }
}
