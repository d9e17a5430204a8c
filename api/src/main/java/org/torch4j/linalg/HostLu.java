package org.torch4j.linalg;

/**
 * LU decomposition with partial pivoting ({@code getrf}) of one row-major host matrix, in double
 * precision, and the solves and inverse built on it ({@code getrs}, {@code getri}).
 *
 * <p>The factorization is recursive over columns (Toledo's, as LAPACK's {@code getrf2}): factor the left half,
 * solve the top of the right half with the left half's unit lower triangle, update the rest of the right half
 * with one matrix product ({@link HostGemm}), factor it. Panels of at most {@link #LEAF} columns are
 * factored by the unblocked algorithm; nearly all the work of a large matrix is in matrix products.
 */
final class HostLu {

    /** Panels up to this many columns are factored unblocked. */
    static final int LEAF = 32;

    private HostLu() {}

    /**
     * Factors the {@code m x n} matrix {@code a} in place into L (unit lower, below the diagonal) and U
     * (upper, on and above it), writing LAPACK's 1-based row interchanges into {@code pivots}
     * (length min(m, n)).
     *
     * @return 0, or the 1-based index of the first exactly zero diagonal element of U (LAPACK's info)
     */
    static int factor(double[] a, int m, int n, int[] pivots) {
        int k = Math.min(m, n);
        int info = columns(a, m, n, 0, k, pivots);
        // a wide matrix: the columns right of the square part are U's, L^-1 P^T A2 (the swaps are applied)
        if (n > k) HostTriangular.solveLower(a, n, 0, k, a, n, k, n - k, true);
        return info;
    }

    /**
     * Factors columns {@code [c0, c1)} of rows {@code c0..m-1}, whose contributions from the columns before
     * c0 are already subtracted. Row interchanges apply to whole rows.
     */
    private static int columns(double[] a, int m, int n, int c0, int c1, int[] pivots) {
        if (c1 - c0 <= LEAF) return panel(a, m, n, c0, c1, c1, pivots);
        int mid = (c0 + c1) >>> 1;
        int info = columns(a, m, n, c0, mid, pivots);
        // U12 = L11^-1 A12, then A22 -= L21 U12
        HostTriangular.solveLower(a, n, c0, mid, a, n, mid, c1 - mid, true);
        HostGemm.subtract(a, mid * n + mid, n, a, mid * n + c0, n, a, c0 * n + mid, n, m - mid, c1 - mid, mid - c0);
        int right = columns(a, m, n, mid, c1, pivots);
        return info != 0 ? info : right;
    }

    /**
     * Unblocked LU of columns {@code [c0, c1)} of rows {@code c0..m-1}; row swaps apply to all n columns,
     * elimination updates columns up to {@code cEnd}.
     */
    private static int panel(double[] a, int m, int n, int c0, int c1, int cEnd, int[] pivots) {
        int info = 0;
        for (int j = c0; j < c1; j++) {
            int p = j;
            double best = Math.abs(a[j * n + j]);
            for (int i = j + 1; i < m; i++) {
                double v = Math.abs(a[i * n + j]);
                if (v > best) {
                    best = v;
                    p = i;
                }
            }
            pivots[j] = p + 1;
            if (p != j) swapRows(a, n, p, j);
            double d = a[j * n + j];
            if (d == 0 || Double.isNaN(d)) {
                if (d == 0 && info == 0) info = j + 1;
                continue;
            }
            for (int i = j + 1; i < m; i++) {
                int row = i * n;
                double l = a[row + j] / d;
                a[row + j] = l;
                if (l == 0) continue;
                for (int c = j + 1; c < cEnd; c++) a[row + c] -= l * a[j * n + c];
            }
        }
        return info;
    }

    private static void swapRows(double[] a, int n, int p, int q) {
        for (int c = 0; c < n; c++) {
            double t = a[p * n + c];
            a[p * n + c] = a[q * n + c];
            a[q * n + c] = t;
        }
    }

    /**
     * Solves {@code A X = B} in place in {@code b} ({@code n x k}, row-major) from A's factors
     * ({@code getrs}): apply the interchanges, then forward and back substitution.
     */
    static void solve(double[] lu, int[] pivots, int n, double[] b, int k) {
        for (int j = 0; j < n; j++) {
            int p = pivots[j] - 1;
            if (p != j) swapRows(b, k, p, j);
        }
        HostTriangular.solveLower(lu, n, b, k, true);
        HostTriangular.solveUpper(lu, n, b, k, false);
    }

    /** The inverse of A from its factors, as a new array. */
    static double[] inverse(double[] lu, int[] pivots, int n) {
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) x[i * n + i] = 1;
        solve(lu, pivots, n, x, n);
        return x;
    }

    /** The determinant from the factors: the product of U's diagonal, negated once per interchange. */
    static double det(double[] lu, int[] pivots, int n) {
        double d = 1;
        for (int j = 0; j < n; j++) {
            d *= lu[j * n + j];
            if (pivots[j] != j + 1) d = -d;
        }
        return d;
    }
}
