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
            case MAX -> max(a, off, n);
            case MIN -> min(a, off, n);
            default -> FloatFold.scalar(op, a, off, n);
        };
    }

    private static double sum(float[] a, int off, int n) {
        return ChunkSums.total(n, FloatFold.CHUNK, c -> chunkSum(a, off + c * FloatFold.CHUNK, Math.min(FloatFold.CHUNK, n - c * FloatFold.CHUNK)));
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

    private static double max(float[] a, int off, int n) {
        FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) m = m.max(FloatVector.fromArray(S, a, off + i));
        float r = m.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) r = Math.max(r, a[off + i]);
        return r;
    }

    private static double min(float[] a, int off, int n) {
        FloatVector m = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) m = m.min(FloatVector.fromArray(S, a, off + i));
        float r = m.reduceLanes(VectorOperators.MIN);
        for (; i < n; i++) r = Math.min(r, a[off + i]);
        return r;
    }
}
