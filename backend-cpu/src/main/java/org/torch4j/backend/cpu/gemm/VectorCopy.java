package org.torch4j.backend.cpu.gemm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Short contiguous copies (a row of a B sliver: two vectors; a column of an A sliver: 8 elements) for
 * {@link Packing}. For runs this short {@code System.arraycopy}'s call and set-up cost dominates, and C2
 * does not vectorise a copy loop between two array parameters; two vector moves are 2-3x faster
 * (measured on packing B at n = 2048), and one half-width move for an A column 2.5x faster than
 * {@code System.arraycopy}, 3.5x faster than the scalar tail loop (column-major A, m = 768, k = 2048).
 *
 * <p>Loaded only when {@code Simd.ENABLED}.
 */
final class VectorCopy {
    private VectorCopy() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /**
     * Half-width float vectors, for a column of a float A sliver: 8 floats under AVX-512, 4 under AVX2
     * (as a double sliver's column is one whole vector, doubles need none).
     */
    private static final VectorSpecies<Float> FH = VectorSpecies.of(float.class, VectorShape.forBitSize(F.vectorBitSize() / 2));

    static void copy(float[] src, int s, float[] dst, int d, int n) {
        int j = 0;
        for (int e = F.loopBound(n); j < e; j += F.length()) FloatVector.fromArray(F, src, s + j).intoArray(dst, d + j);
        if (n - j >= FH.length()) {
            FloatVector.fromArray(FH, src, s + j).intoArray(dst, d + j);
            j += FH.length();
        }
        for (; j < n; j++) dst[d + j] = src[s + j];
    }

    static void copy(double[] src, int s, double[] dst, int d, int n) {
        int j = 0;
        for (int e = D.loopBound(n); j < e; j += D.length()) DoubleVector.fromArray(D, src, s + j).intoArray(dst, d + j);
        for (; j < n; j++) dst[d + j] = src[s + j];
    }
}
