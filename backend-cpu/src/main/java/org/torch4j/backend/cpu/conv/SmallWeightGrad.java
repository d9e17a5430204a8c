package org.torch4j.backend.cpu.conv;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 weight gradient of shallow filters over small images (the demo CNN's first layer: one input channel,
 * 3x3, on 28x28 maps), without im2col or GEMM packing: {@code gw[o, q] = sum over pixels of gy[o, p] x[p + offsets[q]]}, read over {@link ConvGeometry}'s
 * virtual pixels {@code p = y pitch + x}. The output gradient of each image is copied once into that pitched layout
 * (zeros in the columns past the output width and after the last row), so both operands of every product are
 * contiguous runs: a register tile of 4 output channels x 3 kernel offsets (12 vector accumulators, 7 loads per 12
 * FMAs) sums a batch of images prepared together (256 KiB: L2), and adds its lane vectors to a per-(o, q) lane
 * buffer; the lanes are summed, in order, once per call. Where K is small the GEMM's tile wastes most of its columns
 * (9 of 32) and its copies (im2col, then packing) cost more than the products. An 8 x 3 tile spilled (1.6x slower),
 * one image at a time (L1) was slower than batches of five (the per-tile sums and stores weigh more). Loaded only when {@code Simd.ENABLED}.
 */
final class SmallWeightGrad {
    /** The most floats one image's padded input and pitched output gradient may take together. */
    static final int MAX_IMAGE_FLOATS = 1 << 15;
    /**
     * The deepest filter (C kh kw) taken: at the demo CNN's first layer (K = 9) this took 290 us against the GEMM's 390
     * (batch 64, one thread), at its second (K = 144) 1.4 ms against 1.5, within the noise: deeper filters keep the GEMM.
     */
    static final int MAX_K = 32;
    /** The largest gradient (O K elements): the lane buffer holds O K vectors. */
    static final int MAX_GRADIENT = 1 << 13;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length(), TO = 4, TQ = 3;
    /** The floats of padded images and pitched output gradients prepared at a time (256 KiB: L2). */
    private static final int BATCH_FLOATS = 1 << 16;

    private SmallWeightGrad() {}

    /** Whether this kernel takes the weight gradient of {@code g}. */
    static boolean fits(ConvGeometry g) {
        return g.k() <= MAX_K && (long) g.o() * g.k() <= MAX_GRADIENT && g.paddedLength() + (long) g.o() * pitched(g) <= MAX_IMAGE_FLOATS;
    }

