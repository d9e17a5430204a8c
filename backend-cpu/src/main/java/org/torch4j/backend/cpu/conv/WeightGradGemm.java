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
 * {@link #MIN_PIXELS} pixels (the GEMM's depth), at most {@link #MAX_COLS} elements of im2col. The GEMM splits its
 * output blocks across threads, and chunks add in image order, so the result does not depend on the thread count.
 */
final class WeightGradGemm {
    /** The GEMM depth a chunk aims at: ResNet's 7x7 maps take 8 images per product. */
    static final int MIN_PIXELS = 384;
    /** The most im2col elements a chunk holds when it has more than one image (8 MiB of floats). */
    static final int MAX_COLS = 1 << 21;

    private WeightGradGemm() {}

    /**
     * {@code gw} (at {@code gw0}, [O, K]) = the weight gradient from input {@code x} (at {@code x0}, [N, C, H, W]) and
     * output gradient {@code gy} (at {@code gy0}, [N, O, OH, OW]), arrays of the element type of {@code t}.
     */
    static void weightGrad(ConvKernels t, ConvGeometry g, Object x, int x0, Object gy, int gy0, Object gw, int gw0) {
        int n = g.n(), o = g.o(), k = g.k(), p = g.outPlane(), oh = g.oh(), ow = g.ow();
        int per = Math.max(1, Math.min(n, Math.min((MIN_PIXELS + p - 1) / p, MAX_COLS / Math.max(1, k * p))));
        int inImage = g.c() * g.inPlane(), outImage = o * p;
        Object[] xps = new Object[per];
        for (int i = 0; i < per; i++) xps[i] = t.allocate(g.paddedLength());
        Object cols = t.allocate(k * per * p), gys = per > 1 ? t.allocate(o * per * p) : null;
        int[] off = g.offsets();
        for (int first = 0; first < n; first += per) {
            int count = Math.min(per, n - first), ld = count * p, f = first;
            Parallel.forRange(count, 1, (a, e) -> {
                for (int i = a; i < e; i++) g.pad(t, x, x0 + (f + i) * inImage, xps[i]);
            });
            int grain = Math.max(1, (1 << 16) / ld);
            Parallel.forRange(k, grain, (a, e) -> {
                for (int q = a; q < e; q++) {
                    for (int i = 0; i < count; i++) t.copyRows(xps[i], off[q], g.pitch(), cols, q * ld + i * p, ow, oh, ow);
                }
            });
            Object lhs = gy;
            int lhs0 = gy0 + first * outImage;
            if (count > 1) {
                // the chunk's output gradients side by side: row o is [gy(first, o), gy(first + 1, o), ...]
                for (int i = 0; i < count; i++) t.copyRows(gy, gy0 + (first + i) * outImage, p, gys, i * p, ld, o, p);
                lhs = gys;
                lhs0 = 0;
            }
            boolean add = first > 0;
            if (gw instanceof float[] c) {
                Gemm.sgemm(o, k, ld, 1f, (float[]) lhs, lhs0, ld, 1, (float[]) cols, 0, 1, ld, add ? 1f : 0f, c, gw0, k, 1);
            } else {
                Gemm.dgemm(o, k, ld, 1.0, (double[]) lhs, lhs0, ld, 1, (double[]) cols, 0, 1, ld, add ? 1.0 : 0.0, (double[]) gw, gw0, k, 1);
            }
        }
    }
}
