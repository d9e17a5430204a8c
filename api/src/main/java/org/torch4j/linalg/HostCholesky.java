package org.torch4j.linalg;

import java.util.Arrays;

/**
 * The Cholesky decomposition ({@code potrf}) of one row-major host matrix in double precision.
 *
 * <p>Matrices of order 2 * {@link #BLOCK} and more are factored by blocks (right-looking, as LAPACK's
 * {@code potrf}): each diagonal block by the unblocked algorithm, the block column below it by a triangular
 * solve, and the trailing matrix updated with one matrix product ({@link HostGemm}).
 */
final class HostCholesky {

    /** Width of the diagonal blocks of the blocked factorization. */
    static final int BLOCK = 64;

    private HostCholesky() {}

    /**
     * Overwrites {@code a} ({@code n x n}) with L, lower triangular with {@code A = L L^T}, reading only
     * A's lower triangle and zeroing the upper one. Where the leading minor of order j is not
     * positive-definite it stops as LAPACK does: the diagonal element j holds the non-positive value it would
     * have taken the root of, the columns before j hold L, and (for the unblocked algorithm of small
     * matrices, LAPACK's {@code potf2}) the rest of the lower triangle holds A.
     *
     * @return 0, or the order of the first leading minor that is not positive-definite (LAPACK's info)
     */
    static int factor(double[] a, int n) {
        int info = 0;
        int block = n < 2 * BLOCK ? n : BLOCK;
        for (int j0 = 0; j0 < n && info == 0; j0 += block) {
            int j1 = Math.min(n, j0 + block);
            info = diagonalBlock(a, n, j0, j1);
            if (info != 0 || j1 == n) break;
            // L21 = A21 L11^-T, row by row: x L11^T = a is a forward substitution along the row
            for (int i = j1; i < n; i++) {
                int ri = i * n;
                for (int c = j0; c < j1; c++) {
                    double s = a[ri + c];
                    for (int p = j0; p < c; p++) s -= a[ri + p] * a[c * n + p];
                    a[ri + c] = s / a[c * n + c];
                }
            }
            // A22 -= L21 L21^T (the whole block; only its lower triangle is read later)
            HostGemm.subtract(a, j1 * n + j1, n, a, j1 * n + j0, n, a, j1 * n + j0, n, true, n - j1, n - j1, j1 - j0);
        }
        for (int i = 0; i < n; i++) Arrays.fill(a, i * n + i + 1, (i + 1) * n, 0.0);
        return info;
    }

    /** The unblocked left-looking factorization ({@code potf2}) of the diagonal block {@code [j0, j1)}. */
    private static int diagonalBlock(double[] a, int n, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            int rj = j * n;
            double d = a[rj + j];
            for (int p = j0; p < j; p++) d -= a[rj + p] * a[rj + p];
            if (!(d > 0)) {
                a[rj + j] = d;
                return j + 1;
            }
            d = Math.sqrt(d);
            a[rj + j] = d;
            for (int i = j + 1; i < j1; i++) {
                int ri = i * n;
                double s = a[ri + j];
                for (int p = j0; p < j; p++) s -= a[ri + p] * a[rj + p];
                a[ri + j] = s / d;
            }
        }
        return 0;
    }
}
