package org.torch4j.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling with 2x2 windows and stride 2 (no padding or dilation) over float32 planes, the common
 * CNN pool, {@code LANES} outputs at a time: the two input rows of a window row are split into even
 * and odd columns, and the window's four candidates are taken in PyTorch's order with its rule (a
 * later one wins only when it is greater or NaN, and nothing beats a NaN), as masks and blends. Rows
 * are handled in place when the output width is a multiple of the lanes; otherwise a plane's window
 * rows are first copied end to end (top rows in one run, bottom rows in another), so that short rows
 * still fill whole vectors. The generic loop in {@link MaxPoolKernel} branches per element on random
 * data, 2-3x slower.
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
        boolean inPlace = ow % LANES == 0;
        int run = inPlace ? ow : oh * ow;
        float[] code = new float[run], top = inPlace ? x : new float[2 * run], bottom = inPlace ? x : new float[2 * run];
        for (int pl = p0; pl < p1; pl++) {
            int src = inOff + pl * h * w, out = pl * oh * ow;
            if (inPlace) {
                for (int oy = 0; oy < oh; oy++) {
                    int t = src + 2 * oy * w;
                    windows(top, t, bottom, t + w, ow, values, valOff + out + oy * ow, code);
                    indices(code, 0, oy, 1, ow, w, indices, idxOff + out + oy * ow);
                }
            } else {
                for (int oy = 0; oy < oh; oy++) {
                    System.arraycopy(x, src + 2 * oy * w, top, 2 * oy * ow, 2 * ow);
                    System.arraycopy(x, src + (2 * oy + 1) * w, bottom, 2 * oy * ow, 2 * ow);
                }
                windows(top, 0, bottom, 0, run, values, valOff + out, code);
                indices(code, 0, 0, oh, ow, w, indices, idxOff + out);
            }
        }
    }

    /**
     * The n windows whose top rows are top[t + 2i, t + 2i + 1] and bottom rows bottom[b + 2i, b + 2i + 1]:
     * maxima to values[v + i], the winner's position in the window (0..3, row-major) to code[i].
     */
    private static void windows(float[] top, int t, float[] bottom, int b, int n, float[] values, int v, float[] code) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            int c = 2 * i;
            FloatVector t0 = FloatVector.fromArray(S, top, t + c), t1 = FloatVector.fromArray(S, top, t + c + LANES);
            FloatVector b0 = FloatVector.fromArray(S, bottom, b + c), b1 = FloatVector.fromArray(S, bottom, b + c + LANES);
            FloatVector best = t0.rearrange(EVEN, t1), k = FloatVector.zero(S);
            FloatVector cand = t0.rearrange(ODD, t1);
            VectorMask<Float> take = wins(cand, best);
            best = best.blend(cand, take);
            k = k.blend(1f, take);
            cand = b0.rearrange(EVEN, b1);
            take = wins(cand, best);
            best = best.blend(cand, take);
            k = k.blend(2f, take);
            cand = b0.rearrange(ODD, b1);
            take = wins(cand, best);
            best = best.blend(cand, take);
            k = k.blend(3f, take);
            best.intoArray(values, v + i);
            k.intoArray(code, i);
        }
        for (; i < n; i++) {
            float best = top[t + 2 * i];
            int k = 0;
            for (int kk = 1; kk < 4; kk++) {
                float cand = (kk < 2 ? top : bottom)[(kk < 2 ? t : b) + 2 * i + (kk & 1)];
                if (!(cand <= best) && best == best) {
                    best = cand;
                    k = kk;
                }
            }
            values[v + i] = best;
            code[i] = k;
        }
    }

    /** Flat input positions of the winners of output rows [oy0, oy0 + rows) of width ow, from their codes. */
    private static void indices(float[] code, int c, int oy0, int rows, int ow, int w, long[] indices, int at) {
        for (int oy = oy0; oy < oy0 + rows; oy++) {
            for (int ox = 0; ox < ow; ox++, c++, at++) {
                int k = (int) code[c];
                indices[at] = (2 * oy + (k >> 1)) * w + 2 * ox + (k & 1);
            }
        }
    }

    /** Where candidate v replaces the current best: v > best, or v is NaN while best is not. */
    private static VectorMask<Float> wins(FloatVector v, FloatVector best) {
        return v.compare(VectorOperators.LE, best).not().and(best.compare(VectorOperators.EQ, best));
    }
}
