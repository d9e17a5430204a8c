package org.torch4j.backend.cpu;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The largest or smallest of a long block in SIMD lanes: the JIT does not vectorise a scalar max reduction, and
 * integer maxima are exact in any order. Loaded only where the Vector API is enabled.
 */
final class LongFoldVec {
    private LongFoldVec() {}

    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;

    /** max (or min) of acc and a[0, n). */
    static long extreme(boolean max, long acc, long[] a, int n) {
        int i = 0;
        int end = S.loopBound(n);
        if (end > 0) {
            LongVector v = LongVector.broadcast(S, acc);
            // the operator is a constant at each call: a variable one would not be intrinsified
            if (max) {
                for (; i < end; i += S.length()) v = v.max(LongVector.fromArray(S, a, i));
                acc = v.reduceLanes(VectorOperators.MAX);
            } else {
                for (; i < end; i += S.length()) v = v.min(LongVector.fromArray(S, a, i));
                acc = v.reduceLanes(VectorOperators.MIN);
            }
        }
        for (; i < n; i++) acc = max ? Math.max(acc, a[i]) : Math.min(acc, a[i]);
        return acc;
    }
}
