package org.torch4j.linalg;

/** The Cholesky decomposition ({@code potrf}) of one row-major host matrix in double precision. */
final class HostCholesky {

    private HostCholesky() {}

    /**
     * Overwrites {@code a} ({@code n x n}) with L, lower triangular with {@code A = L L^T}, reading only
     * A's lower triangle and zeroing the upper one. Where the leading minor of order j is not
     * positive-definite, it stops as LAPACK's unblocked {@code potf2} does: columns before j hold L, the
     * diagonal element j holds the non-positive value it would have taken the root of, and the rest of the
     * lower triangle holds A.
     *
     * @return 0, or the order of the first leading minor that is not positive-definite (LAPACK's info)
     */
    static int factor(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            int rj = j * n;
            double d = a[rj + j];
            for (int p = 0; p < j; p++) d -= a[rj + p] * a[rj + p];
            if (!(d > 0)) {
                a[rj + j] = d;
                for (int i = j; i < n; i++) java.util.Arrays.fill(a, i * n + i + 1, (i + 1) * n, 0.0);
                return j + 1;
            }
            d = Math.sqrt(d);
            a[rj + j] = d;
            for (int i = j + 1; i < n; i++) {
                int ri = i * n;
                double s = a[ri + j];
                for (int p = 0; p < j; p++) s -= a[ri + p] * a[rj + p];
                a[ri + j] = s / d;
            }
            for (int c = j + 1; c < n; c++) a[rj + c] = 0;
        }
        return 0;
    }
}
