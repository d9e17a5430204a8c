package org.torch4j.internal.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API's Box-Muller gives the lane-by-lane {@link Avx2Math} bits (themselves PyTorch's, in
 * RandomReferenceTest): on random uniforms and on the edges of [0, 1) in either half of a block.
 */
class BoxMullerTest {

    @Test
    void vectorBlocksAreTheLaneByLaneBits() {
        assumeTrue(BoxMuller.VECTOR, "skipped: the Vector API is not in use (jdk.incubator.vector missing or -Dtorch4j.simd=false)");
        SplittableRandom random = new SplittableRandom(11);
        int blocks = 20_000;
        float[] u = new float[16 * blocks + 3];
        for (int i = 0; i < u.length; i++) u[i] = (random.nextInt() & 0xffffff) * 0x1p-24f;
        float[] edges = {0f, 0x1p-24f, 0.5f, Math.nextDown(1f), 0.125f, 0.25f, 0.375f, 0.625f, 0.75f, 0.875f,
            0.70710677f, 1f - 0.70710677f, 0.2928932f, 1e-7f, 0.99999f, 0.3f};
        for (int i = 0; i < edges.length; i++) {
            u[3 + i] = edges[i];                 // first halves: 1 - u into the log
            u[3 + 16 * 7 + 8 + i % 8] = edges[i]; // second halves: the angle's octants
        }
        for (float[] ms : new float[][] {{0f, 1f}, {0.5f, 0.02f}, {-3f, 7f}}) {
            float[] vector = u.clone(), lanes = u.clone();
            BoxMullerVec.blocks(vector, 3, blocks, ms[0], ms[1]);
            BoxMuller.laneByLane(lanes, 3, blocks, ms[0], ms[1]);
            for (int i = 0; i < u.length; i++) {
                assertEquals(Float.floatToRawIntBits(lanes[i]), Float.floatToRawIntBits(vector[i]),
                        "element " + i + " of uniforms " + u[i] + " (mean " + ms[0] + ", std " + ms[1] + ")");
            }
        }
    }
}
