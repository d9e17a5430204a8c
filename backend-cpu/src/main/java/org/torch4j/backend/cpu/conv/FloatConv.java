package org.torch4j.backend.cpu.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 weight-gradient tile of the direct convolution and the copies its geometry uses (see
 * {@link ConvGeometry} for the addressing; the float32 forward is {@link BlockedConv}). The tile first
 * gathers what it reads through the offset table into a small contiguous panel, then runs a GEMM-like
 * register tile whose loads are affine in the loop index (the JIT hoists their bounds checks; through
 * the table it cannot, which halves the speed). {@link DoubleConv} has its own copy over float64 lanes
 * (with the forward tile too): the loops must stay monomorphic in the element type for the Vector API
 * to compile them to registers.
 */
final class FloatConv implements ConvKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int LANES = S.length();
    /** Output channels per register tile (with four kernel offsets here, two in DoubleConv's). */
    static final int ROWS = 4;
    static final ConvKernels KERNELS = new FloatConv();

    private FloatConv() {}

    @Override
    public int lanes() {
        return LANES;
    }

    @Override
    public Object allocate(int length) {
        return new float[length];
    }

    @Override
    public void copyRows(Object src, int from, int srcStride, Object dst, int to, int dstStride, int rows, int len) {
        copyRows((float[]) src, from, srcStride, (float[]) dst, to, dstStride, rows, len);
    }

    private static void copyRows(float[] a, int from, int srcStride, float[] b, int to, int dstStride, int rows, int len) {
        if (len < LANES) {
            // one masked vector per row: a System.arraycopy call per short row (14 floats for a 14x14
            // image) cost more than the copy and took most of the weight gradient's time
            VectorMask<Float> m = S.indexInRange(0, len);
            for (int r = 0; r < rows; r++, from += srcStride, to += dstStride) FloatVector.fromArray(S, a, from, m).intoArray(b, to, m);
            return;
        }
        for (int r = 0; r < rows; r++, from += srcStride, to += dstStride) {
            // whole vectors, the last one overlapping the one before where len is not a multiple
            for (int i = 0; ; i += LANES) {
                int at = Math.min(i, len - LANES);
                FloatVector.fromArray(S, a, from + at).intoArray(b, to + at);
                if (at == len - LANES) break;
            }
        }
    }

    @Override
    public void copyStrided(Object src, int from, int step, Object dst, int to, int n) {
        float[] a = (float[]) src, b = (float[]) dst;
        for (int i = 0; i < n; i++) b[to + i] = a[from + i * step];
    }

    @Override
    public void weightGrad(ConvGeometry g, Object[] xps, Object[] gys, int images, Object panel, Object partial) {
        float[][] x = new float[images][], gy = new float[images][];
        for (int i = 0; i < images; i++) {
            x[i] = (float[]) xps[i];
            gy[i] = (float[]) gys[i];
        }
        weightGrad(g, x, gy, images, (float[]) panel, (float[]) partial);
    }

    @Override
    public void sum(Object[] partials, Object out, int off, int size) {
        float[] o = (float[]) out;
        for (int i = 0; i < size; i++) {
            float s = 0;
            for (Object p : partials) {
                for (int l = 0; l < LANES; l++) s += ((float[]) p)[i * LANES + l];
            }
            o[off + i] = s;
        }
    }

    /**
     * Adds to {@code gw} ([O, K, lanes]: see ConvKernels.weightGrad) the weight gradient from {@code images} padded images {@code xps} and their
     * output gradients {@code gys} (planes {@link ConvGeometry#compactPlane} apart, zeros past each plane).
     * For each four kernel offsets, the four im2col rows of every image (the padded image read at that
     * offset, output pixels in row-major order) are gathered into {@code panel}, also planes
     * {@code compactPlane} apart; then for each block of {@link #ROWS} output channels the products over
     * every pixel of every image accumulate in registers and are added to {@code gw} lane by lane
     * ({@code gw} holds one vector per (o, k); summing its lanes per group cost as much as the products).
     */
    static void weightGrad(ConvGeometry g, float[][] xps, float[][] gys, int images, float[] panel, float[] gw) {
        int k = g.k(), o = g.o(), plane = g.compactPlane(), oh = g.oh(), ow = g.ow(), pitch = g.pitch();
        int[] off = g.offsets();
        for (int k0 = 0; k0 < k; k0 += 4) {
            // four kernel offsets at a time (the last ones repeat offset k - 1 past K; their sums are dropped):
            // 4 x 4 accumulators take 8 loads per 16 multiply-adds, where 4 x 2 took 6 per 8
            int k1 = Math.min(k0 + 1, k - 1), k2 = Math.min(k0 + 2, k - 1), k3 = Math.min(k0 + 3, k - 1);
            for (int im = 0; im < images; im++) {
                int at = 4 * im * plane;
                copyRows(xps[im], off[k0], pitch, panel, at, ow, oh, ow);
                copyRows(xps[im], off[k1], pitch, panel, at + plane, ow, oh, ow);
                copyRows(xps[im], off[k2], pitch, panel, at + 2 * plane, ow, oh, ow);
                copyRows(xps[im], off[k3], pitch, panel, at + 3 * plane, ow, oh, ow);
            }
            for (int o0 = 0; o0 < o; o0 += ROWS) {
                int rows = Math.min(ROWS, o - o0);
                // rows past O repeat the last channel; their sums are dropped
                int r0 = o0 * plane, r1 = Math.min(o0 + 1, o - 1) * plane, r2 = Math.min(o0 + 2, o - 1) * plane;
                int r3 = Math.min(o0 + 3, o - 1) * plane;
                FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00, a10 = a00, a11 = a00, a12 = a00, a13 = a00;
                FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00, a30 = a00, a31 = a00, a32 = a00, a33 = a00;
                for (int im = 0; im < images; im++) {
                    float[] gy = gys[im];
                    int x0At = 4 * im * plane, x1At = x0At + plane, x2At = x1At + plane, x3At = x2At + plane;
                    for (int p = 0; p < plane; p += LANES) {
                        FloatVector x0 = FloatVector.fromArray(S, panel, x0At + p), x1 = FloatVector.fromArray(S, panel, x1At + p);
                        FloatVector x2 = FloatVector.fromArray(S, panel, x2At + p), x3 = FloatVector.fromArray(S, panel, x3At + p);
                        FloatVector gv = FloatVector.fromArray(S, gy, r0 + p);
                        a00 = gv.fma(x0, a00);
                        a01 = gv.fma(x1, a01);
                        a02 = gv.fma(x2, a02);
                        a03 = gv.fma(x3, a03);
                        gv = FloatVector.fromArray(S, gy, r1 + p);
                        a10 = gv.fma(x0, a10);
                        a11 = gv.fma(x1, a11);
                        a12 = gv.fma(x2, a12);
                        a13 = gv.fma(x3, a13);
                        gv = FloatVector.fromArray(S, gy, r2 + p);
                        a20 = gv.fma(x0, a20);
                        a21 = gv.fma(x1, a21);
                        a22 = gv.fma(x2, a22);
                        a23 = gv.fma(x3, a23);
                        gv = FloatVector.fromArray(S, gy, r3 + p);
                        a30 = gv.fma(x0, a30);
                        a31 = gv.fma(x1, a31);
                        a32 = gv.fma(x2, a32);
                        a33 = gv.fma(x3, a33);
                    }
                }
                // into gw's lane vectors: element (o0 + r, kj) at ((o0 + r) k + kj) LANES
                int b0 = o0 * k * LANES, b1 = b0 + k * LANES, b2 = b1 + k * LANES, b3 = b2 + k * LANES;
                for (int j = 0; j < 4; j++) {
                    int kj = k0 + j;
                    if (kj >= k) break;
                    FloatVector c0 = j == 0 ? a00 : j == 1 ? a01 : j == 2 ? a02 : a03;
                    c0.add(FloatVector.fromArray(S, gw, b0 + kj * LANES)).intoArray(gw, b0 + kj * LANES);
                    if (rows > 1) {
                        FloatVector c1 = j == 0 ? a10 : j == 1 ? a11 : j == 2 ? a12 : a13;
                        c1.add(FloatVector.fromArray(S, gw, b1 + kj * LANES)).intoArray(gw, b1 + kj * LANES);
                    }
                    if (rows > 2) {
                        FloatVector c2 = j == 0 ? a20 : j == 1 ? a21 : j == 2 ? a22 : a23;
                        c2.add(FloatVector.fromArray(S, gw, b2 + kj * LANES)).intoArray(gw, b2 + kj * LANES);
                    }
                    if (rows > 3) {
                        FloatVector c3 = j == 0 ? a30 : j == 1 ? a31 : j == 2 ? a32 : a33;
                        c3.add(FloatVector.fromArray(S, gw, b3 + kj * LANES)).intoArray(gw, b3 + kj * LANES);
                    }
                }
            }
        }
    }
}
