package org.torch4j.backend.cpu.conv;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.torch4j.backend.cpu.Parallel;

/**
 * The float32 forward convolution of shallow filters (K = C kh kw at most {@link #MAX_K}: the demo CNN's first layer,
 * one input channel, 3x3): output pixels as vector lanes and output channels as broadcast weights, read straight from
 * the padded image, with {@link ConvGeometry}'s row segments ({@code lanes} = the vector length). Each tile is 8
 * output channels x 2 segments (16 accumulators) summed over K, stored straight to the NCHW output (the last segment
 * of a row through a mask). {@link BlockedConv}'s pixel panels cost more here than the products: at K = 9 each tile of
 * 9 FMA steps went through a panel gather, a tile buffer and a scatter of its rows. Units of work are (image, segment
 * pair), each writing its own outputs: the result does not depend on the thread count. Loaded only when
 * {@code Simd.ENABLED}.
 */
final class SmallConv {
    /** The deepest filter taken; deeper ones go to {@link BlockedConv}. */
    static final int MAX_K = 32;
    /** Below this many multiply-adds a task runs on the calling thread. */
    private static final long GRAIN_MACS = 1 << 18;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length(), ROWS = 8;

    private SmallConv() {}

    /** out[N, O, OH, OW] (at {@code y0}) = conv2d(x (at {@code x0}), w (at {@code w0})) + bias (at {@code b0}, or null). */
    static void forward(ConvGeometry g, float[] x, int x0, float[] w, int w0, float[] bias, int b0, float[] y, int y0) {
        int[][] seg = g.segments();
        int n = g.n(), o = g.o(), k = g.k(), pairs = (seg[0].length + 1) / 2, len = g.paddedLength();
        int grain = (int) Math.max(1, GRAIN_MACS / Math.max(1, (long) o * k * 2 * L));
        int inImage = g.c() * g.inPlane(), outImage = o * g.outPlane();
        Parallel.forRange(n * pairs, grain, (a, e) -> {
            float[] xp = ConvWorkspace.get().floats(ConvWorkspace.PADDED, len);
            Arrays.fill(xp, 0, len, 0f); // the borders: a reused array holds an earlier call's values
            for (int u = a, padded = -1; u < e; u++) {
                int img = u / pairs;
                if (img != padded) g.pad(FloatConv.KERNELS, x, x0 + img * inImage, xp);
                padded = img;
                pair(g, seg, xp, u % pairs, w, w0, bias, b0, y, y0 + img * outImage);
            }
        });
    }

    /** Every output channel at segments {@code 2 pair} and {@code 2 pair + 1} (the last one alone when the count is odd). */
    private static void pair(ConvGeometry g, int[][] seg, float[] xp, int pair, float[] w, int w0, float[] bias, int b0,
                             float[] y, int out) {
        int k = g.k(), o = g.o(), plane = g.outPlane();
        int s = 2 * pair, t = Math.min(s + 1, seg[0].length - 1);
        int in0 = seg[0][s], in1 = seg[0][t], c0 = out + seg[1][s], c1 = out + seg[1][t];
        VectorMask<Float> m0 = S.indexInRange(0, seg[2][s]), m1 = S.indexInRange(0, t == s ? 0 : seg[2][t]);
        boolean whole = m0.allTrue() && m1.allTrue();
        int[] off = g.offsets();
        float[] acc = new float[2 * ROWS * L];
        for (int o0 = 0; o0 < o; o0 += ROWS) {
            int rows = Math.min(ROWS, o - o0);
            tile(k, off, xp, in0, in1, w, w0 + o0 * k, k, rows, acc);
            for (int r = 0; r < rows; r++) {
                FloatVector v0 = FloatVector.fromArray(S, acc, 2 * r * L), v1 = FloatVector.fromArray(S, acc, (2 * r + 1) * L);
                if (bias != null) {
                    // not + 0 without bias: -0 stays -0
                    v0 = v0.add(bias[b0 + o0 + r]);
                    v1 = v1.add(bias[b0 + o0 + r]);
                }
                int at = (o0 + r) * plane;
                if (whole) {
                    v0.intoArray(y, c0 + at);
                    v1.intoArray(y, c1 + at);
                } else {
                    v0.intoArray(y, c0 + at, m0);
                    v1.intoArray(y, c1 + at, m1);
                }
            }
        }
    }

    /**
     * acc (row r's two vectors at {@code 2 r L}) = sum over q of w[r, q] * the image's vectors at
     * {@code in0 + off[q]} and {@code in1 + off[q]}, for 8 rows of weights (rows past {@code rows} repeat the last).
     */
    private static void tile(int k, int[] off, float[] xp, int in0, int in1, float[] w, int wo, int ws, int rows, float[] acc) {
        int last = rows - 1;
        int w1 = wo + Math.min(1, last) * ws, w2 = wo + Math.min(2, last) * ws, w3 = wo + Math.min(3, last) * ws;
        int w4 = wo + Math.min(4, last) * ws, w5 = wo + Math.min(5, last) * ws, w6 = wo + Math.min(6, last) * ws;
        int w7 = wo + Math.min(7, last) * ws;
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00, a30 = a00, a31 = a00;
        FloatVector a40 = a00, a41 = a00, a50 = a00, a51 = a00, a60 = a00, a61 = a00, a70 = a00, a71 = a00;
        for (int q = 0; q < k; q++) {
            int d = off[q];
            FloatVector x0 = FloatVector.fromArray(S, xp, in0 + d), x1 = FloatVector.fromArray(S, xp, in1 + d), v;
            v = FloatVector.broadcast(S, w[wo + q]); a00 = x0.fma(v, a00); a01 = x1.fma(v, a01);
            v = FloatVector.broadcast(S, w[w1 + q]); a10 = x0.fma(v, a10); a11 = x1.fma(v, a11);
            v = FloatVector.broadcast(S, w[w2 + q]); a20 = x0.fma(v, a20); a21 = x1.fma(v, a21);
            v = FloatVector.broadcast(S, w[w3 + q]); a30 = x0.fma(v, a30); a31 = x1.fma(v, a31);
            v = FloatVector.broadcast(S, w[w4 + q]); a40 = x0.fma(v, a40); a41 = x1.fma(v, a41);
            v = FloatVector.broadcast(S, w[w5 + q]); a50 = x0.fma(v, a50); a51 = x1.fma(v, a51);
            v = FloatVector.broadcast(S, w[w6 + q]); a60 = x0.fma(v, a60); a61 = x1.fma(v, a61);
            v = FloatVector.broadcast(S, w[w7 + q]); a70 = x0.fma(v, a70); a71 = x1.fma(v, a71);
        }
        a00.intoArray(acc, 0); a01.intoArray(acc, L); a10.intoArray(acc, 2 * L); a11.intoArray(acc, 3 * L);
        a20.intoArray(acc, 4 * L); a21.intoArray(acc, 5 * L); a30.intoArray(acc, 6 * L); a31.intoArray(acc, 7 * L);
        a40.intoArray(acc, 8 * L); a41.intoArray(acc, 9 * L); a50.intoArray(acc, 10 * L); a51.intoArray(acc, 11 * L);
        a60.intoArray(acc, 12 * L); a61.intoArray(acc, 13 * L); a70.intoArray(acc, 14 * L); a71.intoArray(acc, 15 * L);
    }
}
