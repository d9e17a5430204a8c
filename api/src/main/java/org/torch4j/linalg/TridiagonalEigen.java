package org.torch4j.linalg;

/**
 * Eigenvalues and eigenvectors of one real symmetric host matrix, as LAPACK's {@code syev} computes them:
 * Householder reduction to a tridiagonal matrix {@code A = Q T Q^T}, then the implicit QL iteration with
 * Wilkinson-type shifts on T, each plane rotation also applied to Q. About {@code 9 n^3} flops with
 * vectors, against roughly {@code 8 n^3} per sweep (and 6 to 10 sweeps) for cyclic Jacobi; the rotations
 * act on rows of {@code Q^T}, so every inner loop runs over contiguous memory.
 *
 * <p>Accuracy is normwise: eigenvalues to about {@code eps ||A||}, eigenvectors orthonormal to working
 * precision (as LAPACK's, which PyTorch uses).
 */
final class TridiagonalEigen {

    private static final double EPS = 0x1p-53;

    /** Ascending eigenvalues. */
    final double[] values;
    /** Row-major {@code n x n}: column {@code j} is the eigenvector of {@code values[j]}; null when not wanted. */
    final double[] vectors;

    /**
     * Decomposes the symmetric matrix whose {@code lower} (or upper) triangle {@code a} holds (row-major
     * {@code n x n}; the other triangle is not read). Non-finite input gives NaN results, as LAPACK does.
     *
     * @throws LinAlgException when the QL iteration does not converge
     */
    TridiagonalEigen(double[] a, int n, boolean lower, boolean wantVectors) {
        double[][] s = new double[n][n];
        boolean finite = true;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = lower ? a[i * n + j] : a[j * n + i];
                s[i][j] = v;
                s[j][i] = v;
                finite &= Double.isFinite(v);
            }
        }
        if (!finite) {
            values = nan(n);
            vectors = wantVectors ? nan(n * n) : null;
            return;
        }
        // scaled by a power of two (exactly) to bring the largest entry near 1, so that no square overflows or
        // underflows; the eigenvalues are scaled back at the end. Only the triangle read counts.
        double big = 0;
        for (double[] row : s) for (double x : row) big = Math.max(big, Math.abs(x));
        double scale = big == 0 ? 1 : Math.scalb(1.0, -Math.getExponent(big));
        for (double[] row : s) for (int j = 0; j < n; j++) row[j] *= scale;
        double[] d = new double[n], e = new double[n];
        double[][] qt = tridiagonalize(s, n, d, e, wantVectors);
        ql(d, e, qt, n);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(d[x], d[y]));
        values = new double[n];
        vectors = wantVectors ? new double[n * n] : null;
        for (int j = 0; j < n; j++) {
            values[j] = d[order[j]] / scale;
            if (wantVectors) {
                double[] v = qt[order[j]];
                for (int i = 0; i < n; i++) vectors[i * n + j] = v[i];
            }
        }
    }

    /**
     * Reduces {@code s} (overwritten) to tridiagonal form: diagonal {@code d}, off-diagonal {@code e[k]}
     * between {@code k} and {@code k + 1}. Returns {@code Q^T} (its rows the columns of Q), or null.
     */
    private static double[][] tridiagonalize(double[][] s, int n, double[] d, double[] e, boolean wantVectors) {
        double[][] vs = new double[n][];
        double[] taus = new double[n];
        double[] p = new double[n];
        for (int k = 0; k < n - 2; k++) {
            d[k] = s[k][k];
            // the column below the diagonal, read as the (equal) row to the right of it
            double[] row = s[k];
            double alpha = row[k + 1], big = 0;
            for (int i = k + 2; i < n; i++) big = Math.max(big, Math.abs(row[i]));
            if (big == 0) {
                e[k] = alpha;
                continue;
            }
            double tail = 0;
            for (int i = k + 2; i < n; i++) {
                double x = row[i] / big;
                tail += x * x;
            }
            tail = big * Math.sqrt(tail);
            double beta = -Math.copySign(Math.hypot(alpha, tail), alpha);
            double tau = (beta - alpha) / beta, scale = 1 / (alpha - beta);
            double[] v = new double[n];
            v[k + 1] = 1;
            for (int i = k + 2; i < n; i++) v[i] = row[i] * scale;
            e[k] = beta;
            vs[k] = v;
            taus[k] = tau;
            // the trailing block becomes H S H: S -= v w^T + w v^T with p = tau S v, w = p - (tau/2)(p.v) v
            double pv = 0;
            for (int i = k + 1; i < n; i++) {
                p[i] = tau * JacobiSvd.dot(s[i], v, k + 1, n);
                pv += p[i] * v[i];
            }
            double half = 0.5 * tau * pv;
            for (int i = k + 1; i < n; i++) p[i] -= half * v[i];
            for (int i = k + 1; i < n; i++) {
                double[] si = s[i];
                double vi = v[i], wi = p[i];
                for (int j = k + 1; j < n; j++) si[j] -= vi * p[j] + wi * v[j];
            }
        }
        if (n >= 2) {
            d[n - 2] = s[n - 2][n - 2];
            e[n - 2] = s[n - 1][n - 2];
        }
        if (n >= 1) d[n - 1] = s[n - 1][n - 1];
        if (!wantVectors) return null;
        // Q^T = H_{n-3} ... H_1 H_0, built by applying the reflectors to I from the left in order
        double[][] qt = JacobiSvd.identity(n);
        double[] w = new double[n];
        for (int k = 0; k < n - 2; k++) {
            double[] v = vs[k];
            if (v == null) continue;
            java.util.Arrays.fill(w, 0);
            for (int i = k + 1; i < n; i++) {
                double vi = v[i];
                double[] qi = qt[i];
                for (int c = 0; c < n; c++) w[c] += vi * qi[c];
            }
            for (int i = k + 1; i < n; i++) {
                double f = taus[k] * v[i];
                double[] qi = qt[i];
                for (int c = 0; c < n; c++) qi[c] -= f * w[c];
            }
        }
        return qt;
    }

    /**
     * The implicit QL iteration on the tridiagonal {@code (d, e)}: d ends as the eigenvalues, and the rows of
     * {@code qt} (when not null) as the matching eigenvectors.
     */
    private static void ql(double[] d, double[] e, double[][] qt, int n) {
        for (int l = 0; l < n; l++) {
            int iterations = 0;
            while (true) {
                int m = l;
                while (m < n - 1 && Math.abs(e[m]) > EPS * (Math.abs(d[m]) + Math.abs(d[m + 1]))) m++;
                if (m == l) break;
                if (++iterations > 30 * n) {
                    throw new LinAlgException("linalg.eigh: The algorithm failed to converge because the input matrix is "
                            + "ill-conditioned or has too many repeated eigenvalues (error code: " + (m - l) + ").");
                }
                // shift: the eigenvalue of the leading 2 x 2 block closer to d[l]
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
                double s = 1, c = 1, p = 0;
                int i = m - 1;
                boolean deflated = false;
                for (; i >= l; i--) {
                    double f = s * e[i], b = c * e[i];
                    r = hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0) { // the rotation underflowed: split the matrix here and start again
                        d[i + 1] -= p;
                        e[m] = 0;
                        deflated = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                    if (qt != null) {
                        double[] x = qt[i], y = qt[i + 1];
                        for (int k = 0; k < n; k++) {
                            double yk = y[k], xk = x[k];
                            y[k] = s * xk + c * yk;
                            x[k] = c * xk - s * yk;
                        }
                    }
                }
                if (deflated) continue;
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
        }
    }

    /** {@code sqrt(x^2 + y^2)}, directly unless the squares overflow or underflow. */
    private static double hypot(double x, double y) {
        double r = Math.sqrt(x * x + y * y);
        return (r == 0 || Double.isInfinite(r)) && (x != 0 || y != 0) ? Math.hypot(x, y) : r;
    }

    private static double[] nan(int size) {
        double[] r = new double[size];
        java.util.Arrays.fill(r, Double.NaN);
        return r;
    }
}
