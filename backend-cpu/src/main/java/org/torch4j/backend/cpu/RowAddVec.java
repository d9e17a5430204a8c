package org.torch4j.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code d[t + i] += s[f + i]} over a dense run of float32 or float64 in SIMD lanes: index_add's and
 * index_put's accumulated rows. The JIT leaves the scalar loop unvectorised (target and source may be one
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
}
