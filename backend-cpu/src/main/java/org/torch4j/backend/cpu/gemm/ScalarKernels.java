package org.torch4j.backend.cpu.gemm;

import java.util.Arrays;

/**
 * The kernels without the Vector API, and the scalar pieces the SIMD kernels share (edge-tile stores,
 * odd layouts). The tile kernel plugs into the same blocked driver and packing as the SIMD kernel.
 *
 * <p>Why a register tile of scalars rather than loops for C2 to auto-vectorise: JDK 25's C2 does not
 * vectorise a loop that reads one array parameter and writes another (it cannot rule out aliasing;
 * runtime alias checks come later), so an axpy over packed B into an accumulator row stays scalar and
 * load/store-bound (~7 GFLOP/s here). Sixteen accumulators in locals reach ~14 GFLOP/s (AVX-512 host)
 * and ~11 with 16 registers, the most among the shapes measured (2×4 to 8×4).
 */
final class ScalarKernels {
    private ScalarKernels() {}

    /** The scalar tile: 4 × 4, sixteen accumulators in registers. */
    static final int MR = 4, NR = 4;
    static final BlockSizes FLOAT_SIZES = BlockSizes.forTile(MR, NR, 4);
    static final BlockSizes DOUBLE_SIZES = BlockSizes.forTile(MR, NR, 8);

    // ---- float ---------------------------------------------------------------------------------

    /** As {@link FloatMicroKernel#tile}, with {@code acc} of at least {@code MR * NR} floats. */
    static void tile(int kc, float[] ap, int ao, float[] bp, int bo, float alpha, float beta,
                     float[] c, int co, int cRs, int cCs, int rows, int cols, float[] acc) {
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;
        for (int p = 0; p < kc; p++) {
            int a = ao + p * MR, b = bo + p * NR;
            float b0 = bp[b], b1 = bp[b + 1], b2 = bp[b + 2], b3 = bp[b + 3], x;
            x = ap[a + 0]; c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
            x = ap[a + 1]; c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
            x = ap[a + 2]; c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
            x = ap[a + 3]; c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
        }
        acc[0] = c00; acc[1] = c01; acc[2] = c02; acc[3] = c03;
        acc[4] = c10; acc[5] = c11; acc[6] = c12; acc[7] = c13;
        acc[8] = c20; acc[9] = c21; acc[10] = c22; acc[11] = c23;
        acc[12] = c30; acc[13] = c31; acc[14] = c32; acc[15] = c33;
        store(acc, 0, NR, rows, cols, alpha, beta, c, co, cRs, cCs);
    }

    /**
     * Writes {@code rows × cols} of the tile at {@code t[to]} (row length {@code ld}) into C:
     * {@code C = alpha * t + beta * C}, with C not read when beta is 0.
     */
    static void store(float[] t, int to, int ld, int rows, int cols, float alpha, float beta, float[] c, int co, int cRs, int cCs) {
        if (cRs == 1 && rows > 1) {
            storeColumns(t, to, ld, rows, cols, alpha, beta, c, co, cCs);
            return;
        }
        for (int i = 0; i < rows; i++) {
            int o = co + i * cRs, r = to + i * ld;
            if (beta == 0) {
                for (int j = 0; j < cols; j++) c[o + j * cCs] = alpha * t[r + j];
            } else {
                for (int j = 0; j < cols; j++) c[o + j * cCs] = alpha * t[r + j] + beta * c[o + j * cCs];
            }
        }
    }

    /**
     * {@link #store} into a column-major C (a product computed transposed): column by column, so each of C's
     * cache lines is written once per tile. Row by row, a tile's rows revisit all of its columns' lines, which
     * sit C's column stride apart; at a power-of-two stride they share one L1 set and evict each other (an LSTM
     * step's {@code h W^T}, columns 4 KiB apart, ran at 60% of the row-major store's speed).
     */
    private static void storeColumns(float[] t, int to, int ld, int rows, int cols, float alpha, float beta, float[] c, int co, int cCs) {
        for (int j = 0; j < cols; j++) {
            int o = co + j * cCs, r = to + j;
            if (beta == 0) {
                for (int i = 0; i < rows; i++) c[o + i] = alpha * t[r + i * ld];
            } else {
                for (int i = 0; i < rows; i++) c[o + i] = alpha * t[r + i * ld] + beta * c[o + i];
            }
        }
    }

