package org.torch4j.linalg;

/**
 * Householder QR of one row-major complex host matrix (interleaved re, im), unblocked, with LAPACK's conventions
 * ({@code zgeqrf} + {@code zungqr}): reflector {@code k} is {@code H = I - tau v v^H} with {@code v[k] = 1},
 * {@code H^H x = beta e_k} with a real {@code beta = -sign(Re alpha) ||x||} (so R's diagonal is real, maybe
 * negative), and {@code tau = 0} where the column is already real and zero below the diagonal. The complex twin
 * of {@link Householder}'s unblocked path, so that Q and R compare with PyTorch's directly.
 */
final class ComplexHouseholder {

    final int m, n, k;
    /** R above the diagonal, the reflectors' tails below it (row-major m x n pairs). */
    private final double[] a;
    /** The reflectors' (re, im) factors. */
    private final double[] tau;

    /** Factors {@code a} (row-major {@code m x n} pairs), which it overwrites. */
    ComplexHouseholder(double[] a, int m, int n) {
        this.a = a;
        this.m = m;
        this.n = n;
        this.k = Math.min(m, n);
        this.tau = new double[2 * k];
        double[] w = new double[2 * n];
        for (int j = 0; j < k; j++) reflect(j, w);
    }

    private int at(int i, int c) {
        return 2 * (i * n + c);
    }

    /** Reflector {@code j} ({@code zlarfg}), applied to the columns after it. */
    private void reflect(int j, double[] w) {
        double ar = a[at(j, j)], ai = a[at(j, j) + 1], big = 0;
        for (int i = j + 1; i < m; i++) big = Math.max(big, Math.max(Math.abs(a[at(i, j)]), Math.abs(a[at(i, j) + 1])));
        double tail = 0;
        if (big > 0) { // scaled so that the squares neither overflow nor underflow
            for (int i = j + 1; i < m; i++) {
                double x = a[at(i, j)] / big, y = a[at(i, j) + 1] / big;
                tail += x * x + y * y;
            }
            tail = big * Math.sqrt(tail);
        }
        if (tail == 0 && ai == 0) return; // H = I: tau stays 0, R keeps alpha
        double beta = -Math.copySign(Math.hypot(Math.hypot(ar, ai), tail), ar);
        double tr = (beta - ar) / beta, ti = -ai / beta;
        // x /= (alpha - beta)
        double dr = ar - beta, di = ai, den = dr * dr + di * di;
        for (int i = j + 1; i < m; i++) {
            double xr = a[at(i, j)], xi = a[at(i, j) + 1];
            a[at(i, j)] = (xr * dr + xi * di) / den;
            a[at(i, j) + 1] = (xi * dr - xr * di) / den;
        }
        a[at(j, j)] = beta;
        a[at(j, j) + 1] = 0;
        tau[2 * j] = tr;
        tau[2 * j + 1] = ti;
        // the remaining columns: A -= conj(tau) v (v^H A)
        java.util.Arrays.fill(w, 2 * (j + 1), 2 * n, 0);
        for (int i = j; i < m; i++) {
            double vr = i == j ? 1 : a[at(i, j)], vi = i == j ? 0 : a[at(i, j) + 1];
            for (int c = j + 1; c < n; c++) { // w += conj(v_i) a_ic
                double xr = a[at(i, c)], xi = a[at(i, c) + 1];
                w[2 * c] += vr * xr + vi * xi;
                w[2 * c + 1] += vr * xi - vi * xr;
            }
        }
        for (int i = j; i < m; i++) {
            double vr = i == j ? 1 : a[at(i, j)], vi = i == j ? 0 : a[at(i, j) + 1];
            double fr = tr * vr + ti * vi, fi = tr * vi - ti * vr; // conj(tau) v_i
            for (int c = j + 1; c < n; c++) {
                double wr = w[2 * c], wi = w[2 * c + 1];
                a[at(i, c)] -= fr * wr - fi * wi;
                a[at(i, c) + 1] -= fr * wi + fi * wr;
            }
        }
    }

    /** R: the upper triangle of the first {@code rows} rows ({@code min(m, n)} or {@code m}), as pairs. */
    double[] r(int rows) {
        double[] r = new double[2 * rows * n];
        for (int i = 0; i < Math.min(Math.min(rows, m), n); i++) System.arraycopy(a, at(i, i), r, 2 * (i * n + i), 2 * (n - i));
        return r;
    }

    /** The first {@code cols} columns of {@code Q = H_0 H_1 ... H_{k-1}} (row-major {@code m x cols} pairs). */
    double[] q(int cols) {
        double[] q = new double[2 * m * cols];
        for (int i = 0; i < Math.min(m, cols); i++) q[2 * (i * cols + i)] = 1;
        double[] w = new double[2 * cols];
        for (int j = k - 1; j >= 0; j--) {
            double tr = tau[2 * j], ti = tau[2 * j + 1];
            if (tr == 0 && ti == 0) continue;
            java.util.Arrays.fill(w, 0);
            for (int i = j; i < m; i++) {
                double vr = i == j ? 1 : a[at(i, j)], vi = i == j ? 0 : a[at(i, j) + 1];
                for (int c = j; c < cols; c++) { // w += conj(v_i) q_ic
                    double xr = q[2 * (i * cols + c)], xi = q[2 * (i * cols + c) + 1];
                    w[2 * c] += vr * xr + vi * xi;
                    w[2 * c + 1] += vr * xi - vi * xr;
                }
            }
            for (int i = j; i < m; i++) {
                double vr = i == j ? 1 : a[at(i, j)], vi = i == j ? 0 : a[at(i, j) + 1];
                double fr = tr * vr - ti * vi, fi = tr * vi + ti * vr; // tau v_i
                for (int c = j; c < cols; c++) {
                    double wr = w[2 * c], wi = w[2 * c + 1];
                    q[2 * (i * cols + c)] -= fr * wr - fi * wi;
                    q[2 * (i * cols + c) + 1] -= fr * wi + fi * wr;
                }
            }
        }
        return q;
    }
}
