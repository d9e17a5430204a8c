package org.torch4j.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@code Copy.transposed}'s float loop with gathers; loaded only when the Vector API is available. */
final class TransposeVec {
    private TransposeVec() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Destination lines per column block: their sources' lines are read whole before they leave the cache. */
    private static final int LINES = 64;

    /**
     * {@code d[dOff + w dW + v] = s[so + w + v sV]} for v below {@code vLen} and w below {@code wLen}: each destination
     * vector gathered down L source columns, the next w from the same source lines. 2048 x 1024 floats: 2.1 ms.
     */
    static void floats(float[] s, int so, int sV, float[] d, int dOff, int dW, int vLen, int wLen) {
        int[] map = new int[L];
        for (int k = 0; k < L; k++) map[k] = k * sV;
        int whole = vLen - vLen % L;
        for (int w0 = 0; w0 < wLen; w0 += LINES) {
            int w1 = Math.min(wLen, w0 + LINES);
            for (int v0 = 0; v0 < whole; v0 += L) {
                for (int w = w0; w < w1; w++) FloatVector.fromArray(S, s, so + w + v0 * sV, map, 0).intoArray(d, dOff + w * dW + v0);
            }
            for (int w = w0; w < w1; w++) {
                for (int v = whole; v < vLen; v++) d[dOff + w * dW + v] = s[so + w + v * sV];
            }
        }
    }
}
