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

    /** Rows of k packed per band. */
    private static final int P_BAND = 64;

    // ---- float ---------------------------------------------------------------------------------

    /** Packs the {@code mc × kc} block of A at {@code off} (element (i,p) at {@code off + i*rs + p*cs}). */
    static void packA(int mc, int kc, int mr, float[] a, int off, int rs, int cs, float[] dst) {
        for (int i0 = 0; i0 < mc; i0 += mr) {
            sliver(Math.min(mr, mc - i0), kc, mr, a, off + i0 * rs, rs, cs, dst, i0 * kc);
        }
    }

    /**
     * Packs the {@code kc × nc} block of B at {@code off} (element (p,j) at {@code off + p*rs + j*cs});
     * {@code simd} lets contiguous rows be copied with vectors.
     */
    static void packB(int kc, int nc, int nr, float[] b, int off, int rs, int cs, float[] dst, boolean simd) {
        int j0 = 0;
        if (cs == 1) {
            // row-major B: each sliver row is a contiguous run. Bands of rows go across all slivers,
            // so the source is read a few pages at a time rather than one column strip at a time.
            int full = nc / nr * nr;
            for (int p0 = 0; p0 < kc; p0 += P_BAND) {
                int p1 = Math.min(kc, p0 + P_BAND);
                for (j0 = 0; j0 < full; j0 += nr) {
                    for (int p = p0; p < p1; p++) {
                        int s = off + p * rs + j0, t = j0 * kc + p * nr;
                        if (simd) VectorCopy.copy(b, s, dst, t, nr);
                        else System.arraycopy(b, s, dst, t, nr);
                    }
                }
            }
            j0 = full;
        }
        // a B sliver is an A sliver of the transposed block: swap the strides
        for (; j0 < nc; j0 += nr) {
            sliver(Math.min(nr, nc - j0), kc, nr, b, off + j0 * cs, cs, rs, dst, j0 * kc);
        }
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

    /** As {@link #packA(int, int, int, float[], int, int, int, float[])}, for doubles. */
    static void packA(int mc, int kc, int mr, double[] a, int off, int rs, int cs, double[] dst) {
        for (int i0 = 0; i0 < mc; i0 += mr) {
            sliver(Math.min(mr, mc - i0), kc, mr, a, off + i0 * rs, rs, cs, dst, i0 * kc);
        }
    }

    /** As {@link #packB(int, int, int, float[], int, int, int, float[], boolean)}, for doubles. */
    static void packB(int kc, int nc, int nr, double[] b, int off, int rs, int cs, double[] dst, boolean simd) {
        int j0 = 0;
        if (cs == 1) {
            // row-major B: each sliver row is a contiguous run. Bands of rows go across all slivers,
            // so the source is read a few pages at a time rather than one column strip at a time.
            int full = nc / nr * nr;
            for (int p0 = 0; p0 < kc; p0 += P_BAND) {
                int p1 = Math.min(kc, p0 + P_BAND);
                for (j0 = 0; j0 < full; j0 += nr) {
                    for (int p = p0; p < p1; p++) {
                        int s = off + p * rs + j0, t = j0 * kc + p * nr;
                        if (simd) VectorCopy.copy(b, s, dst, t, nr);
                        else System.arraycopy(b, s, dst, t, nr);
                    }
                }
            }
            j0 = full;
        }
        // a B sliver is an A sliver of the transposed block: swap the strides
        for (; j0 < nc; j0 += nr) {
            sliver(Math.min(nr, nc - j0), kc, nr, b, off + j0 * cs, cs, rs, dst, j0 * kc);
        }
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
