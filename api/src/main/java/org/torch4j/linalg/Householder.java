package org.torch4j.linalg;

/**
 * Householder QR of one row-major host matrix, with LAPACK's conventions ({@code geqrf} + {@code orgqr}):
 * reflector {@code k} is {@code H = I - tau v v^T} with {@code v[k] = 1}, and {@code R[k][k] = beta =
 * -sign(alpha) ||x||} (so R's diagonal may be negative); a column already zero below the diagonal gets
 * {@code tau = 0}, leaving its diagonal entry as it is. Following the same convention lets Q and R be
 * compared with PyTorch's directly.
 *
 * <p>From {@link #BLOCKED_FROM} columns on, both the factorization and Q are blocked as LAPACK's: panels of
 * {@link #NB} columns are factored by the unblocked algorithm, and each panel's reflectors, accumulated into
 * the compact WY form ({@link CompactWY}), update the trailing columns with matrix products on the backend's
 * GEMM. The reflectors, and so Q and R, are those of the unblocked algorithm up to rounding.
 */
final class Householder {

    /** Panel width of the blocked algorithm. */
    static final int NB = 32;
    /** From this {@code min(m, n)} on, the blocked algorithm (at n = 64 the unblocked loops are 2x faster, at 128 even). */
    static final int BLOCKED_FROM = 128;

    final int m, n, k;
    /** R above the diagonal, the reflectors' tails below it (row-major m x n). */
    final double[] a;
    final double[] tau;
    /** The blocked algorithm's panels in compact WY form, kept for Q (null when unblocked). */
    private final CompactWY[] panels;

    /** Factors {@code a} (row-major {@code m x n}), which it overwrites. */
    Householder(double[] a, int m, int n) {
        this.a = a;
        this.m = m;
        this.n = n;
        this.k = Math.min(m, n);
        this.tau = new double[k];
        double[] w = new double[n];
        if (k < BLOCKED_FROM) {
            panels = null;
            for (int j = 0; j < k; j++) reflect(j, n, w);
            return;
        }
        panels = new CompactWY[(k + NB - 1) / NB];
        for (int p = 0; p < panels.length; p++) {
            int j0 = p * NB, end = Math.min(k, j0 + NB);
            for (int j = j0; j < end; j++) reflect(j, end, w); // the panel, unblocked
            panels[p] = new CompactWY(a, m, n, j0, end - j0, tau);
            panels[p].apply(a, j0 * n + end, n, n - end, true);
        }
    }

    /** Reflector {@code j}, applied to the columns before {@code cEnd}. */
    private void reflect(int j, int cEnd, double[] w) {
        double alpha = a[j * n + j], big = 0;
        for (int i = j + 1; i < m; i++) big = Math.max(big, Math.abs(a[i * n + j]));
        double tail = 0;
        if (big > 0) { // scaled so that the squares neither overflow nor underflow
            for (int i = j + 1; i < m; i++) {
                double x = a[i * n + j] / big;
                tail += x * x;
            }
            tail = big * Math.sqrt(tail);
        }
        if (tail == 0) return; // H = I: tau stays 0, R keeps alpha (whatever its sign)
        // LAPACK's dlarfg: beta = -sign(alpha) * ||x||, with sign(+0) = +
        double beta = -Math.copySign(Math.hypot(alpha, tail), alpha);
        double t = (beta - alpha) / beta, scale = 1 / (alpha - beta);
        for (int i = j + 1; i < m; i++) a[i * n + j] *= scale;
        a[j * n + j] = beta;
        tau[j] = t;
        // the remaining columns: A -= tau v (v^T A), by rows so that the row-major matrix is read in order
        java.util.Arrays.fill(w, j + 1, cEnd, 0);
        for (int i = j; i < m; i++) {
            double vi = i == j ? 1 : a[i * n + j];
            for (int c = j + 1; c < cEnd; c++) w[c] += vi * a[i * n + c];
        }
        for (int i = j; i < m; i++) {
            double f = t * (i == j ? 1 : a[i * n + j]);
            for (int c = j + 1; c < cEnd; c++) a[i * n + c] -= f * w[c];
        }
    }

    /** R: the upper triangle of the first {@code rows} rows ({@code min(m, n)} or {@code m}). */
    double[] r(int rows) {
        double[] r = new double[rows * n];
        for (int i = 0; i < Math.min(rows, m); i++) {
            for (int c = i; c < n; c++) r[i * n + c] = a[i * n + c];
        }
        return r;
    }

    /** The first {@code cols} columns of {@code Q = H_0 H_1 ... H_{k-1}} (row-major {@code m x cols}). */
    double[] q(int cols) {
        double[] q = new double[m * cols];
        for (int i = 0; i < Math.min(m, cols); i++) q[i * cols + i] = 1;
        if (panels != null) {
            // the panels right to left (orgqr); panel p touches rows and columns j0 = p NB.. only, as below
            for (int p = panels.length - 1; p >= 0; p--) panels[p].apply(q, p * NB * (cols + 1), cols, cols - p * NB, false);
            return q;
        }
        double[] w = new double[cols];
        // applied right to left, each reflector touches only rows j.. of the columns built so far
        for (int j = k - 1; j >= 0; j--) {
            double t = tau[j];
            if (t == 0) continue;
            java.util.Arrays.fill(w, 0);
            for (int i = j; i < m; i++) {
                double vi = i == j ? 1 : a[i * n + j];
                for (int c = j; c < cols; c++) w[c] += vi * q[i * cols + c];
            }
            for (int i = j; i < m; i++) {
                double f = t * (i == j ? 1 : a[i * n + j]);
                for (int c = j; c < cols; c++) q[i * cols + c] -= f * w[c];
            }
        }
        return q;
    }
}
