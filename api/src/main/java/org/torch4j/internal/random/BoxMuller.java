package org.torch4j.internal.random;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * PyTorch's AVX2 Box-Muller ({@code normal_fill_16_AVX2}) over whole blocks of 16 uniforms: eight lanes at a
 * time with the Vector API where it is usable ({@link BoxMullerVec}), else {@link Avx2Math} lane by lane; the
 * same bits either way. {@code -Dtorch4j.simd=false} (the CPU backend's switch) takes the lane-by-lane path.
 */
final class BoxMuller {
    private BoxMuller() {}

    /** Whether the blocks can go eight lanes at a time. */
    static final boolean VECTOR = detect();

    /**
     * Set when a background thread has run the vector passes long enough for C2 to compile them. Until C2 has,
     * the Vector API runs as interpreted or C1 code, a hundred times slower than lane by lane (the first
     * randn(100000) took 500 ms, the following ones 30-130 ms), so fills go lane by lane until then.
     */
    private static volatile boolean warm;
    private static final AtomicBoolean WARMING = new AtomicBoolean();

    /** Normals from {@code blocks} blocks of 16 uniforms in [0, 1) at {@code d[at..]}, in place. */
    static void blocks(float[] d, int at, int blocks, float mean, float std) {
        if (VECTOR && warm && blocks >= BoxMullerVec.CHUNK) {
            BoxMullerVec.blocks(d, at, blocks, mean, std);
            return;
        }
        if (VECTOR && !warm) warmUp();
        laneByLane(d, at, blocks, mean, std);
    }

    /** Starts (once) the thread that gets the vector passes compiled: about half a second of one core. */
    private static void warmUp() {
        if (!WARMING.compareAndSet(false, true)) return;
        Thread t = new Thread(() -> {
            float[] scratch = new float[16 * BoxMullerVec.CHUNK];
            for (int i = 0; i < 2000; i++) {
                java.util.Arrays.fill(scratch, 0.25f + i * 0x1p-13f);
                BoxMullerVec.blocks(scratch, 0, BoxMullerVec.CHUNK, 0f, 1f);
            }
            warm = true;
        }, "torch4j-randn-warm-up");
        t.setDaemon(true);
        t.start();
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
