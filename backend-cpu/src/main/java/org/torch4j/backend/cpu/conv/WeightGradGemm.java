package org.torch4j.backend.cpu.conv;

import org.torch4j.backend.cpu.Parallel;
import org.torch4j.backend.cpu.gemm.Gemm;

/**
 * The weight gradient of a 2-d convolution as GEMMs over chunks of images: {@code gw[O, K] += gy[O, P] · cols[K, P]^T},
 * where {@code cols} is the chunk's im2col matrix (P the chunk's output pixels) and K = C kh kw. With
 * {@link ConvGeometry}'s addressing each im2col row is the zero-bordered image read at one kernel offset, so it is
 * gathered with row copies; the product is then the packed, cache-blocked GEMM, which reads each operand from cache
 * (a register tile summing over the pixels instead streamed the output gradient from memory once per four kernel
 * offsets: 1/5 of the forward's speed at ResNet's shapes). A chunk holds enough images for at least
 * {@link #MIN_PIXELS} pixels (the GEMM's depth), at most {@link #MAX_COLS} elements of im2col.
 *
 * <p>Where the gradient is small ({@code O K} at most {@link #MAX_PARTIAL}: the demo CNN's layers, ResNet's first
 * stages) each chunk's GEMM is too small to split across threads, so the chunks are split instead: into at most
 * {@link #PARTS} parts, a fixed partition of the chunks that depends only on the shapes, each summed into its own
 * partial [O, K] on whichever thread runs it, the partials then added in part order. Larger gradients keep one sum,
 * whose GEMMs split their output blocks across threads. Either way the result does not depend on the thread count.
 * Float32 images small enough for {@link SmallWeightGrad} (one image per chunk) skip im2col and the GEMM.
 * Scratch arrays come from the calling thread's {@link ConvWorkspace}.
 */
final class WeightGradGemm {
    /** The GEMM depth a chunk aims at: ResNet's 7x7 maps take 8 images per product. */
    static final int MIN_PIXELS = 384;
    /** The most im2col elements a chunk holds when it has more than one image (8 MiB of floats). */
    static final int MAX_COLS = 1 << 21;
    /** The most parts the chunks are split into. */
    static final int PARTS = 8;
    /** The largest gradient ({@code O K} elements) summed in parts. */
    static final int MAX_PARTIAL = 1 << 16;

    private WeightGradGemm() {}

    /**
     * {@code gw} (at {@code gw0}, [O, K]) = the weight gradient from input {@code x} (at {@code x0}, [N, C, H, W]) and
     * output gradient {@code gy} (at {@code gy0}, [N, O, OH, OW]), arrays of the element type of {@code t}.
     */
    static void weightGrad(ConvKernels t, ConvGeometry g, Object x, int x0, Object gy, int gy0, Object gw, int gw0) {
        int n = g.n(), o = g.o(), k = g.k(), p = g.outPlane();
        boolean small = gw instanceof float[] && SmallWeightGrad.fits(g) && SmallWeightGrad.finite((float[]) x, x0, n * g.c() * g.inPlane());
        int per = small ? 1 : Math.max(1, Math.min(n, Math.min((MIN_PIXELS + p - 1) / p, MAX_COLS / Math.max(1, k * p))));
        int chunks = (n + per - 1) / per, ok = o * k;
        int parts = (long) ok <= MAX_PARTIAL ? Math.min(chunks, PARTS) : 1;
        if (parts == 1) {
            if (small) SmallWeightGrad.sum(g, (float[]) x, x0, (float[]) gy, gy0, 0, n, (float[]) gw, gw0);
            else sum(t, g, per, 0, n, true, x, x0, gy, gy0, gw, gw0);
            return;
        }
        Object partials = ConvWorkspace.get().array(t, ConvWorkspace.PARTIALS, parts * ok);
        Parallel.forRange(parts, 1, (a, e) -> {
            for (int part = a; part < e; part++) {
                int first = (int) ((long) chunks * part / parts) * per, end = Math.min(n, (int) ((long) chunks * (part + 1) / parts) * per);
                Object out = part == 0 ? gw : partials;
                int out0 = part == 0 ? gw0 : part * ok;
                if (small) SmallWeightGrad.sum(g, (float[]) x, x0, (float[]) gy, gy0, first, end, (float[]) out, out0);
                else sum(t, g, per, first, end, false, x, x0, gy, gy0, out, out0);
            }
        });
        for (int part = 1; part < parts; part++) t.add(partials, part * ok, gw, gw0, ok);
    }

    /**
     * {@code out} (at {@code out0}, [O, K]) = the weight gradient over images [first, end), in chunks of {@code per}
     * images added in order; {@code parallel}: the copies and GEMMs may split across threads.
     */
    private static void sum(ConvKernels t, ConvGeometry g, int per, int first, int end, boolean parallel, Object x, int x0,
                            Object gy, int gy0, Object out, int out0) {
        int o = g.o(), k = g.k(), p = g.outPlane(), oh = g.oh(), ow = g.ow(), len = g.paddedLength();
        int inImage = g.c() * g.inPlane(), outImage = o * p, most = Math.min(per, end - first);
        ConvWorkspace ws = ConvWorkspace.get();
        Object xps = ws.array(t, ConvWorkspace.PADDED, most * len), cols = ws.array(t, ConvWorkspace.COLS, k * most * p);
        Object gys = most > 1 ? ws.array(t, ConvWorkspace.GYS, o * most * p) : null;
        t.zero(xps, 0, most * len); // the borders: reused arrays hold an earlier call's values
        int[] off = g.offsets();
        for (int at = first; at < end; at += per) {
            int count = Math.min(per, end - at), ld = count * p, f = at;
            Parallel.Body pad = (a, e) -> {
                for (int i = a; i < e; i++) g.pad(t, x, x0 + (f + i) * inImage, xps, i * len);
            };
            Parallel.Body gather = (a, e) -> {
                for (int q = a; q < e; q++) {
                    for (int i = 0; i < count; i++) t.copyRows(xps, i * len + off[q], g.pitch(), cols, q * ld + i * p, ow, oh, ow);
                }
            };
            if (parallel) {
                Parallel.forRange(count, 1, pad);
                Parallel.forRange(k, Math.max(1, (1 << 16) / ld), gather);
            } else {
                pad.run(0, count);
                gather.run(0, k);
            }
            Object lhs = gy;
            int lhs0 = gy0 + at * outImage;
            if (count > 1) {
                // the chunk's output gradients side by side: row o is [gy(at, o), gy(at + 1, o), ...]
                for (int i = 0; i < count; i++) t.copyRows(gy, gy0 + (at + i) * outImage, p, gys, i * p, ld, o, p);
                lhs = gys;
                lhs0 = 0;
            }
            boolean add = at > first;
            if (out instanceof float[] c) {
                Gemm.sgemm(o, k, ld, 1f, (float[]) lhs, lhs0, ld, 1, (float[]) cols, 0, 1, ld, add ? 1f : 0f, c, out0, k, 1);
            } else {
                Gemm.dgemm(o, k, ld, 1.0, (double[]) lhs, lhs0, ld, 1, (double[]) cols, 0, 1, ld, add ? 1.0 : 0.0, (double[]) out, out0, k, 1);
            }
        }
    }
}
