package org.torch4j.backend.cpu;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The largest or smallest of a long block, or of a dense int32 run, in SIMD lanes: the JIT does not vectorise a
 * scalar max reduction, and integer maxima are exact in any order. Loaded only where the Vector API is enabled.
 */
final class IntegerExtremesVec {
    private IntegerExtremesVec() {}

    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

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

    /** max (or min) of acc and a[off, off + n), read as int32 without widening each element to a long first. */
    static long extreme(boolean max, long acc, int[] a, int off, int n) {
        int i = 0;
        int end = I.loopBound(n);
        if (end > 0) {
            IntVector v = IntVector.fromArray(I, a, off);
            if (max) {
                for (i = I.length(); i < end; i += I.length()) v = v.max(IntVector.fromArray(I, a, off + i));
                acc = Math.max(acc, v.reduceLanes(VectorOperators.MAX));
            } else {
                for (i = I.length(); i < end; i += I.length()) v = v.min(IntVector.fromArray(I, a, off + i));
                acc = Math.min(acc, v.reduceLanes(VectorOperators.MIN));
            }
        }
        for (; i < n; i++) acc = max ? Math.max(acc, a[off + i]) : Math.min(acc, a[off + i]);
        return acc;
    }
}