    /**
     * Whether {@code x[from, from + n)} holds no infinity or NaN. The virtual pixels past a row's output width
     * multiply input values by the zero output gradient there, and 0 * Inf would make a NaN where PyTorch's sum,
     * which never reads those values at that kernel offset, stays finite: non-finite inputs go to the GEMM.
     */
    static boolean finite(float[] x, int from, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, from + i);
            acc = acc.add(v.sub(v)); // 0, or NaN for an infinity or a NaN
        }
        float rest = 0;
        for (; i < n; i++) rest += x[from + i] - x[from + i];
        return !acc.test(jdk.incubator.vector.VectorOperators.IS_NAN).anyTrue() && rest == 0;
    }

    /** Virtual pixels of an image, rounded up to whole vectors. */
    private static int pitched(ConvGeometry g) {
        int virtual = (g.oh() - 1) * g.pitch() + g.ow();
        return (virtual + L - 1) / L * L;
    }

    /** {@code out} (at {@code out0}, [O, K]) = the weight gradient over images [first, end), summed in image order. */
    static void sum(ConvGeometry g, float[] x, int x0, float[] gy, int gy0, int first, int end, float[] out, int out0) {
        int o = g.o(), k = g.k(), vp = pitched(g), p = g.outPlane();
        // L floats of slack after each padded image: a last vector may read past it (lanes whose gy is 0)
        int xs = g.paddedLength() + L, gs = o * vp, batch = Math.max(1, Math.min(end - first, BATCH_FLOATS / (xs + gs)));
        int inImage = g.c() * g.inPlane(), outImage = o * p, trash = o * k * L;
        ConvWorkspace ws = ConvWorkspace.get();
        float[] xp = ws.floats(ConvWorkspace.PADDED, batch * xs), gyp = ws.floats(ConvWorkspace.GYS, batch * gs);
        float[] lanes = ws.floats(ConvWorkspace.COLS, trash + TO * TQ * L);
        Arrays.fill(xp, 0, batch * xs, 0f);
        Arrays.fill(gyp, 0, batch * gs, 0f);
        Arrays.fill(lanes, 0, trash, 0f);
        int[] off = g.offsets(), at = new int[TO * TQ], rows = new int[TO];
        for (int img = first; img < end; img += batch) {
            int count = Math.min(batch, end - img);
            for (int i = 0; i < count; i++) {
                g.pad(FloatConv.KERNELS, x, x0 + (img + i) * inImage, xp, i * xs);
                for (int oc = 0; oc < o; oc++) {
                    FloatConv.KERNELS.copyRows(gy, gy0 + (img + i) * outImage + oc * p, g.ow(), gyp, i * gs + oc * vp, g.pitch(), g.oh(), g.ow());
                }
            }
            for (int oc = 0; oc < o; oc += TO) {
                for (int i = 0; i < TO; i++) rows[i] = Math.min(oc + i, o - 1) * vp;
                for (int q = 0; q < k; q += TQ) {
                    for (int i = 0; i < TO; i++) {
                        for (int j = 0; j < TQ; j++) {
                            // a tile past the last channel or offset adds its (duplicate) sums to the trash
                            at[i * TQ + j] = oc + i < o && q + j < k ? ((oc + i) * k + q + j) * L : trash + (i * TQ + j) * L;
                        }
                    }
                    tile(vp, count, gyp, gs, rows, xp, xs, off[q], off[Math.min(q + 1, k - 1)], off[Math.min(q + 2, k - 1)], lanes, at);
                }
            }
        }
        for (int i = 0; i < o * k; i++) {
            float s = 0;
            for (int l = 0; l < L; l++) s += lanes[i * L + l];
            out[out0 + i] = s;
        }
    }

    /**
     * Adds {@code sum over images m < count and p < vp of gy[m gs + rows[i] + p] * xp[m xs + xj + p]} lane by lane to
     * {@code lanes[at[i TQ + j]]}.
     */
    private static void tile(int vp, int count, float[] gy, int gs, int[] rows, float[] xp, int xs, int x0, int x1, int x2,
                             float[] lanes, int[] at) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S);
        int r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3];
        for (int m = 0; m < count; m++) {
            int gm = m * gs, xm = m * xs;
            for (int p = 0; p < vp; p += L) {
                int xq = xm + p, gp = gm + p;
                FloatVector b0 = FloatVector.fromArray(S, xp, x0 + xq), b1 = FloatVector.fromArray(S, xp, x1 + xq);
                FloatVector b2 = FloatVector.fromArray(S, xp, x2 + xq), a;
                a = FloatVector.fromArray(S, gy, r0 + gp); c00 = a.fma(b0, c00); c01 = a.fma(b1, c01); c02 = a.fma(b2, c02);
                a = FloatVector.fromArray(S, gy, r1 + gp); c10 = a.fma(b0, c10); c11 = a.fma(b1, c11); c12 = a.fma(b2, c12);
                a = FloatVector.fromArray(S, gy, r2 + gp); c20 = a.fma(b0, c20); c21 = a.fma(b1, c21); c22 = a.fma(b2, c22);
                a = FloatVector.fromArray(S, gy, r3 + gp); c30 = a.fma(b0, c30); c31 = a.fma(b1, c31); c32 = a.fma(b2, c32);
            }
        }
        add(lanes, at[0], c00); add(lanes, at[1], c01); add(lanes, at[2], c02);
        add(lanes, at[3], c10); add(lanes, at[4], c11); add(lanes, at[5], c12);
        add(lanes, at[6], c20); add(lanes, at[7], c21); add(lanes, at[8], c22);
        add(lanes, at[9], c30); add(lanes, at[10], c31); add(lanes, at[11], c32);
    }

    private static void add(float[] lanes, int at, FloatVector v) {
        FloatVector.fromArray(S, lanes, at).add(v).intoArray(lanes, at);
    }
}
