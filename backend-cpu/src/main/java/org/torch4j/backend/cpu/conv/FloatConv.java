package org.torch4j.backend.cpu.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 vector tiles of the direct convolution (see {@link ConvGeometry} for the addressing).
 * {@link DoubleConv} is the same code over float64 lanes: the loops must stay monomorphic in the
 * element type for the Vector API to compile them to registers.
 */
final class FloatConv {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int LANES = S.length();
    /** Output channels per forward tile and per weight-gradient tile (with two segments or two offsets). */
    static final int ROWS = 4;

    private FloatConv() {}

    /** Weights [O, K] from {@code off} as blocks of {@link #ROWS} output channels: [block][k][row], 0 past O. */
    static float[] pack(float[] w, int off, int o, int k) {
        int blocks = (o + ROWS - 1) / ROWS;
        float[] packed = new float[blocks * k * ROWS];
        for (int oc = 0; oc < o; oc++) {
            int base = (oc / ROWS) * k * ROWS + oc % ROWS;
            for (int q = 0; q < k; q++) packed[base + q * ROWS] = w[off + oc * k + q];
        }
        return packed;
    }

    /**
     * Output channels {@code [block * ROWS, +ROWS)} of one image: every row segment, two at a time, each
     * lane summing bias + weights x padded input over all K kernel offsets.
     */
    static void forward(ConvGeometry g, int[][] seg, float[] xp, float[] packed, int block, float[] bias, int biasOff,
                        float[] out, int outImage) {
        int k = g.k(), plane = g.outPlane(), o0 = block * ROWS, rows = Math.min(ROWS, g.o() - o0);
        int[] off = g.offsets(), segIn = seg[0], segOut = seg[1], valid = seg[2];
        float[] b = new float[ROWS];
        for (int r = 0; bias != null && r < rows; r++) b[r] = bias[biasOff + o0 + r];
        int wBase = block * k * ROWS, count = segIn.length, outBase = outImage + o0 * plane;
        for (int s = 0; s < count; s += 2) {
            int t = Math.min(s + 1, count - 1), in0 = segIn[s], in1 = segIn[t];
            FloatVector a00 = FloatVector.broadcast(S, b[0]), a01 = a00, a10 = FloatVector.broadcast(S, b[1]), a11 = a10;
            FloatVector a20 = FloatVector.broadcast(S, b[2]), a21 = a20, a30 = FloatVector.broadcast(S, b[3]), a31 = a30;
            for (int q = 0, wi = wBase; q < k; q++, wi += ROWS) {
                int d = off[q];
                FloatVector x0 = FloatVector.fromArray(S, xp, in0 + d), x1 = FloatVector.fromArray(S, xp, in1 + d);
                FloatVector w = FloatVector.broadcast(S, packed[wi]);
                a00 = x0.fma(w, a00);
                a01 = x1.fma(w, a01);
                w = FloatVector.broadcast(S, packed[wi + 1]);
                a10 = x0.fma(w, a10);
                a11 = x1.fma(w, a11);
                w = FloatVector.broadcast(S, packed[wi + 2]);
                a20 = x0.fma(w, a20);
                a21 = x1.fma(w, a21);
                w = FloatVector.broadcast(S, packed[wi + 3]);
                a30 = x0.fma(w, a30);
                a31 = x1.fma(w, a31);
            }
            int p0 = outBase + segOut[s], p1 = outBase + segOut[t], v0 = valid[s], v1 = t == s ? 0 : valid[t];
            store(a00, out, p0, v0);
            store(a01, out, p1, v1);
            if (rows > 1) {
                store(a10, out, p0 + plane, v0);
                store(a11, out, p1 + plane, v1);
            }
            if (rows > 2) {
                store(a20, out, p0 + 2 * plane, v0);
                store(a21, out, p1 + 2 * plane, v1);
            }
            if (rows > 3) {
                store(a30, out, p0 + 3 * plane, v0);
                store(a31, out, p1 + 3 * plane, v1);
            }
        }
    }

    private static void store(FloatVector v, float[] out, int at, int valid) {
        if (valid == LANES) v.intoArray(out, at);
        else if (valid > 0) v.intoArray(out, at, S.indexInRange(0, valid));
    }