    /** An unpacked product for small sizes and any strides. */
    static void small(int m, int n, int k, float alpha, float[] a, int aOff, int aRs, int aCs,
                      float[] b, int bOff, int bRs, int bCs, float beta, float[] c, int cOff, int cRs, int cCs) {
        float[] row = Workspace.get().floatTmp(n);
        for (int i = 0; i < m; i++) {
            Arrays.fill(row, 0, n, 0f);
            int ai = aOff + i * aRs;
            for (int p = 0; p < k; p++) {
                float x = a[ai + p * aCs];
                int bo = bOff + p * bRs;
                if (bCs == 1) {
                    for (int j = 0; j < n; j++) row[j] += x * b[bo + j];
                } else {
                    for (int j = 0; j < n; j++) row[j] += x * b[bo + j * bCs];
                }
            }
            store(row, 0, n, 1, n, alpha, beta, c, cOff + i * cRs, 0, cCs);
        }
    }

    /** {@code y = alpha * M x + beta * y} for an {@code rows × k} matrix M; {@code tmp} holds at least rows floats. */
    static void gemv(int rows, int k, float alpha, float[] mat, int mo, int mRs, int mCs, float[] x, int xo, int xs,
                     float beta, float[] y, int yo, int ys, float[] tmp) {
        if (mRs == 1) {
            // columns contiguous: accumulate x(p) * column p, reading M in order
            Arrays.fill(tmp, 0, rows, 0f);
            for (int p = 0; p < k; p++) {
                float s = x[xo + p * xs];
                int o = mo + p * mCs;
                for (int i = 0; i < rows; i++) tmp[i] += s * mat[o + i];
            }
            store(tmp, 0, rows, 1, rows, alpha, beta, y, yo, 0, ys);
            return;
        }
        for (int i = 0; i < rows; i++) {
            int o = mo + i * mRs;
            float s = 0f;
            for (int p = 0; p < k; p++) s += mat[o + p * mCs] * x[xo + p * xs];
            int yi = yo + i * ys;
            y[yi] = beta == 0 ? alpha * s : alpha * s + beta * y[yi];
        }
    }

    /** {@code C = beta * C} (zeros when beta is 0, whatever C held): the product with k = 0 or alpha = 0. */
    static void scale(int m, int n, float beta, float[] c, int cOff, int cRs, int cCs) {
        for (int i = 0; i < m; i++) {
            int o = cOff + i * cRs;
            if (beta == 0) {
                for (int j = 0; j < n; j++) c[o + j * cCs] = 0f;
            } else if (beta != 1) {
                for (int j = 0; j < n; j++) c[o + j * cCs] *= beta;
            }
        }
    }

    // ---- double --------------------------------------------------------------------------------

    /** As {@link DoubleMicroKernel#tile}, with {@code acc} of at least {@code MR * NR} doubles. */
    static void tile(int kc, double[] ap, int ao, double[] bp, int bo, double alpha, double beta,
                     double[] c, int co, int cRs, int cCs, int rows, int cols, double[] acc) {
        double c00 = 0.0, c01 = 0.0, c02 = 0.0, c03 = 0.0;
        double c10 = 0.0, c11 = 0.0, c12 = 0.0, c13 = 0.0;
        double c20 = 0.0, c21 = 0.0, c22 = 0.0, c23 = 0.0;
        double c30 = 0.0, c31 = 0.0, c32 = 0.0, c33 = 0.0;
        for (int p = 0; p < kc; p++) {
            int a = ao + p * MR, b = bo + p * NR;
            double b0 = bp[b], b1 = bp[b + 1], b2 = bp[b + 2], b3 = bp[b + 3], x;
            x = ap[a + 0]; c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
            x = ap[a + 1]; c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
            x = ap[a + 2]; c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
            x = ap[a + 3]; c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
        }
        acc[0] = c00; acc[1] = c01; acc[2] = c02; acc[3] = c03;
        acc[4] = c10; acc[5] = c11; acc[6] = c12; acc[7] = c13;
        acc[8] = c20; acc[9] = c21; acc[10] = c22; acc[11] = c23;
        acc[12] = c30; acc[13] = c31; acc[14] = c32; acc[15] = c33;
        store(acc, 0, NR, rows, cols, alpha, beta, c, co, cRs, cCs);
    }

