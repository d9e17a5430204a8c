package org.torch4j.backend.cpu.gemm;

/**
 * Copies blocks of A and B out of their strided views into the contiguous order the micro-kernel
 * reads, so the kernel's inner loop touches memory strictly sequentially whatever the layout (row-major,
 * transposed, sliced) of the operands.
 *
 * <ul>
 *   <li>A block ({@code mc × kc}): slivers of {@code mr} rows; within a sliver, column {@code p} is
 *       {@code mr} consecutive elements: {@code dst[(i / mr) * mr * kc + p * mr + i % mr]}.
 *   <li>B block ({@code kc × nc}): slivers of {@code nr} columns; within a sliver, row {@code p} is
 *       {@code nr} consecutive elements: {@code dst[(j / nr) * nr * kc + p * nr + j % nr]}.
 * </ul>
 * The last sliver is padded with zeros to a whole tile, so the kernel never needs an edge case in its
 * k-loop. Each layout gets the loop order that reads its source contiguously; long k runs are cut into
 * bands so the part of a sliver being written stays in L1 (measured: 2-3x faster at n = 2048 than
 * whole-sliver passes).
 */
final class Packing {
    private Packing() {}

    /** Rows of k packed per band when transposing. */
    private static final int P_BAND = 64;
    /**
     * Rows of k per band when copying runs. Short: with A's columns 8 KiB apart (m = 2048), packing
     * column-major A took 0.49 ns per float in bands of 64 and 0.23 in bands of 8 (Zen 4; no difference
     * at m = 768 nor for row-major B). Likely the TLB: each row of a band lies on its own page, and
     * Zen 4's L1 data TLB holds 72.
     */
    private static final int RUN_BAND = 8;

    // ---- float ---------------------------------------------------------------------------------

    /**
     * Packs the {@code mc × kc} block of A at {@code off} (element (i,p) at {@code off + i*rs + p*cs});
     * {@code simd} lets contiguous runs be copied with vectors.
     */
    static void packA(int mc, int kc, int mr, float[] a, int off, int rs, int cs, float[] dst, boolean simd) {
        if (rs == 1) {
            // column-major A (a transposed operand, as in every weight gradient dY^T X): column p of the
            // block is contiguous, as in a packed sliver, so this is row-major B's copy with i for j.
            // Element by element (sliver) it took 1.2-1.9 ns per float, a quarter of the JFR samples of
            // a 768 x 256 x 2048 product; copied as runs, 0.2-0.3
            runs(kc, mc, mr, a, off, cs, dst, simd);
            return;
        }
        for (int i0 = 0; i0 < mc; i0 += mr) {
            sliver(Math.min(mr, mc - i0), kc, mr, a, off + i0 * rs, rs, cs, dst, i0 * kc);
        }
    }

    /**
     * Packs the {@code kc × nc} block of B at {@code off} (element (p,j) at {@code off + p*rs + j*cs});
     * {@code simd} lets contiguous rows be copied with vectors.
     */
    static void packB(int kc, int nc, int nr, float[] b, int off, int rs, int cs, float[] dst, boolean simd) {
        if (cs == 1) {
            runs(kc, nc, nr, b, off, rs, dst, simd);
            return;
        }
        // a B sliver is an A sliver of the transposed block: swap the strides
        for (int j0 = 0; j0 < nc; j0 += nr) {
            sliver(Math.min(nr, nc - j0), kc, nr, b, off + j0 * cs, cs, rs, dst, j0 * kc);
        }
    }

    /**
     * A block with unit stride across its slivers, element (p,q) at {@code off + p*ps + q} (row-major B,
     * q = j; column-major A, q = i): each row of a sliver is a contiguous run of {@code w} elements, copied
     * whole. Bands of {@link #RUN_BAND} rows go across all slivers, so the source is read a few rows at a
     * time; the last, partial sliver is packed element by element and zero-padded.
     */
    private static void runs(int kc, int width, int w, float[] src, int off, int ps, float[] dst, boolean simd) {
        int full = width / w * w;
        for (int p0 = 0; p0 < kc; p0 += RUN_BAND) {
            int p1 = Math.min(kc, p0 + RUN_BAND);
            for (int q0 = 0; q0 < full; q0 += w) {
                for (int p = p0; p < p1; p++) {
                    int s = off + p * ps + q0, t = q0 * kc + p * w;
                    if (simd) VectorCopy.copy(src, s, dst, t, w);
                    else System.arraycopy(src, s, dst, t, w);
                }
            }
        }
        if (full < width) sliver(width - full, kc, w, src, off + full, 1, ps, dst, full * kc);
    }

