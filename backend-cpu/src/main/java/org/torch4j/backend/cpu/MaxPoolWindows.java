package org.torch4j.backend.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 max pooling over 2-d planes (1-d as one row) with any window, stride, padding and dilation,
 * {@code LANES} outputs of a row at a time: ResNet's 3x3 stride-2 pool with padding 1, which the scalar
 * loop ran with a data-dependent branch per candidate.
 *
 * <p>Each plane is first copied into rows padded with -inf and split by column phase (row y's phase b
 * holds padded columns b, b + s, b + 2s, ... for stride s), so that window column j of consecutive
 * outputs is one contiguous vector load. The window's candidates are taken in row-major order with
 * PyTorch's rule as masks and blends: a candidate replaces the best when it is greater, or NaN while
 * the best is not (the first NaN stays). A padding -inf never wins, so the best starts at -inf with no
 * position, and a window whose values are all -inf reports its first position inside the input, as
 * PyTorch does. Window rows outside the input are skipped whole.
 */
final class MaxPoolWindows {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();
    /** Lane n of the concatenation [a | b] at 2n: the even elements of two vectors. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, n -> 2 * n < LANES ? 2 * n : 2 * n - 2 * LANES);

    private MaxPoolWindows() {}

    /** Planes [p0, p1) of [h, w] into [oh, ow] maxima and their flat positions in the input plane. */
    static void pool(float[] x, int inOff, float[] values, int valOff, long[] indices, int idxOff, int p0, int p1,
                     int h, int w, int oh, int ow, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
        int span = (ow + LANES - 1) / LANES * LANES; // columns computed per output row (whole vectors)
        int pitch = span + (kw - 1) * dw / sw; // a phase row's length: what the loads of one output row reach
        float[] buf = new float[h * sw * pitch], best = new float[span], code = new float[span], codes = new float[kh * kw];
        int[] offsets = new int[kh * kw], rowOf = new int[kh * kw], colOf = new int[kh * kw];
        for (int k = 0; k < kh * kw; k++) {
            rowOf[k] = k / kw * dh; // window position k's offsets from the window's corner
            colOf[k] = k % kw * dw;
        }
        Arrays.fill(buf, Float.NEGATIVE_INFINITY); // the padding; the interior is overwritten by every plane
        for (int pl = p0; pl < p1; pl++) {
            split(x, inOff + pl * h * w, h, w, sw, pw, pitch, buf);
            int out = pl * oh * ow;
            for (int oy = 0; oy < oh; oy++) {
                int y0 = oy * sh - ph, count = 0;
                for (int i = 0; i < kh; i++) {
                    int r = y0 + i * dh;
                    if (r < 0 || r >= h) continue; // a window row outside the input
                    for (int j = 0; j < kw; j++, count++) {
                        offsets[count] = (r * sw + j * dw % sw) * pitch + j * dw / sw;
                        codes[count] = i * kw + j;
                    }
                }
                row(buf, offsets, codes, count, span, best, code);
                System.arraycopy(best, 0, values, valOff + out + oy * ow, ow);
                positions(code, oy, w, ow, rowOf, colOf, sh, sw, ph, pw, dh, dw, indices, idxOff + out + oy * ow);
            }
        }
    }

    /**
     * One output row, {@code span} wide: the maximum over the {@code count} candidates (buf read at
     * {@code offsets[t] + column}) to {@code best}, the winner's window position ({@code codes[t]}, or -1)
     * to {@code code}. A method of its own, small, so that C2 keeps its vectors in registers.
     */
    private static void row(float[] buf, int[] offsets, float[] codes, int count, int span, float[] best, float[] code) {
        for (int v = 0; v < span; v += LANES) {
            // fresh broadcasts, not static vectors: a loop phi of a constant vector object and a computed one boxes it
            FloatVector b = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY), k = FloatVector.broadcast(S, -1f);
            for (int t = 0; t < count; t++) {
                FloatVector cand = FloatVector.fromArray(S, buf, offsets[t] + v);
                VectorMask<Float> take = cand.compare(VectorOperators.LE, b).not().and(b.compare(VectorOperators.EQ, b));
                b = b.blend(cand, take);
                k = k.blend(FloatVector.broadcast(S, codes[t]), take);
            }
            b.intoArray(best, v);
            k.intoArray(code, v);
        }
    }

    /** The plane at {@code src} into buf's phase rows (pitch apart; row y's phase b at {@code (y sw + b) pitch}). */
    private static void split(float[] x, int src, int h, int w, int sw, int pw, int pitch, float[] buf) {
        for (int y = 0; y < h; y++) {
            int row = src + y * w;
            if (sw == 1) {
                System.arraycopy(x, row, buf, y * pitch + pw, Math.max(0, Math.min(w, pitch - pw)));
                continue;
            }
            for (int b = 0; b < sw; b++) {
                // input column c sits at padded column c + pw: phase (c + pw) % sw, place (c + pw) / sw
                int c0 = Math.floorMod(b - pw, sw), q0 = (c0 + pw) / sw, n = Math.min((w - c0 + sw - 1) / sw, pitch - q0);
                int dst = (y * sw + b) * pitch + q0, m = 0;
                if (sw == 2) {
                    // whole vectors of every other element, while both loads stay inside x
                    for (; m + LANES <= n && row + c0 + 2 * m + 2 * LANES <= x.length; m += LANES) {
                        FloatVector lo = FloatVector.fromArray(S, x, row + c0 + 2 * m);
                        lo.rearrange(EVEN, FloatVector.fromArray(S, x, row + c0 + 2 * m + LANES)).intoArray(buf, dst + m);
                    }
                }
                for (; m < n; m++) buf[dst + m] = x[row + c0 + m * sw];
            }
        }
    }

    /** Flat input positions of output row oy's winners, from their window positions (-1: none beat -inf). */
    private static void positions(float[] code, int oy, int w, int ow, int[] rowOf, int[] colOf, int sh, int sw, int ph, int pw,
                                  int dh, int dw, long[] indices, int at) {
        int y0 = oy * sh - ph, firstY = y0;
        while (firstY < 0) firstY += dh;
        for (int ox = 0; ox < ow; ox++) {
            int x0 = ox * sw - pw, k = (int) code[ox];
            if (k >= 0) {
                indices[at + ox] = (long) (y0 + rowOf[k]) * w + x0 + colOf[k];
            } else {
                int firstX = x0;
                while (firstX < 0) firstX += dw;
                indices[at + ox] = (long) firstY * w + firstX;
            }
        }
    }
}
