package org.torch4j.backend.cpu.gemm;

import org.torch4j.backend.cpu.Parallel;

/**
 * The cache-blocked float GEMM (the five loops of Goto/BLIS around a register-tile micro-kernel),
 * and its split across threads.
 *
 * <pre>
 * for jc in n by nc:                  B block kc × nc (L3)
 *   for pc in k by kc:                pack B block
 *     for ic in m by mc:              pack A block mc × kc (L2), unless A is row-major
 *       for jr in nc by nr:           B sliver kc × nr (L2, streamed)
 *         for ir in mc by mr:         micro-kernel: mr × nr tile of C in registers
 * </pre>
 *
 * Threads split C into column slabs (or row slabs, whichever dimension is longer) of whole tiles; each
 * runs the loops above on its slab with its own packing buffers, so no thread waits for another until
 * the end.
 */
final class FloatBlocked {
    private FloatBlocked() {}

    /**
     * Below this many multiply-adds a product stays on one thread: waking a pool thread costs ~10 us,
     * as much as a 128³ float product takes (measured: 2 threads gave +4% at 128³, +65% at 160³).
     */
    static final long PARALLEL_MIN_WORK = 3L << 20;

    /** From this many B slivers (columns of C over {@code nr}) on, row-major A is packed rather than read in place. */
    static final int PACK_A_SLIVERS = 32;

    static void gemm(boolean simd, boolean parallel, int m, int n, int k, float alpha,
                     float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
                     float beta, float[] c, int cOff, int cRs, int cCs) {
        BlockSizes bs = simd ? FloatMicroKernel.SIZES : ScalarKernels.FLOAT_SIZES;
        int threads = parallel ? Parallel.threads() : 1;
        long work = (long) m * n * k;
        if (threads <= 1 || work < PARALLEL_MIN_WORK) {
            serial(simd, bs, m, n, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, bCs, beta, c, cOff, cRs, cCs);
            return;
        }
        int mr = bs.mr(), nr = bs.nr();
        int mTiles = (m + mr - 1) / mr, nTiles = (n + nr - 1) / nr;
        if (nTiles >= mTiles) {
            int grain = (int) Math.max(1, PARALLEL_MIN_WORK / 2 / ((long) m * k * nr));
            Parallel.forRange(nTiles, grain, (s, e) -> {
                int j0 = s * nr, j1 = Math.min(n, e * nr);
                serial(simd, bs, m, j1 - j0, k, alpha, a, aOff, aRs, aCs, b, bOff + j0 * bCs, bRs, bCs,
                        beta, c, cOff + j0 * cCs, cRs, cCs);
            });
        } else {
            int grain = (int) Math.max(1, PARALLEL_MIN_WORK / 2 / ((long) n * k * mr));
            Parallel.forRange(mTiles, grain, (s, e) -> {
                int i0 = s * mr, i1 = Math.min(m, e * mr);
                serial(simd, bs, i1 - i0, n, k, alpha, a, aOff + i0 * aRs, aRs, aCs, b, bOff, bRs, bCs,
                        beta, c, cOff + i0 * cRs, cRs, cCs);
            });
        }
    }

    /** The blocked product on the calling thread. */
    static void serial(boolean simd, BlockSizes bs, int m, int n, int k, float alpha,
                       float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
                       float beta, float[] c, int cOff, int cRs, int cCs) {
        int mr = bs.mr(), nr = bs.nr();
        int kcMax = BlockSizes.balanced(k, bs.kc(), 1);
        int mcMax = BlockSizes.balanced(m, bs.mc(), mr);
        int ncMax = BlockSizes.balanced(n, bs.nc(), nr);
        // A with unit column stride (row-major, the common case) is read in place when few B slivers share
        // each A block: packing it is a transpose, paid once per block and repaid on every sliver, as the
        // kernel from packed A is ~10% faster (Intel AVX-512, one thread, floats, GFLOP/s in place vs
        // packed: 2048x768x256 180 vs 162, 512^3 174 vs 171, 1024^3 162 vs 169, 256x1024x2048 137 vs 153)
        boolean directA = simd && aCs == 1 && n < PACK_A_SLIVERS * nr;
        Workspace ws = Workspace.get();
        float[] ap = directA ? null : ws.floatA(roundUp(mcMax, mr) * kcMax);
        float[] bp = ws.floatB(roundUp(ncMax, nr) * kcMax);
        float[] tmp = ws.floatTmp(mr * nr);
        for (int jc = 0; jc < n; jc += ncMax) {
            int nc = Math.min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                float bt = pc == 0 ? beta : 1f; // later k blocks accumulate onto the first
                Packing.packB(kc, nc, nr, b, bOff + pc * bRs + jc * bCs, bRs, bCs, bp, simd);
                for (int ic = 0; ic < m; ic += mcMax) {
                    int mc = Math.min(mcMax, m - ic);
                    int ao = aOff + ic * aRs + pc * aCs;
                    if (!directA) Packing.packA(mc, kc, mr, a, ao, aRs, aCs, ap, simd);
                    for (int jr = 0; jr < nc; jr += nr) {
                        int cols = Math.min(nr, nc - jr);
                        int co = cOff + ic * cRs + (jc + jr) * cCs;
                        for (int ir = 0; ir < mc; ir += mr) {
                            int rows = Math.min(mr, mc - ir), ct = co + ir * cRs;
                            if (directA) {
                                FloatMicroKernel.tileRows(kc, a, ao + ir * aRs, aRs, bp, jr * kc, alpha, bt,
                                        c, ct, cRs, cCs, rows, cols, tmp);
                            } else if (simd) {
                                FloatMicroKernel.tile(kc, ap, ir * kc, bp, jr * kc, alpha, bt, c, ct, cRs, cCs, rows, cols, tmp);
                            } else {
                                ScalarKernels.tile(kc, ap, ir * kc, bp, jr * kc, alpha, bt, c, ct, cRs, cCs, rows, cols, tmp);
                            }
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }
}