    static void store(double[] t, int to, int ld, int rows, int cols, double alpha, double beta, double[] c, int co, int cRs, int cCs) {
        if (cRs == 1 && rows > 1) {
            storeColumns(t, to, ld, rows, cols, alpha, beta, c, co, cCs);
            return;
        }
        for (int i = 0; i < rows; i++) {
            int o = co + i * cRs, r = to + i * ld;
            if (beta == 0) {
                for (int j = 0; j < cols; j++) c[o + j * cCs] = alpha * t[r + j];
            } else {
                for (int j = 0; j < cols; j++) c[o + j * cCs] = alpha * t[r + j] + beta * c[o + j * cCs];
            }
        }
    }

    private static void storeColumns(double[] t, int to, int ld, int rows, int cols, double alpha, double beta, double[] c, int co, int cCs) {
        for (int j = 0; j < cols; j++) {
            int o = co + j * cCs, r = to + j;
            if (beta == 0) {
                for (int i = 0; i < rows; i++) c[o + i] = alpha * t[r + i * ld];
            } else {
                for (int i = 0; i < rows; i++) c[o + i] = alpha * t[r + i * ld] + beta * c[o + i];
            }
        }
    }

    static void small(int m, int n, int k, double alpha, double[] a, int aOff, int aRs, int aCs,
                      double[] b, int bOff, int bRs, int bCs, double beta, double[] c, int cOff, int cRs, int cCs) {
        double[] row = Workspace.get().doubleTmp(n);
        for (int i = 0; i < m; i++) {
            Arrays.fill(row, 0, n, 0.0);
            int ai = aOff + i * aRs;
            for (int p = 0; p < k; p++) {
                double x = a[ai + p * aCs];
                int bo = bOff + p * bRs;
                if (bCs == 1) {
                    for (int j = 0; j < n; j++) row[j] += x * b[bo + j];
                } else {
                    for (int j = 0; j < n; j++) row[j] += x * b[bo + j * bCs];
                }
            }
            store(row, 0, n, 1, n, alpha, beta, c, cOff + i * cRs, 0, cCs);
        }
    }

    static void gemv(int rows, int k, double alpha, double[] mat, int mo, int mRs, int mCs, double[] x, int xo, int xs,
                     double beta, double[] y, int yo, int ys, double[] tmp) {
        if (mRs == 1) {
            Arrays.fill(tmp, 0, rows, 0.0);
            for (int p = 0; p < k; p++) {
                double s = x[xo + p * xs];
                int o = mo + p * mCs;
                for (int i = 0; i < rows; i++) tmp[i] += s * mat[o + i];
            }
            store(tmp, 0, rows, 1, rows, alpha, beta, y, yo, 0, ys);
            return;
        }
        for (int i = 0; i < rows; i++) {
            int o = mo + i * mRs;
            double s = 0.0;
            for (int p = 0; p < k; p++) s += mat[o + p * mCs] * x[xo + p * xs];
            int yi = yo + i * ys;
            y[yi] = beta == 0 ? alpha * s : alpha * s + beta * y[yi];
        }
    }

    static void scale(int m, int n, double beta, double[] c, int cOff, int cRs, int cCs) {
        for (int i = 0; i < m; i++) {
            int o = cOff + i * cRs;
            if (beta == 0) {
                for (int j = 0; j < n; j++) c[o + j * cCs] = 0.0;
            } else if (beta != 1) {
                for (int j = 0; j < n; j++) c[o + j * cCs] *= beta;
            }
        }
    }
}
