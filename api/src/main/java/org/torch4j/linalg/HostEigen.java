package org.torch4j.linalg;

/**
 * The eigen-decomposition of one real (or, through {@link HostComplexSchur}, complex) square matrix on the host,
 * in double, as LAPACK's {@code dgeev} (and {@code zgeev}) computes
 * it (without its balancing): Householder reduction to Hessenberg form, Francis double-shift QR to the real
 * Schur form {@code A = Z T Z^T}, then the eigenvectors of T by back-substitution, turned into A's by Z.
 *
 * <p>Real eigenvalues come out with an imaginary part of exactly 0 and real eigenvectors; a complex pair from a
 * 2x2 block of T comes out as exact conjugates, the one with the positive imaginary part first, as LAPACK orders
 * them. Each eigenvector has Euclidean norm 1 and its largest component real and positive. The order of the
 * eigenvalues is that of T's diagonal, as LAPACK's (which depends on the order of deflation, so it can differ
 * from LAPACK's on the same matrix).
 */
final class HostEigen {
    /** Eigenvalues: real and imaginary parts. */
    final double[] valRe, valIm;
    /** Eigenvectors as the columns of a row-major n x n complex matrix: real and imaginary parts (null if not asked). */
    final double[] vecRe, vecIm;

    private final int n;

    /** Whether the QR iteration converged (LAPACK's info == 0). */
    final boolean converged;

    /** Whether the matrix was real (its real eigenvalues then have real eigenvectors). */
    private final boolean realInput;

    /** A complex matrix's eigen-decomposition ({@code zgeev}): {@link HostComplexSchur}, then the same back-substitution. */
    HostEigen(double[] re, double[] im, int n, boolean wantVectors) {
        this.n = n;
        this.realInput = false;
        HostComplexSchur schur = new HostComplexSchur(re, im, n, wantVectors);
        converged = schur.converged;
        valRe = new double[n];
        valIm = new double[n];
        for (int i = 0; i < n; i++) {
            valRe[i] = schur.tr[i][i];
            valIm[i] = schur.ti[i][i];
        }
        if (wantVectors) {
            vecRe = new double[n * n];
            vecIm = new double[n * n];
            vectors(schur.tr, schur.ti, schur.zr, schur.zi);
        } else {
            vecRe = vecIm = null;
        }
    }

