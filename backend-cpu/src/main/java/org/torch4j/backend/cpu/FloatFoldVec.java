package org.torch4j.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.torch4j.spi.ReduceOp;

/** The SIMD loops of {@link FloatFold}; loaded only when the Vector API is available. */
final class FloatFoldVec {
    private FloatFoldVec() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    static double fold(ReduceOp op, float[] a, int off, int n) {
        return switch (op) {
            case SUM -> sum(a, off, n);
            case MAX -> extreme(true, a, off, n);
            case MIN -> extreme(false, a, off, n);
            default -> FloatFold.scalar(op, a, off, n);
        };
    }

    private static double sum(float[] a, int off, int n) {
        if (n <= FloatFold.CHUNK) return chunkSum(a, off, n);   // as ChunkFolds' one chunk, without its lambda
        return ChunkFolds.total(n, FloatFold.CHUNK, c -> chunkSum(a, off + c * FloatFold.CHUNK, Math.min(FloatFold.CHUNK, n - c * FloatFold.CHUNK)));
    }

    /** A chunk's sum: four float vector accumulators, their lanes added in a fixed order, then the tail. */
    private static double chunkSum(float[] a, int base, int len) {
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
        int i = 0;
        for (int b = len - 4 * L; i <= b; i += 4 * L) {
            s0 = s0.add(FloatVector.fromArray(S, a, base + i));
            s1 = s1.add(FloatVector.fromArray(S, a, base + i + L));
            s2 = s2.add(FloatVector.fromArray(S, a, base + i + 2 * L));
            s3 = s3.add(FloatVector.fromArray(S, a, base + i + 3 * L));
        }
        for (int b = S.loopBound(len); i < b; i += L) s0 = s0.add(FloatVector.fromArray(S, a, base + i));
        float tail = 0;
        for (; i < len; i++) tail += a[base + i];
        return (double) LaneSums.sum(s0.add(s1)) + LaneSums.sum(s2.add(s3)) + tail;
    }

    /** The run's largest (or smallest) element, a NaN if any is NaN: chunk by chunk, on all threads where the run is long. */
    private static double extreme(boolean max, float[] a, int off, int n) {
        if (n <= FloatFold.CHUNK) return chunkExtreme(max, a, off, n);
        return ChunkFolds.fold(n, FloatFold.CHUNK,
                c -> chunkExtreme(max, a, off + c * FloatFold.CHUNK, Math.min(FloatFold.CHUNK, n - c * FloatFold.CHUNK)),
                max ? Math::max : Math::min);
    }

    /** Four vector accumulators, so the comparisons do not wait on each other. */
    private static float chunkExtreme(boolean max, float[] a, int base, int len) {
        VectorOperators.Binary op = max ? VectorOperators.MAX : VectorOperators.MIN;
        FloatVector m0 = FloatVector.broadcast(S, max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY), m1 = m0, m2 = m0, m3 = m0;
        int i = 0;
        for (int b = len - 4 * L; i <= b; i += 4 * L) {
            m0 = m0.lanewise(op, FloatVector.fromArray(S, a, base + i));
            m1 = m1.lanewise(op, FloatVector.fromArray(S, a, base + i + L));
            m2 = m2.lanewise(op, FloatVector.fromArray(S, a, base + i + 2 * L));
            m3 = m3.lanewise(op, FloatVector.fromArray(S, a, base + i + 3 * L));
        }
        for (int b = S.loopBound(len); i < b; i += L) m0 = m0.lanewise(op, FloatVector.fromArray(S, a, base + i));
        float r = m0.lanewise(op, m1).lanewise(op, m2.lanewise(op, m3)).reduceLanes(max ? VectorOperators.MAX : VectorOperators.MIN);
        for (; i < len; i++) r = max ? Math.max(r, a[base + i]) : Math.min(r, a[base + i]);
        return r;
    }
}
