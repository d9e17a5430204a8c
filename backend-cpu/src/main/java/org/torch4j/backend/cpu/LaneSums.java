package org.torch4j.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sums of a vector's lanes in one fixed order: pairwise, lane i with lane i + n/2, then again on the first half,
 * down to one. {@code reduceLanes(ADD)} leaves the order to the implementation, and the JIT's intrinsic and the
 * interpreter's fallback do differ, so a result would depend on whether the code was compiled yet, and with several
 * threads, on timing: a seeded training run would not repeat. The pairs are added in registers (each vector plus
 * itself with lanes i and i ^ w swapped, w = n/2 ... 1: lane 0 ends with the tree's sum), exact additions that
 * every tier performs alike. Before, the lanes went through an array and were added lane after lane: the wide store
 * read back as sixteen narrow loads and the chain of sixteen dependent adds were the cost of a short row's sum or
 * dot product. Loaded only where the Vector API is enabled.
 */
public final class LaneSums {
    private LaneSums() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorShuffle<Float>[] FLOAT_SWAPS = swaps(F);
    private static final VectorShuffle<Double>[] DOUBLE_SWAPS = swaps(D);

    /** The shuffles that swap lane i with lane i ^ w, for w = n/2, n/4, ..., 1. */
    @SuppressWarnings("unchecked")
    private static <E> VectorShuffle<E>[] swaps(VectorSpecies<E> s) {
        int steps = Integer.numberOfTrailingZeros(s.length());
        VectorShuffle<E>[] r = new VectorShuffle[steps];
        for (int k = 0; k < steps; k++) {
            int w = s.length() >> (k + 1);
            r[k] = VectorShuffle.fromOp(s, i -> i ^ w);
        }
        return r;
    }

    public static float sum(FloatVector v) {
        if (v.species() != F) return sumOfLanes(v);
        for (VectorShuffle<Float> swap : FLOAT_SWAPS) v = v.add(v.rearrange(swap));
        return v.lane(0);
    }

    public static double sum(DoubleVector v) {
        if (v.species() != D) return sumOfLanes(v);
        for (VectorShuffle<Double> swap : DOUBLE_SWAPS) v = v.add(v.rearrange(swap));
        return v.lane(0);
    }

    /** The same tree for a vector of another species, through an array. */
    private static float sumOfLanes(FloatVector v) {
        float[] t = v.toArray();
        for (int w = t.length >> 1; w > 0; w >>= 1) {
            for (int i = 0; i < w; i++) t[i] += t[i + w];
        }
        return t[0];
    }

    private static double sumOfLanes(DoubleVector v) {
        double[] t = v.toArray();
        for (int w = t.length >> 1; w > 0; w >>= 1) {
            for (int i = 0; i < w; i++) t[i] += t[i + w];
        }
        return t[0];
    }
}
