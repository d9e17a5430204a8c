package org.torch4j.backend.cpu.conv;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float64 forward tile of the direct convolution over per-row output segments (float32 runs
 * {@link BlockedConv} instead), and the copies its geometry uses.
 */
final class DoubleConv implements ConvKernels {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int LANES = S.length();
    /** Output channels per register tile of the forward. */
    static final int ROWS = 4;
    static final ConvKernels KERNELS = new DoubleConv();

    private DoubleConv() {}

    @Override
    public int lanes() {
        return LANES;
    }

    @Override
    public Object allocate(int length) {
        return new double[length];
    }

    @Override
    public void copyRows(Object src, int from, int srcStride, Object dst, int to, int dstStride, int rows, int len) {
        copyRows((double[]) src, from, srcStride, (double[]) dst, to, dstStride, rows, len);
    }

    private static void copyRows(double[] a, int from, int srcStride, double[] b, int to, int dstStride, int rows, int len) {
        if (len < LANES) {
            // one masked vector per row, as FloatConv: a System.arraycopy call per short row costs more than the copy
            VectorMask<Double> m = S.indexInRange(0, len);
            for (int r = 0; r < rows; r++, from += srcStride, to += dstStride) DoubleVector.fromArray(S, a, from, m).intoArray(b, to, m);
            return;
        }
        for (int r = 0; r < rows; r++, from += srcStride, to += dstStride) {
            // whole vectors, the last one overlapping the one before where len is not a multiple
            for (int i = 0; ; i += LANES) {
                int at = Math.min(i, len - LANES);
                DoubleVector.fromArray(S, a, from + at).intoArray(b, to + at);
                if (at == len - LANES) break;
            }
        }
    }

    @Override
    public void zero(Object a, int from, int n) {
        java.util.Arrays.fill((double[]) a, from, from + n, 0);
    }

    @Override
    public void add(Object src, int from, Object dst, int to, int n) {
        double[] a = (double[]) src, b = (double[]) dst;
        for (int i = 0; i < n; i++) b[to + i] += a[from + i];
    }

    @Override
    public void copyStrided(Object src, int from, int step, Object dst, int to, int n) {
        double[] a = (double[]) src, b = (double[]) dst;
        for (int i = 0; i < n; i++) b[to + i] = a[from + i * step];
    }

    /**
     * Every output channel of one image at the segments {@code 2 pair} and {@code 2 pair + 1} (the last
     * one alone when the count is odd): the K x 2 vectors the tile reads are gathered into
     * {@code panel} (length {@code 2 K LANES}), then each block of {@link #ROWS} channels sums bias +
     * weights x panel over K.
     */
    static void forward(ConvGeometry g, int[][] seg, double[] xp, int pair, double[] panel, double[] w, int wOff, double[] bias,
                        int biasOff, double[] out, int outImage) {
        int k = g.k(), o = g.o(), plane = g.outPlane();
        int[] off = g.offsets(), segIn = seg[0], segOut = seg[1], valid = seg[2];
        int s = 2 * pair, t = Math.min(s + 1, segIn.length - 1), in0 = segIn[s], in1 = segIn[t];
        for (int q = 0; q < k; q++) {
            int d = off[q];
            DoubleVector.fromArray(S, xp, in0 + d).intoArray(panel, 2 * q * LANES);
            DoubleVector.fromArray(S, xp, in1 + d).intoArray(panel, (2 * q + 1) * LANES);
        }
        int p0 = outImage + segOut[s], p1 = outImage + segOut[t], v0 = valid[s], v1 = t == s ? 0 : valid[t];
        double[] spill = new double[LANES];
        for (int o0 = 0; o0 < o; o0 += ROWS) {
            int rows = Math.min(ROWS, o - o0);
            // the weights [O, K] in place, one row per channel (rows past O repeat the last; they are not stored)
            int w0 = wOff + o0 * k, w1 = wOff + Math.min(o0 + 1, o - 1) * k, w2 = wOff + Math.min(o0 + 2, o - 1) * k;
            int w3 = wOff + Math.min(o0 + 3, o - 1) * k;
            double b0 = bias(bias, biasOff, o0, rows, 0), b1 = bias(bias, biasOff, o0, rows, 1);
            double b2 = bias(bias, biasOff, o0, rows, 2), b3 = bias(bias, biasOff, o0, rows, 3);
            DoubleVector a00 = DoubleVector.broadcast(S, b0), a01 = a00, a10 = DoubleVector.broadcast(S, b1), a11 = a10;
            DoubleVector a20 = DoubleVector.broadcast(S, b2), a21 = a20, a30 = DoubleVector.broadcast(S, b3), a31 = a30;
            for (int q = 0; q < k; q++) {
                int pi = 2 * q * LANES; // every index here is affine in q: the bounds checks are hoisted
                DoubleVector x0 = DoubleVector.fromArray(S, panel, pi), x1 = DoubleVector.fromArray(S, panel, pi + LANES);
                DoubleVector wv = DoubleVector.broadcast(S, w[w0 + q]);
                a00 = x0.fma(wv, a00);
                a01 = x1.fma(wv, a01);
                wv = DoubleVector.broadcast(S, w[w1 + q]);
                a10 = x0.fma(wv, a10);
                a11 = x1.fma(wv, a11);
                wv = DoubleVector.broadcast(S, w[w2 + q]);
                a20 = x0.fma(wv, a20);
                a21 = x1.fma(wv, a21);
                wv = DoubleVector.broadcast(S, w[w3 + q]);
                a30 = x0.fma(wv, a30);
                a31 = x1.fma(wv, a31);
            }
            int c0 = p0 + o0 * plane, c1 = p1 + o0 * plane;
            store(a00, out, c0, v0, spill);
            store(a01, out, c1, v1, spill);
            if (rows > 1) {
                store(a10, out, c0 + plane, v0, spill);
                store(a11, out, c1 + plane, v1, spill);
            }
            if (rows > 2) {
                store(a20, out, c0 + 2 * plane, v0, spill);
                store(a21, out, c1 + 2 * plane, v1, spill);
            }
            if (rows > 3) {
                store(a30, out, c0 + 3 * plane, v0, spill);
                store(a31, out, c1 + 3 * plane, v1, spill);
            }
        }
    }

    private static double bias(double[] bias, int off, int o0, int rows, int r) {
        return bias == null || r >= rows ? 0.0 : bias[off + o0 + r];
    }

    /** The first {@code valid} lanes of {@code v} to {@code out} (a partial one through {@code spill}). */
    private static void store(DoubleVector v, double[] out, int at, int valid, double[] spill) {
        if (valid == LANES) {
            v.intoArray(out, at);
        } else if (valid > 0) {
            v.intoArray(spill, 0);
            for (int i = 0; i < valid; i++) out[at + i] = spill[i];
        }
    }
}
