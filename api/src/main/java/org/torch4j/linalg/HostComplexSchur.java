package org.torch4j.linalg;

/**
 * The complex Schur form {@code A = Z T Z^H} of one complex square matrix on the host, in double, as LAPACK's
 * {@code zgeev} reaches it: Householder reduction to Hessenberg form, then shifted QR sweeps (Wilkinson's shift,
 * an exceptional shift every tenth iteration) by complex Givens rotations until T is upper triangular. Parts
 * are kept apart: {@code tr + i ti}, {@code zr + i zi}, row-major {@code [row][column]}.
 */
final class HostComplexSchur {
    final double[][] tr, ti, zr, zi;
    /** Whether the QR iteration converged (LAPACK's info == 0). */
    final boolean converged;
    private final int n;

    HostComplexSchur(double[] re, double[] im, int n, boolean wantZ) {
        this.n = n;
        tr = new double[n][n];
        ti = new double[n][n];
        zr = new double[n][n];
        zi = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(re, i * n, tr[i], 0, n);
            System.arraycopy(im, i * n, ti[i], 0, n);
            zr[i][i] = 1;
        }
        hessenberg(wantZ);
        converged = qr(wantZ);
    }

    /** H = Q^H A Q by reflectors I - 2 v v^H / |v|^2, Q accumulated into Z when wanted. */
    private void hessenberg(boolean wantZ) {
        double[] vr = new double[n], vi = new double[n];
        for (int m = 1; m < n - 1; m++) {
            double norm2 = 0;
            for (int i = m; i < n; i++) norm2 += tr[i][m - 1] * tr[i][m - 1] + ti[i][m - 1] * ti[i][m - 1];
            double tail = norm2 - tr[m][m - 1] * tr[m][m - 1] - ti[m][m - 1] * ti[m][m - 1];
            if (tail == 0) continue;
            double norm = Math.sqrt(norm2), x0 = Math.hypot(tr[m][m - 1], ti[m][m - 1]);
            // alpha = -e^{i arg x0} |x|; v = x - alpha e1
            double pr = x0 == 0 ? 1 : tr[m][m - 1] / x0, pi = x0 == 0 ? 0 : ti[m][m - 1] / x0;
            for (int i = m; i < n; i++) {
                vr[i] = tr[i][m - 1];
                vi[i] = ti[i][m - 1];
            }
            vr[m] += pr * norm;
            vi[m] += pi * norm;
            double v2 = 0;
            for (int i = m; i < n; i++) v2 += vr[i] * vr[i] + vi[i] * vi[i];
            double scale = 2 / v2;
            for (int j = 0; j < n; j++) { // left: rows m.. -= scale v (v^H H)
                double sr = 0, si = 0;
                for (int i = m; i < n; i++) {
                    sr += vr[i] * tr[i][j] + vi[i] * ti[i][j];
                    si += vr[i] * ti[i][j] - vi[i] * tr[i][j];
                }
                sr *= scale;
                si *= scale;
                for (int i = m; i < n; i++) {
                    tr[i][j] -= vr[i] * sr - vi[i] * si;
                    ti[i][j] -= vr[i] * si + vi[i] * sr;
                }
            }
            rightReflect(tr, ti, vr, vi, m, scale);
            if (wantZ) rightReflect(zr, zi, vr, vi, m, scale);
            for (int i = m + 1; i < n; i++) tr[i][m - 1] = ti[i][m - 1] = 0;
        }
    }

    /** Columns m.. of every row: M -= scale (M v) v^H. */
    private void rightReflect(double[][] mr, double[][] mi, double[] vr, double[] vi, int m, double scale) {
        for (int r = 0; r < n; r++) {
            double sr = 0, si = 0;
            for (int j = m; j < n; j++) {
                sr += mr[r][j] * vr[j] - mi[r][j] * vi[j];
                si += mr[r][j] * vi[j] + mi[r][j] * vr[j];
            }
            sr *= scale;
            si *= scale;
            for (int j = m; j < n; j++) { // times conj(v_j)
                mr[r][j] -= sr * vr[j] + si * vi[j];
                mi[r][j] -= si * vr[j] - sr * vi[j];
            }
        }
    }

    private double abs(int i, int j) {
        return Math.hypot(tr[i][j], ti[i][j]);
    }

    private boolean qr(boolean full) {
        double eps = Math.ulp(1.0);
        int p = n - 1, iter = 0;
        double[] cs = new double[n], sr = new double[n], si = new double[n];
        while (p > 0) {
            int l = p;
            while (l > 0) {
                double s = abs(l - 1, l - 1) + abs(l, l);
                if (s == 0) s = 1;
                if (abs(l, l - 1) <= eps * s) {
                    tr[l][l - 1] = ti[l][l - 1] = 0;
                    break;
                }
                l--;
            }
            if (l == p) {
                p--;
                iter = 0;
                continue;
            }
            if (++iter > 30 * Math.max(10, n)) return false;
            double mur, mui;
            if (iter % 10 == 0) { // exceptional shift
                mur = tr[p][p] + abs(p, p - 1) + (p > 1 ? abs(p - 1, p - 2) : 0);
                mui = ti[p][p];
            } else { // Wilkinson: the eigenvalue of the trailing 2x2 closer to its last diagonal element
                double ar = tr[p - 1][p - 1], ai = ti[p - 1][p - 1], br = tr[p - 1][p], bi = ti[p - 1][p];
                double cr = tr[p][p - 1], ci = ti[p][p - 1], dr = tr[p][p], di = ti[p][p];
                double hr = (ar - dr) / 2, hi = (ai - di) / 2;
                // disc = sqrt(h^2 + b c)
                double qr = hr * hr - hi * hi + br * cr - bi * ci, qi = 2 * hr * hi + br * ci + bi * cr;
                double mod = Math.hypot(qr, qi), rr = Math.sqrt((mod + qr) / 2), ri = Math.copySign(Math.sqrt((mod - qr) / 2), qi);
                // mu = d + h - disc or d + h + disc: the one nearer d, i.e. the sign making |h -+ disc| small
                double m1r = hr - rr, m1i = hi - ri, m2r = hr + rr, m2i = hi + ri;
                boolean first = Math.hypot(m1r, m1i) <= Math.hypot(m2r, m2i);
                mur = dr + (first ? m1r : m2r);
                mui = di + (first ? m1i : m2i);
            }
            for (int i = l; i <= p; i++) {
                tr[i][i] -= mur;
                ti[i][i] -= mui;
            }
            int colEnd = full ? n - 1 : p;
            for (int k = l; k < p; k++) { // G_k zeroes H[k+1][k]: G = [[c, s], [-conj(s), c]], c real
                double xr = tr[k][k], xi = ti[k][k], yr = tr[k + 1][k], yi = ti[k + 1][k];
                double ax = Math.hypot(xr, xi), r = Math.hypot(ax, Math.hypot(yr, yi));
                double c, s1, s2;
                if (r == 0) {
                    c = 1;
                    s1 = s2 = 0;
                } else if (ax == 0) {
                    c = 0;
                    s1 = 1;
                    s2 = 0;
                } else { // s = (x / |x|) conj(y) / r
                    c = ax / r;
                    double ur = xr / ax, ui = xi / ax;
                    s1 = (ur * yr + ui * yi) / r;
                    s2 = (ui * yr - ur * yi) / r;
                }
                cs[k] = c;
                sr[k] = s1;
                si[k] = s2;
                for (int j = k; j <= colEnd; j++) {
                    double ar = tr[k][j], ai = ti[k][j], br = tr[k + 1][j], bi = ti[k + 1][j];
                    tr[k][j] = c * ar + s1 * br - s2 * bi;
                    ti[k][j] = c * ai + s1 * bi + s2 * br;
                    // -conj(s) a + c b
                    tr[k + 1][j] = -(s1 * ar + s2 * ai) + c * br;
                    ti[k + 1][j] = -(s1 * ai - s2 * ar) + c * bi;
                }
            }
            int rowStart = full ? 0 : l;
            for (int k = l; k < p; k++) { // H G_k^H on columns k, k+1; Z G_k^H
                rotateColumns(tr, ti, k, rowStart, Math.min(k + 2, p), cs[k], sr[k], si[k]);
                if (full) rotateColumns(zr, zi, k, 0, n - 1, cs[k], sr[k], si[k]);
            }
            for (int i = l; i <= p; i++) {
                tr[i][i] += mur;
                ti[i][i] += mui;
            }
        }
        return true;
    }

    /** [a, b] <- [a, b] G^H = [a c + b conj(s), -a s + b c] on rows from..to. */
    private static void rotateColumns(double[][] mr, double[][] mi, int k, int from, int to, double c, double s1, double s2) {
        for (int r = from; r <= to; r++) {
            double ar = mr[r][k], ai = mi[r][k], br = mr[r][k + 1], bi = mi[r][k + 1];
            mr[r][k] = ar * c + br * s1 + bi * s2;
            mi[r][k] = ai * c + bi * s1 - br * s2;
            mr[r][k + 1] = -(ar * s1 - ai * s2) + br * c;
            mi[r][k + 1] = -(ar * s2 + ai * s1) + bi * c;
        }
    }
}
