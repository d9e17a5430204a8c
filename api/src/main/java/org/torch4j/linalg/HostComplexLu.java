package org.torch4j.linalg;

/**
 * LU decomposition with partial pivoting ({@code zgetrf}) of one row-major host matrix of interleaved
 * {@code (re, im)} pairs, in double precision. The pivot of a column is its entry of largest {@code |re| + |im|}
 * (LAPACK's {@code izamax}), so the interchanges are LAPACK's. Unblocked: torch4j's complex matrices are small.
 */
final class HostComplexLu {

    private HostComplexLu() {}

    /**
     * Factors the {@code m x n} matrix {@code a} in place into L (unit lower, below the diagonal) and U (on and
     * above it), writing the 1-based row interchanges into {@code pivots} (length min(m, n)).
     *
     * @return 0, or the 1-based index of the first exactly zero diagonal element of U (LAPACK's info)
     */
    static int factor(double[] a, int m, int n, int[] pivots) {
        int info = 0;
        for (int j = 0; j < Math.min(m, n); j++) {
            int p = j;
            double best = -1;
            for (int i = j; i < m; i++) {
                double v = Math.abs(a[2 * (i * n + j)]) + Math.abs(a[2 * (i * n + j) + 1]);
                if (v > best) {
                    best = v;
                    p = i;
                }
            }
            pivots[j] = p + 1;
            if (p != j) swapRows(a, n, p, j);
            double dr = a[2 * (j * n + j)], di = a[2 * (j * n + j) + 1];
            if (dr == 0 && di == 0) {
                if (info == 0) info = j + 1;
                continue;
            }
            double den = dr * dr + di * di;
            for (int i = j + 1; i < m; i++) {
                int ij = 2 * (i * n + j);
                // l = a[i][j] / d, then row i -= l * row j over the columns right of j
                double lr = (a[ij] * dr + a[ij + 1] * di) / den, li = (a[ij + 1] * dr - a[ij] * di) / den;
                a[ij] = lr;
                a[ij + 1] = li;
                for (int c = j + 1; c < n; c++) {
                    int ic = 2 * (i * n + c), jc = 2 * (j * n + c);
                    a[ic] -= lr * a[jc] - li * a[jc + 1];
                    a[ic + 1] -= lr * a[jc + 1] + li * a[jc];
                }
            }
        }
        return info;
    }

    private static void swapRows(double[] a, int n, int p, int q) {
        for (int c = 0; c < 2 * n; c++) {
            double t = a[2 * p * n + c];
            a[2 * p * n + c] = a[2 * q * n + c];
            a[2 * q * n + c] = t;
        }
    }
}
