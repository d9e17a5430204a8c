package org.torch4j.linalg;

/**
 * Eigenvalues and eigenvectors of one real symmetric host matrix by the cyclic Jacobi method: plane
 * rotations zero the off-diagonal entries one pair at a time, sweep after sweep, until every pair
 * {@code (p, q)} has {@code |a_pq| <= eps sqrt(|a_pp a_qq|)}. This stopping rule (Demmel and Veselic) gives
 * eigenvalues with small relative error and eigenvectors orthonormal to working precision; it converges
 * quadratically once the eigenvalues separate, typically in 6 to 10 sweeps.
 */
final class JacobiEigen {

    private static final int MAX_SWEEPS = 100;
    private static final double EPS = 0x1p-53;

    /** Ascending eigenvalues. */
    final double[] values;
    /** Row-major {@code n x n}: column {@code j} is the eigenvector of {@code values[j]}; null when not wanted. */
    final double[] vectors;

    /**
     * Decomposes the symmetric matrix whose {@code lower} (or upper) triangle {@code a} holds (row-major
     * {@code n x n}; the other triangle is not read). Non-finite input gives NaN results, as LAPACK does.
     *
     * @throws LinAlgException when the sweeps do not converge
     */
    JacobiEigen(double[] a, int n, boolean lower, boolean wantVectors) {
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
        // the rows of vt are the eigenvectors, so that rotations update contiguous rows
        double[][] vt = wantVectors ? identity(n) : null;
        if (!finite) {
            values = nan(n);
            vectors = wantVectors ? nan(n * n) : null;
            return;
        }
        int sweep = 0;
        while (rotateAll(s, vt, n)) {
            if (++sweep == MAX_SWEEPS) {
                throw new LinAlgException("linalg.eigh: The algorithm failed to converge because the input matrix is "
                        + "ill-conditioned or has too many repeated eigenvalues (error code: " + n + ").");
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(s[x][x], s[y][y]));
        values = new double[n];
        vectors = wantVectors ? new double[n * n] : null;
        for (int j = 0; j < n; j++) {
            int src = order[j];
            values[j] = s[src][src];
            if (wantVectors) for (int i = 0; i < n; i++) vectors[i * n + j] = vt[src][i];
        }
    }

    /** One sweep over all pairs; whether any rotation was needed. */
    private static boolean rotateAll(double[][] s, double[][] vt, int n) {
        boolean rotated = false;
        for (int p = 0; p < n - 1; p++) {
            for (int q = p + 1; q < n; q++) {
                double apq = s[p][q];
                if (apq == 0) continue;
                double app = s[p][p], aqq = s[q][q];
                if (Math.abs(apq) <= EPS * Math.sqrt(Math.abs(app) * Math.abs(aqq))) continue;
                rotated = true;
                // the rotation that zeroes a_pq, with |angle| <= pi/4 (t is the smaller root)
                double theta = (aqq - app) / (2 * apq);
                double t = Math.copySign(1, theta) / (Math.abs(theta) + Math.sqrt(1 + theta * theta));
                if (Double.isInfinite(theta * theta)) t = 0.5 / theta;
                double c = 1 / Math.sqrt(1 + t * t), sn = t * c;
                double[] rp = s[p], rq = s[q];
                for (int k = 0; k < n; k++) {
                    double x = rp[k], y = rq[k];
                    rp[k] = c * x - sn * y;
                    rq[k] = sn * x + c * y;
                }
                for (int k = 0; k < n; k++) {
                    double[] rk = s[k];
                    rk[p] = rp[k];
                    rk[q] = rq[k];
                }
                rp[p] = app - t * apq;
                rq[q] = aqq + t * apq;
                rp[q] = 0;
                rq[p] = 0;
                if (vt != null) {
                    double[] vp = vt[p], vq = vt[q];
                    for (int k = 0; k < n; k++) {
                        double x = vp[k], y = vq[k];
                        vp[k] = c * x - sn * y;
                        vq[k] = sn * x + c * y;
                    }
                }
            }
        }
        return rotated;
    }

    static double[][] identity(int n) {
        double[][] e = new double[n][n];
        for (int i = 0; i < n; i++) e[i][i] = 1;
        return e;
    }

    private static double[] nan(int size) {
        double[] r = new double[size];
        java.util.Arrays.fill(r, Double.NaN);
        return r;
    }
}
