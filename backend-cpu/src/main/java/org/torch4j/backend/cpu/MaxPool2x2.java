package org.torch4j.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling with 2x2 windows and stride 2 (no padding or dilation) over float32 planes, the common
 * CNN pool, {@code LANES} outputs at a time: the two input rows are split into even and odd columns, and
 * the window's four candidates are taken in PyTorch's order with its rule (a later one wins only when
 * it is greater or NaN, and nothing beats a NaN), as masks and blends. The generic loop in
 * {@link MaxPoolKernel} branches per element on random data, about 4x slower.
 */
final class MaxPool2x2 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();
    /** Lane n of the concatenation [a | b] at 2n (even columns) and at 2n + 1 (odd ones); negative picks b. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, n -> 2 * n < LANES ? 2 * n : 2 * n - 2 * LANES);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(S, n -> 2 * n + 1 < LANES ? 2 * n + 1 : 2 * n + 1 - 2 * LANES);

    private MaxPool2x2() {}

    /** Planes [p0, p1) of [h, w] into [oh, ow] values and flat argmax indices; 2 oh <= h and 2 ow <= w. */
    static void pool(float[] x, int inOff, float[] values, int valOff, long[] indices, int idxOff, int p0, int p1, int h, int w,
                     int oh, int ow) {
        float[] code = new float[LANES];
        int vectorEnd = ow - ow % LANES;
        for (int pl = p0; pl < p1; pl++) {
            int src = inOff + pl * h * w;
            for (int oy = 0; oy < oh; oy++) {
                int top = src + 2 * oy * w, o = (pl * oh + oy) * ow, at = valOff + o, ix = idxOff + o, rowPos = 2 * oy * w;
                for (int ox = 0; ox < vectorEnd; ox += LANES) {
                    int c = top + 2 * ox;
                    FloatVector t0 = FloatVector.fromArray(S, x, c), t1 = FloatVector.fromArray(S, x, c + LANES);
                    FloatVector b0 = FloatVector.fromArray(S, x, c + w), b1 = FloatVector.fromArray(S, x, c + w + LANES);
                    FloatVector best = t0.rearrange(EVEN, t1), k = FloatVector.zero(S);
                    VectorMask<Float> take = wins(t0.rearrange(ODD, t1), best);
                    best = best.blend(t0.rearrange(ODD, t1), take);
                    k = k.blend(1f, take);
                    FloatVector v = b0.rearrange(EVEN, b1);
                    take = wins(v, best);
                    best = best.blend(v, take);
                    k = k.blend(2f, take);
                    v = b0.rearrange(ODD, b1);
                    take = wins(v, best);
                    best = best.blend(v, take);
                    k = k.blend(3f, take);
                    best.intoArray(values, at + ox);
                    k.intoArray(code, 0);
                    for (int i = 0; i < LANES; i++) {
                        int kk = (int) code[i];
                        indices[ix + ox + i] = rowPos + 2 * (ox + i) + (kk >> 1) * w + (kk & 1);
                    }
                }
                for (int ox = vectorEnd; ox < ow; ox++) {
                    int p = rowPos + 2 * ox, bestAt = p;
                    float best = x[src + p];
                    for (int kk = 1; kk < 4; kk++) {
                        int q = p + (kk >> 1) * w + (kk & 1);
                        float v = x[src + q];
                        if (!(v <= best) && best == best) {
                            best = v;
                            bestAt = q;
                        }
                    }
                    values[at + ox] = best;
                    indices[ix + ox] = bestAt;
                }
            }
        }
    }

    /** Where candidate v replaces the current best: v > best, or v is NaN while best is not. */
    private static VectorMask<Float> wins(FloatVector v, FloatVector best) {
        return v.compare(VectorOperators.LE, best).not().and(best.compare(VectorOperators.EQ, best));
    }
}
