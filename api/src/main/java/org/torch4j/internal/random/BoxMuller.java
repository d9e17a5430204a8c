package org.torch4j.internal.random;

/**
 * PyTorch's AVX2 Box-Muller ({@code normal_fill_16_AVX2}) over whole blocks of 16 uniforms: eight lanes at a
 * time with the Vector API where it is usable ({@link BoxMullerVec}), else {@link Avx2Math} lane by lane; the
 * same bits either way. {@code -Dtorch4j.simd=false} (the CPU backend's switch) takes the lane-by-lane path.
 */
final class BoxMuller {
    private BoxMuller() {}

    /** Whether the blocks go eight lanes at a time. */
    static final boolean VECTOR = detect();

    /** Normals from {@code blocks} blocks of 16 uniforms in [0, 1) at {@code d[at..]}, in place. */
    static void blocks(float[] d, int at, int blocks, float mean, float std) {
        if (VECTOR) BoxMullerVec.blocks(d, at, blocks, mean, std);
        else laneByLane(d, at, blocks, mean, std);
    }

    /** {@link #blocks} with {@link Avx2Math}, one lane at a time. */
    static void laneByLane(float[] d, int at, int blocks, float mean, float std) {
        float[] sc = new float[2];
        for (int b = 0; b < blocks; b++, at += 16) {
            for (int j = at; j < at + 8; j++) {
                float u1 = 1f - d[j];
                float u2 = d[j + 8];
                float radius = (float) Math.sqrt(-2f * Avx2Math.log(u1));
                Avx2Math.sincos(Avx2Math.TWO_PI * u2, sc);
                d[j] = Math.fma(radius * sc[1], std, mean);
                d[j + 8] = Math.fma(radius * sc[0], std, mean);
            }
        }
    }

    private static boolean detect() {
        if (!Boolean.parseBoolean(System.getProperty("torch4j.simd", "true"))) return false;
        try {
            Class.forName("jdk.incubator.vector.FloatVector", false, BoxMuller.class.getClassLoader());
            return BoxMullerVec.S.vectorBitSize() <= jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