    /**
     * One sliver: {@code dst[d + p*w + r] = src[off + r*rs + p*cs]} for {@code r < rows}, zero for
     * {@code rows <= r < w}.
     */
    private static void sliver(int rows, int kc, int w, float[] src, int off, int rs, int cs, float[] dst, int d) {
        if (cs == 1) {
            // each row runs along p: read a band of each row contiguously, write it with stride w
            for (int p0 = 0; p0 < kc; p0 += P_BAND) {
                int p1 = Math.min(kc, p0 + P_BAND);
                for (int r = 0; r < rows; r++) {
                    int s = off + r * rs;
                    for (int p = p0; p < p1; p++) dst[d + p * w + r] = src[s + p];
                }
            }
        } else {
            for (int p = 0; p < kc; p++) {
                int s = off + p * cs, t = d + p * w;
                for (int r = 0; r < rows; r++) dst[t + r] = src[s + r * rs];
            }
        }
        if (rows < w) {
            for (int p = 0; p < kc; p++) {
                for (int r = rows; r < w; r++) dst[d + p * w + r] = 0f;
            }
        }
    }

    // ---- double --------------------------------------------------------------------------------

    /** As {@link #packA(int, int, int, float[], int, int, int, float[], boolean)}, for doubles. */
    static void packA(int mc, int kc, int mr, double[] a, int off, int rs, int cs, double[] dst, boolean simd) {
        if (rs == 1) {
            runs(kc, mc, mr, a, off, cs, dst, simd);
            return;
        }
        for (int i0 = 0; i0 < mc; i0 += mr) {
            sliver(Math.min(mr, mc - i0), kc, mr, a, off + i0 * rs, rs, cs, dst, i0 * kc);
        }
    }

    /** As {@link #packB(int, int, int, float[], int, int, int, float[], boolean)}, for doubles. */
    static void packB(int kc, int nc, int nr, double[] b, int off, int rs, int cs, double[] dst, boolean simd) {
        if (cs == 1) {
            runs(kc, nc, nr, b, off, rs, dst, simd);
            return;
        }
        // a B sliver is an A sliver of the transposed block: swap the strides
        for (int j0 = 0; j0 < nc; j0 += nr) {
            sliver(Math.min(nr, nc - j0), kc, nr, b, off + j0 * cs, cs, rs, dst, j0 * kc);
        }
    }

    /** As {@link #runs(int, int, int, float[], int, int, float[], boolean)}, for doubles. */
    private static void runs(int kc, int width, int w, double[] src, int off, int ps, double[] dst, boolean simd) {
        int full = width / w * w;
        for (int p0 = 0; p0 < kc; p0 += RUN_BAND) {
            int p1 = Math.min(kc, p0 + RUN_BAND);
            for (int q0 = 0; q0 < full; q0 += w) {
                for (int p = p0; p < p1; p++) {
                    int s = off + p * ps + q0, t = q0 * kc + p * w;
                    if (simd) VectorCopy.copy(src, s, dst, t, w);
                    else System.arraycopy(src, s, dst, t, w);
                }
            }
        }
        if (full < width) sliver(width - full, kc, w, src, off + full, 1, ps, dst, full * kc);
    }

    /**
     * One sliver: {@code dst[d + p*w + r] = src[off + r*rs + p*cs]} for {@code r < rows}, zero for
     * {@code rows <= r < w}.
     */
    private static void sliver(int rows, int kc, int w, double[] src, int off, int rs, int cs, double[] dst, int d) {
        if (cs == 1) {
            // each row runs along p: read a band of each row contiguously, write it with stride w
            for (int p0 = 0; p0 < kc; p0 += P_BAND) {
                int p1 = Math.min(kc, p0 + P_BAND);
                for (int r = 0; r < rows; r++) {
                    int s = off + r * rs;
                    for (int p = p0; p < p1; p++) dst[d + p * w + r] = src[s + p];
                }
            }
        } else {
            for (int p = 0; p < kc; p++) {
                int s = off + p * cs, t = d + p * w;
                for (int r = 0; r < rows; r++) dst[t + r] = src[s + r * rs];
            }
        }
        if (rows < w) {
            for (int p = 0; p < kc; p++) {
                for (int r = rows; r < w; r++) dst[d + p * w + r] = 0.0;
            }
        }
    }
}
