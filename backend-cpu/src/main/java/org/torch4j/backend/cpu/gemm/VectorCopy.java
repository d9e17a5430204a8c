package org.torch4j.backend.cpu.gemm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Short contiguous copies (a row of a B sliver: two vectors) for {@link Packing}. For runs this short
 * {@code System.arraycopy}'s call and set-up cost dominates, and C2 does not vectorise a copy loop
 * between two array parameters; two vector moves are 2-3x faster (measured on packing B at n = 2048).
 *
 * <p>Loaded only when {@code Simd.ENABLED}.
 */
final class VectorCopy {
    private VectorCopy() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    static void copy(float[] src, int s, float[] dst, int d, int n) {
        int j = 0;
        for (int e = F.loopBound(n); j < e; j += F.length()) FloatVector.fromArray(F, src, s + j).intoArray(dst, d + j);
        for (; j < n; j++) dst[d + j] = src[s + j];
    }

    static void copy(double[] src, int s, double[] dst, int d, int n) {
        int j = 0;
        for (int e = D.loopBound(n); j < e; j += D.length()) DoubleVector.fromArray(D, src, s + j).intoArray(dst, d + j);
        for (; j < n; j++) dst[d + j] = src[s + j];
    }
}