    /**
     * Adds to {@code gw} [O, K] the weight gradient from {@code images} padded images (buffers {@code xps})
     * and their output gradients (contiguous images from {@code gyOff}): for each block of
     * {@link #ROWS} output channels and each pair of kernel offsets, the products over every pixel
     * accumulate in registers across all the images and are summed across lanes once.
     */
    static void weightGrad(ConvGeometry g, int[][] seg, float[][] xps, int images, float[] gy, int gyOff, float[] gw) {
        int k = g.k(), o = g.o(), plane = g.outPlane(), image = o * plane;
        int[] off = g.offsets(), segIn = seg[0], segOut = seg[1], valid = seg[2];
        for (int o0 = 0; o0 < o; o0 += ROWS) {
            int rows = Math.min(ROWS, o - o0);
            // rows past O repeat the last channel; their sums are dropped
            int r1 = Math.min(o0 + 1, o - 1) * plane, r2 = Math.min(o0 + 2, o - 1) * plane, r3 = Math.min(o0 + 3, o - 1) * plane;
            int r0 = o0 * plane;
            for (int k0 = 0; k0 < k; k0 += 2) {
                int k1 = Math.min(k0 + 1, k - 1), d0 = off[k0], d1 = off[k1];
                FloatVector a00 = FloatVector.zero(S), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00, a30 = a00, a31 = a00;
                for (int im = 0; im < images; im++) {
                    float[] xp = xps[im];
                    int gBase = gyOff + im * image;
                    for (int s = 0; s < segIn.length; s++) {
                        int pg = gBase + segOut[s], px = segIn[s];
                        FloatVector g0, g1, g2, g3, x0, x1;
                        if (valid[s] == LANES) {
                            g0 = FloatVector.fromArray(S, gy, pg + r0);
                            g1 = FloatVector.fromArray(S, gy, pg + r1);
                            g2 = FloatVector.fromArray(S, gy, pg + r2);
                            g3 = FloatVector.fromArray(S, gy, pg + r3);
                            x0 = FloatVector.fromArray(S, xp, px + d0);
                            x1 = FloatVector.fromArray(S, xp, px + d1);
                        } else {
                            // lanes past the row are masked to 0 on both sides: 0 * Inf would be NaN
                            VectorMask<Float> m = S.indexInRange(0, valid[s]);
                            g0 = FloatVector.fromArray(S, gy, pg + r0, m);
                            g1 = FloatVector.fromArray(S, gy, pg + r1, m);
                            g2 = FloatVector.fromArray(S, gy, pg + r2, m);
                            g3 = FloatVector.fromArray(S, gy, pg + r3, m);
                            x0 = FloatVector.fromArray(S, xp, px + d0, m);
                            x1 = FloatVector.fromArray(S, xp, px + d1, m);
                        }
                        a00 = g0.fma(x0, a00);
                        a01 = g0.fma(x1, a01);
                        a10 = g1.fma(x0, a10);
                        a11 = g1.fma(x1, a11);
                        a20 = g2.fma(x0, a20);
                        a21 = g2.fma(x1, a21);
                        a30 = g3.fma(x0, a30);
                        a31 = g3.fma(x1, a31);
                    }
                }
                int at = o0 * k;
                gw[at + k0] += a00.reduceLanes(VectorOperators.ADD);
                if (rows > 1) gw[at + k + k0] += a10.reduceLanes(VectorOperators.ADD);
                if (rows > 2) gw[at + 2 * k + k0] += a20.reduceLanes(VectorOperators.ADD);
                if (rows > 3) gw[at + 3 * k + k0] += a30.reduceLanes(VectorOperators.ADD);
                if (k1 != k0) {
                    gw[at + k1] += a01.reduceLanes(VectorOperators.ADD);
                    if (rows > 1) gw[at + k + k1] += a11.reduceLanes(VectorOperators.ADD);
                    if (rows > 2) gw[at + 2 * k + k1] += a21.reduceLanes(VectorOperators.ADD);
                    if (rows > 3) gw[at + 3 * k + k1] += a31.reduceLanes(VectorOperators.ADD);
                }
            }
        }
    }
}
