package org.torch4j.linalg;

import java.util.Arrays;

/**
 * The Cholesky decomposition ({@code potrf}) of one row-major host matrix in double precision.
 *
 * <p>Recursive, as LAPACK's {@code potrf2}: factor the leading half, solve for the block below it
 * ({@code L21 = A21 L11^-T}, a triangular solve), update the trailing half with one matrix product
 * ({@code A22 -= L21 L21^T}, {@link HostGemm}) and factor it. Blocks of at most {@link #LEAF} are factored by
 * the unblocked algorithm.
 */
final class HostCholesky {

    /** Diagonal blocks up to this order are factored unblocked. */
    static final int LEAF = 64;

    private HostCholesky() {}

    /**
     * Overwrites {@code a} ({@code n x n}) with L, lower triangular with {@code A = L L^T}, reading only
     * A's lower triangle and zeroing the upper one. Where the leading minor of order j is not
     * positive-definite it stops as LAPACK does: the diagonal element j holds the non-positive value it would
     * have taken the root of, the columns before j hold L, and (for matrices of order up to {@link #LEAF},
     * factored as by LAPACK's unblocked {@code potf2}) the rest of the lower triangle holds A.
     *
     * @return 0, or the order of the first leading minor that is not positive-definite (LAPACK's info)
     */
    static int factor(double[] a, int n) {
        int info = factor(a, n, 0, n);
        for (int i = 0; i < n; i++) Arrays.fill(a, i * n + i + 1, (i + 1) * n, 0.0);
        return info;
    }

    /** Factors the diagonal block {@code [c0, c1)}, whose updates from the columns before c0 are done. */
    private static int factor(double[] a, int n, int c0, int c1) {
        if (c1 - c0 <= LEAF) return diagonalBlock(a, n, c0, c1);
        int mid = (c0 + c1) >>> 1, below = c1 - mid;
        int info = factor(a, n, c0, mid);
        if (info != 0) return info;
        // L21 = A21 L11^-T: solve L11 X = A21^T on a transposed copy (rows c0..mid of t are X's)
        double[] t = new double[mid * below];
        for (int i = 0; i < below; i++) {
            for (int c = c0; c < mid; c++) t[c * below + i] = a[(mid + i) * n + c];
        }
        HostTriangular.solveLower(a, n, c0, mid, t, below, 0, below, false);
        for (int i = 0; i < below; i++) {
            for (int c = c0; c < mid; c++) a[(mid + i) * n + c] = t[c * below + i];
        }
        // A22 -= L21 L21^T (the whole block; only its lower triangle is read later)
        HostGemm.subtract(a, mid * n + mid, n, a, mid * n + c0, n, a, mid * n + c0, n, true, below, below, mid - c0);
        return factor(a, n, mid, c1);
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