    HostEigen(double[] a, int n, boolean wantVectors) {
        this.n = n;
        this.realInput = true;
        double[][] h = new double[n][n], z = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n, h[i], 0, n);
            z[i][i] = 1;
        }
        hessenberg(h, wantVectors ? z : null);
        converged = francis(h, z, wantVectors);
        valRe = new double[n];
        valIm = new double[n];
        double[][] tr = new double[n][n], ti = new double[n][n], zr = new double[n][n], zi = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(h[i], 0, tr[i], 0, n);
            System.arraycopy(z[i], 0, zr[i], 0, n);
        }
        triangularize(tr, ti, zr, zi);
        if (wantVectors) {
            vecRe = new double[n * n];
            vecIm = new double[n * n];
            vectors(tr, ti, zr, zi);
        } else {
            vecRe = vecIm = null;
        }
    }

    // ---- Hessenberg reduction -------------------------------------------------------------------------------

    /** H = Q^T A Q upper Hessenberg by Householder reflections, Q accumulated into z (which starts as I; null: not wanted). */
    private static void hessenberg(double[][] h, double[][] z) {
        int n = h.length;
        double[] v = new double[n], f = new double[n];
        for (int m = 1; m < n - 1; m++) {
            double scale = 0;
            for (int i = m; i < n; i++) scale += Math.abs(h[i][m - 1]);
            if (scale == 0) continue;
            double norm2 = 0;
            for (int i = m; i < n; i++) {
                v[i] = h[i][m - 1] / scale;
                norm2 += v[i] * v[i];
            }
            double alpha = v[m] > 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
            // reflector I - v v^T / beta with v = x - alpha e1, beta = |x|^2 - alpha x_1
            double beta = norm2 - alpha * v[m];
            v[m] -= alpha;
            // rows m.. of H: f = v^T H row by row (sequential in memory), then H -= v f^T / beta
            java.util.Arrays.fill(f, 0);
            for (int i = m; i < n; i++) {
                double vi = v[i];
                double[] row = h[i];
                for (int j = 0; j < n; j++) f[j] += vi * row[j];
            }
            for (int i = m; i < n; i++) {
                double vi = v[i] / beta;
                double[] row = h[i];
                for (int j = 0; j < n; j++) row[j] -= f[j] * vi;
            }
            for (int i = 0; i < n; i++) { // columns m.. of H, and of Z
                double e = 0;
                for (int j = m; j < n; j++) e += v[j] * h[i][j];
                e /= beta;
                for (int j = m; j < n; j++) h[i][j] -= e * v[j];
                if (z == null) continue;
                double g = 0;
                for (int j = m; j < n; j++) g += v[j] * z[i][j];
                g /= beta;
                for (int j = m; j < n; j++) z[i][j] -= g * v[j];
            }
            for (int i = m + 1; i < n; i++) h[i][m - 1] = 0;
        }
    }

    // ---- Francis double-shift QR ----------------------------------------------------------------------------

    /**
     * Reduces the Hessenberg matrix h to real Schur form in place (1x1 and 2x2 diagonal blocks), the
     * transformations applied to the whole of h (so that it is the Schur form of A, not only its diagonal
     * blocks) and accumulated into z; without {@code full} (eigenvalues only) to the active block alone, as
     * LAPACK's dhseqr does then. False when an eigenvalue takes more than 30 iterations, as LAPACK's limit.
     */
    private static boolean francis(double[][] h, double[][] z, boolean full) {
        int n = h.length;
        double eps = Math.ulp(1.0);
        int p = n - 1, iter = 0;
        while (p > 0) {
            int l = p;
            while (l > 0) {
                double s = Math.abs(h[l - 1][l - 1]) + Math.abs(h[l][l]);
                if (s == 0) s = norm1(h);
                if (Math.abs(h[l][l - 1]) <= eps * s) {
                    h[l][l - 1] = 0;
                    break;
                }
                l--;
            }
            if (l == p) { // a 1x1 block has converged
                p--;
                iter = 0;
                continue;
            }
            if (l == p - 1) { // a 2x2 block
                p -= 2;
                iter = 0;
                continue;
            }
            if (++iter > 30 * Math.max(10, n)) return false;
            // the double shift: the eigenvalues of the trailing 2x2 block (exceptional shifts now and then)
            double s, t;
            if (iter % 11 == 10) {
                double x = Math.abs(h[p][p - 1]) + Math.abs(h[p - 1][p - 2]);
                s = 1.5 * x;
                t = x * x;
            } else {
                s = h[p - 1][p - 1] + h[p][p];
                t = h[p - 1][p - 1] * h[p][p] - h[p - 1][p] * h[p][p - 1];
            }
            double x = h[l][l] * h[l][l] + h[l][l + 1] * h[l + 1][l] - s * h[l][l] + t;
            double y = h[l + 1][l] * (h[l][l] + h[l + 1][l + 1] - s);
            double zz = h[l + 1][l] * h[l + 2][l + 1];
            for (int k = l; k <= p - 2; k++) {
                double[] v = reflector(x, y, zz);
                if (v != null) {
                    int from = Math.max(l, k - 1), to = Math.min(k + 3, p);
                    reflectRows(h, k, 3, v, from, full ? n - 1 : p);
                    reflectColumns(h, k, 3, v, full ? 0 : l, to);
                    if (full) reflectColumns(z, k, 3, v, 0, n - 1);
                }
                x = h[k + 1][k];
                y = h[k + 2][k];
                if (k < p - 2) zz = h[k + 3][k];
            }
            double[] v = reflector(x, y);
            if (v != null) {
                reflectRows(h, p - 1, 2, v, p - 2, full ? n - 1 : p);
                reflectColumns(h, p - 1, 2, v, full ? 0 : l, p);
                if (full) reflectColumns(z, p - 1, 2, v, 0, n - 1);
            }
        }
        return true;
    }

    private static double norm1(double[][] h) {
        double s = 0;
        for (double[] row : h) for (double v : row) s += Math.abs(v);
        return s == 0 ? 1 : s;
    }

    /** A Householder vector {v, beta} (as v[0..m-1], v[m] = beta) mapping (x, y[, z]) onto a multiple of e1; null if already there. */
    private static double[] reflector(double... x) {
        double tail = 0;
        for (int i = 1; i < x.length; i++) tail += x[i] * x[i];
        if (tail == 0) return null;
        double norm = Math.sqrt(x[0] * x[0] + tail);
        double alpha = x[0] > 0 ? -norm : norm;
        double[] v = new double[x.length + 1];
        v[0] = x[0] - alpha;
        for (int i = 1; i < x.length; i++) v[i] = x[i];
        v[x.length] = norm * norm - alpha * x[0]; // beta: the reflector is I - v v^T / beta
        return v;
    }

    /** Rows k..k+m-1 of h, columns from..to: (I - v v^T / beta) times them. */
    private static void reflectRows(double[][] h, int k, int m, double[] v, int from, int to) {
        double beta = v[m];
        for (int j = from; j <= to; j++) {
            double f = 0;
            for (int i = 0; i < m; i++) f += v[i] * h[k + i][j];
            f /= beta;
            for (int i = 0; i < m; i++) h[k + i][j] -= f * v[i];
        }
    }

    /** Columns k..k+m-1 of h, rows from..to: times (I - v v^T / beta). */
    private static void reflectColumns(double[][] h, int k, int m, double[] v, int from, int to) {
        double beta = v[m];
        for (int i = from; i <= to; i++) {
            double f = 0;
            for (int j = 0; j < m; j++) f += v[j] * h[i][k + j];
            f /= beta;
            for (int j = 0; j < m; j++) h[i][k + j] -= f * v[j];
        }
    }

    // ---- from the real Schur form to a complex triangular one -------------------------------------------------

    /**
     * Reads the eigenvalues off the quasi-triangular T and makes T complex upper triangular: each 2x2 block is
     * rotated by a unitary G (its first column an eigenvector of the block), applied to T's rows and columns
     * and to Z's columns. A block with complex eigenvalues gives the exact pair re +- i |im|; one with real
     * eigenvalues gives those.
     */
    private void triangularize(double[][] tr, double[][] ti, double[][] zr, double[][] zi) {
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && tr[i + 1][i] != 0) {
                double a = tr[i][i], b = tr[i][i + 1], c = tr[i + 1][i], d = tr[i + 1][i + 1];
                double half = (a - d) / 2, disc = half * half + b * c;
                double l1r, l1i, l2r, l2i, u1r, u1i, u2r, u2i;
                if (disc >= 0) {
                    // real eigenvalues as LAPACK's dlanv2 takes them: z = p + sign(p) sqrt(p^2 + bc) adds terms of one
                    // sign, l1 = d + z, l2 = d - bc / z, and (z, c) = (l1 - d, c) is l1's eigenvector without cancellation
                    double z = half + Math.copySign(Math.sqrt(disc), half);
                    l1r = d + z;
                    l2r = z == 0 ? d : d - b * c / z;
                    l1i = l2i = 0;
                    u1r = z;
                    u2r = c;
                    u1i = u2i = 0;
                } else {
                    l1r = l2r = (a + d) / 2;
                    l1i = Math.sqrt(-disc);
                    l2i = -l1i;
                    // an eigenvector (u1, u2) for l1: (b, l1 - a) = (b, -p + i im), or (l1 - d, c) = (p + i im, c)
                    if (Math.abs(b) >= Math.abs(c)) {
                        u1r = b;
                        u1i = 0;
                        u2r = -half;
                        u2i = l1i;
                    } else {
                        u1r = half;
                        u1i = l1i;
                        u2r = c;
                        u2i = 0;
                    }
                }
                double norm = Math.hypot(Math.hypot(u1r, u1i), Math.hypot(u2r, u2i));
                u1r /= norm;
                u1i /= norm;
                u2r /= norm;
                u2i /= norm;
                // G = [[u1, -conj(u2)], [u2, conj(u1)]]: unitary, G^H B G upper triangular with l1 first
                rotate(tr, ti, zr, zi, i, u1r, u1i, u2r, u2i);
                tr[i + 1][i] = ti[i + 1][i] = 0;
                tr[i][i] = l1r;
                ti[i][i] = l1i;
                tr[i + 1][i + 1] = l2r;
                ti[i + 1][i + 1] = l2i;
                valRe[i] = l1r;
                valIm[i] = l1i;
                valRe[i + 1] = l2r;
                valIm[i + 1] = l2i;
                i++;
            } else {
                valRe[i] = tr[i][i];
                valIm[i] = 0;
            }
        }
    }

    /** T <- G^H T on rows i, i+1; T <- T G on columns i, i+1; Z <- Z G. */
    private void rotate(double[][] tr, double[][] ti, double[][] zr, double[][] zi, int i,
                        double u1r, double u1i, double u2r, double u2i) {
        // G = [[g00, g01], [g10, g11]] = [[u1, -conj(u2)], [u2, conj(u1)]]
        double g00r = u1r, g00i = u1i, g01r = -u2r, g01i = u2i, g10r = u2r, g10i = u2i, g11r = u1r, g11i = -u1i;
        for (int j = i; j < n; j++) { // rows: [r0; r1] <- G^H [r0; r1]
            double ar = tr[i][j], ai = ti[i][j], br = tr[i + 1][j], bi = ti[i + 1][j];
            // conj(g00) a + conj(g10) b ; conj(g01) a + conj(g11) b
            tr[i][j] = g00r * ar + g00i * ai + g10r * br + g10i * bi;
            ti[i][j] = g00r * ai - g00i * ar + g10r * bi - g10i * br;
            tr[i + 1][j] = g01r * ar + g01i * ai + g11r * br + g11i * bi;
            ti[i + 1][j] = g01r * ai - g01i * ar + g11r * bi - g11i * br;
        }
        rotateColumns(tr, ti, i, i + 1, g00r, g00i, g01r, g01i, g10r, g10i, g11r, g11i);
        rotateColumns(zr, zi, i, n - 1, g00r, g00i, g01r, g01i, g10r, g10i, g11r, g11i);
    }

    /** Columns i, i+1 of rows 0..last: [c0, c1] <- [c0, c1] G. */
    private static void rotateColumns(double[][] mr, double[][] mi, int i, int last, double g00r, double g00i, double g01r,
                                      double g01i, double g10r, double g10i, double g11r, double g11i) {
        for (int r = 0; r <= last; r++) {
            double ar = mr[r][i], ai = mi[r][i], br = mr[r][i + 1], bi = mi[r][i + 1];
            mr[r][i] = ar * g00r - ai * g00i + br * g10r - bi * g10i;
            mi[r][i] = ar * g00i + ai * g00r + br * g10i + bi * g10r;
            mr[r][i + 1] = ar * g01r - ai * g01i + br * g11r - bi * g11i;
            mi[r][i + 1] = ar * g01i + ai * g01r + br * g11i + bi * g11r;
        }
    }

    // ---- eigenvectors -----------------------------------------------------------------------------------------

    /**
     * For each k: y solving (T - l_k I) y = 0 with y_k = 1 by back-substitution (a zero pivot, from a repeated
     * eigenvalue, replaced by eps |T| as LAPACK's dtrevc does), x = Z y, scaled to norm 1 and then rotated so
     * that its largest component is real and positive. The eigenvector of a real eigenvalue of a real matrix is
     * real: its imaginary parts, rounding noise after the rotation, are set to 0.
     */
    private void vectors(double[][] tr, double[][] ti, double[][] zr, double[][] zi) {
        double tnorm = 0;
        for (int i = 0; i < n; i++) for (int j = i; j < n; j++) tnorm = Math.max(tnorm, Math.hypot(tr[i][j], ti[i][j]));
        double tiny = Math.max(Math.ulp(1.0) * tnorm, Double.MIN_NORMAL);
        double[] yr = new double[n], yi = new double[n];
        for (int k = 0; k < n; k++) {
            double lr = tr[k][k], li = ti[k][k];
            java.util.Arrays.fill(yr, 0);
            java.util.Arrays.fill(yi, 0);
            yr[k] = 1;
            for (int i = k - 1; i >= 0; i--) {
                double sr = 0, si = 0;
                for (int j = i + 1; j <= k; j++) {
                    sr += tr[i][j] * yr[j] - ti[i][j] * yi[j];
                    si += tr[i][j] * yi[j] + ti[i][j] * yr[j];
                }
                double dr = tr[i][i] - lr, di = ti[i][i] - li;
                if (Math.hypot(dr, di) < tiny) {
                    dr = tiny;
                    di = 0;
                }
                // y_i = -s / d
                double den = dr * dr + di * di;
                yr[i] = -(sr * dr + si * di) / den;
                yi[i] = -(si * dr - sr * di) / den;
            }
            double[] xr = new double[n], xi = new double[n];
            double norm2 = 0;
            for (int r = 0; r < n; r++) {
                double sr = 0, si = 0;
                for (int j = 0; j <= k; j++) {
                    sr += zr[r][j] * yr[j] - zi[r][j] * yi[j];
                    si += zr[r][j] * yi[j] + zi[r][j] * yr[j];
                }
                xr[r] = sr;
                xi[r] = si;
                norm2 += sr * sr + si * si;
            }
            int big = 0;
            double bigMag = -1;
            for (int r = 0; r < n; r++) {
                double m = xr[r] * xr[r] + xi[r] * xi[r];
                if (m > bigMag * (1 + 1e-12)) {
                    bigMag = m;
                    big = r;
                }
            }
            // multiply by conj(x_big) / (|x_big| |x|): norm 1, x_big real and positive
            double mag = Math.sqrt(bigMag), norm = Math.sqrt(norm2);
            double pr = xr[big] / (mag * norm), pi = -xi[big] / (mag * norm);
            boolean real = realInput && valIm[k] == 0;
            for (int r = 0; r < n; r++) {
                double vr = xr[r] * pr - xi[r] * pi, vi = xr[r] * pi + xi[r] * pr;
                vecRe[r * n + k] = vr;
                vecIm[r * n + k] = real || r == big ? 0 : vi;
            }
        }
    }
}
