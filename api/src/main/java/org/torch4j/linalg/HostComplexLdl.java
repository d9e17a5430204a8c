package org.torch4j.linalg;

/**
 * {@link HostLdl}'s Bunch-Kaufman factorization for complex matrices of interleaved {@code (re, im)} pairs, from the
 * lower triangle: symmetric ({@code A = P L D L^T P^T}, LAPACK's {@code zsytf2}) or Hermitian
 * ({@code A = P L D L^H P^T}, {@code zhetf2}: D's diagonal real, the updates conjugated), with LAPACK's pivoting
 * decisions on {@code |re| + |im|} so that LD and the pivots are PyTorch's; and the solves ({@code zsytrs},
 * {@code zhetrs}). Storage and pivots as {@link HostLdl}'s.
 */
final class HostComplexLdl {

    private HostComplexLdl() {}

    private static double cabs1(double[] a, int at) {
        return Math.abs(a[at]) + Math.abs(a[at + 1]);
    }

    /** Factors {@code a}'s lower triangle in place; LAPACK's info (0, or the first zero block of D, 1-based). */
    static int factor(double[] a, int n, int[] pivots, boolean hermitian) {
        int info = 0;
        int k = 0;
        while (k < n) {
            if (hermitian) a[2 * (k * n + k) + 1] = 0;
            // |re| + |im| as LAPACK's cabs1; a Hermitian diagonal by its real part
            HostLdl.Pivot p = HostLdl.choose(k, n, (i, j) -> i == j && hermitian ? Math.abs(a[2 * (i * n + i)]) : cabs1(a, 2 * (i * n + j)));
            int kstep = p.kstep(), kp = p.kp();
            if (p.zero()) {
                if (info == 0) info = k + 1;
            } else {
                int kk = k + kstep - 1;
                if (kp != kk) swap(a, n, k, kk, kp, kstep, hermitian);
                if (hermitian) {  // D's diagonal is real
                    a[2 * (k * n + k) + 1] = 0;
                    a[2 * (kp * n + kp) + 1] = 0;
                    if (kstep == 2) a[2 * ((k + 1) * n + k + 1) + 1] = 0;
                }
                if (kstep == 1) {
                    oneByOne(a, n, k, hermitian);
                } else if (k < n - 2) {
                    twoByTwo(a, n, k, hermitian);
                }
            }
            HostLdl.recordPivot(pivots, k, kp, kstep);
            k += kstep;
        }
        return info;
    }

    /** D(k) = A(k,k); trailing -= x x^T / D(k) (x x^H / Re D(k) when Hermitian); the column scaled by 1/D(k). */
    private static void oneByOne(double[] a, int n, int k, boolean hermitian) {
        int kk = 2 * (k * n + k);
        double rr, ri;
        if (hermitian) {
            rr = 1 / a[kk];
            ri = 0;
        } else {
            double den = a[kk] * a[kk] + a[kk + 1] * a[kk + 1];
            rr = a[kk] / den;
            ri = -a[kk + 1] / den;
        }
        for (int j = k + 1; j < n; j++) {
            int jk = 2 * (j * n + k);
            // f = r * x_j (Hermitian: r * conj(x_j))
            double xr = a[jk], xi = hermitian ? -a[jk + 1] : a[jk + 1];
            double fr = rr * xr - ri * xi, fi = rr * xi + ri * xr;
            for (int i = j; i < n; i++) {
                int ij = 2 * (i * n + j), ik = 2 * (i * n + k);
                a[ij] -= a[ik] * fr - a[ik + 1] * fi;
                a[ij + 1] -= a[ik] * fi + a[ik + 1] * fr;
            }
            if (hermitian) a[2 * (j * n + j) + 1] = 0;
        }
        for (int i = k + 1; i < n; i++) {
            int ik = 2 * (i * n + k);
            double xr = a[ik], xi = a[ik + 1];
            a[ik] = xr * rr - xi * ri;
            a[ik + 1] = xr * ri + xi * rr;
        }
    }

    /** The 2x2 pivot block at k, k+1: columns k, k+1 of L are A(:, k:k+1) D^-1, the trailing matrix updated. */
    private static void twoByTwo(double[] a, int n, int k, boolean hermitian) {
        int k1k = 2 * ((k + 1) * n + k), kk = 2 * (k * n + k), k1k1 = 2 * ((k + 1) * n + k + 1);
        double[] d11, d22, d21, scale;
        if (hermitian) {
            double d = Math.hypot(a[k1k], a[k1k + 1]);
            d11 = new double[] {a[k1k1] / d, 0};
            d22 = new double[] {a[kk] / d, 0};
            double tt = 1 / (d11[0] * d22[0] - 1);
            d21 = new double[] {a[k1k] / d, a[k1k + 1] / d};
            scale = new double[] {tt / d, 0};
        } else {
            double[] a21 = {a[k1k], a[k1k + 1]};
            d11 = div(new double[] {a[k1k1], a[k1k1 + 1]}, a21);
            d22 = div(new double[] {a[kk], a[kk + 1]}, a21);
            double[] t = div(new double[] {1, 0}, sub(mul(d11, d22), new double[] {1, 0}));
            scale = div(t, a21);
            d21 = new double[] {1, 0};
        }
        for (int j = k + 2; j < n; j++) {
            int jk = 2 * (j * n + k), jk1 = 2 * (j * n + k + 1);
            double[] ajk = {a[jk], a[jk + 1]}, ajk1 = {a[jk1], a[jk1 + 1]};
            double[] wk, wkp1;
            if (hermitian) {
                wk = mul(scale, sub(mul(d11, ajk), mul(d21, ajk1)));
                wkp1 = mul(scale, sub(mul(d22, ajk1), mul(conj(d21), ajk)));
            } else {
                wk = mul(scale, sub(mul(d11, ajk), ajk1));
                wkp1 = mul(scale, sub(mul(d22, ajk1), ajk));
            }
            double[] uk = hermitian ? conj(wk) : wk, uk1 = hermitian ? conj(wkp1) : wkp1;
            for (int i = j; i < n; i++) {
                int ij = 2 * (i * n + j), ik = 2 * (i * n + k), ik1 = 2 * (i * n + k + 1);
                double[] p = mul(new double[] {a[ik], a[ik + 1]}, uk), q = mul(new double[] {a[ik1], a[ik1 + 1]}, uk1);
                a[ij] -= p[0] + q[0];
                a[ij + 1] -= p[1] + q[1];
            }
            a[jk] = wk[0];
            a[jk + 1] = wk[1];
            a[jk1] = wkp1[0];
            a[jk1 + 1] = wkp1[1];
            if (hermitian) a[2 * (j * n + j) + 1] = 0;
        }
    }

    /** Swaps rows and columns kk and kp ({@code kp > kk}) of the trailing lower triangle (conjugating between them when Hermitian). */
    private static void swap(double[] a, int n, int k, int kk, int kp, int kstep, boolean hermitian) {
        for (int i = kp + 1; i < n; i++) swap(a, 2 * (i * n + kk), 2 * (i * n + kp));
        for (int j = kk + 1; j < kp; j++) {
            int jkk = 2 * (j * n + kk), kpj = 2 * (kp * n + j);
            swap(a, jkk, kpj);
            if (hermitian) {
                a[jkk + 1] = -a[jkk + 1];
                a[kpj + 1] = -a[kpj + 1];
            }
        }
        if (hermitian) a[2 * (kp * n + kk) + 1] = -a[2 * (kp * n + kk) + 1];
        swap(a, 2 * (kk * n + kk), 2 * (kp * n + kp));
        if (kstep == 2) swap(a, 2 * ((k + 1) * n + k), 2 * (kp * n + k));
    }

    /** Swaps the complex numbers at i and j. */
    private static void swap(double[] a, int i, int j) {
        for (int p = 0; p < 2; p++) {
            double t = a[i + p];
            a[i + p] = a[j + p];
            a[j + p] = t;
        }
    }

    /** Solves {@code A X = B} in place for B ({@code n x cols} pairs) from {@link #factor}'s LD and pivots. */
    static void solve(double[] ld, int[] pivots, int n, double[] b, int cols, boolean hermitian) {
        for (int k = 0; k < n; ) {
            if (pivots[k] > 0) {
                swapRows(b, cols, k, pivots[k] - 1);
                for (int i = k + 1; i < n; i++) axpyRow(b, cols, i, neg(at(ld, n, i, k)), k);
                double[] d = at(ld, n, k, k);
                scaleRow(b, cols, k, div(new double[] {1, 0}, hermitian ? new double[] {d[0], 0} : d));
                k++;
            } else {
                swapRows(b, cols, k + 1, -pivots[k] - 1);
                for (int i = k + 2; i < n; i++) {
                    axpyRow(b, cols, i, neg(at(ld, n, i, k)), k);
                    axpyRow(b, cols, i, neg(at(ld, n, i, k + 1)), k + 1);
                }
                double[] akm1k = at(ld, n, k + 1, k);
                double[] first = hermitian ? conj(akm1k) : akm1k;
                double[] akm1 = div(at(ld, n, k, k), first), ak = div(at(ld, n, k + 1, k + 1), akm1k);
                double[] denom = sub(mul(akm1, ak), new double[] {1, 0});
                for (int c = 0; c < cols; c++) {
                    double[] bkm1 = div(row(b, cols, k, c), first), bk = div(row(b, cols, k + 1, c), akm1k);
                    put(b, cols, k, c, div(sub(mul(ak, bkm1), bk), denom));
                    put(b, cols, k + 1, c, div(sub(mul(akm1, bk), bkm1), denom));
                }
                k += 2;
            }
        }
        for (int k = n - 1; k >= 0; ) {
            if (pivots[k] > 0) {
                for (int i = k + 1; i < n; i++) axpyRow(b, cols, k, neg(transposed(at(ld, n, i, k), hermitian)), i);
                swapRows(b, cols, k, pivots[k] - 1);
                k--;
            } else {
                for (int i = k + 1; i < n; i++) {
                    axpyRow(b, cols, k, neg(transposed(at(ld, n, i, k), hermitian)), i);
                    axpyRow(b, cols, k - 1, neg(transposed(at(ld, n, i, k - 1), hermitian)), i);
                }
                swapRows(b, cols, k, -pivots[k] - 1);
                k -= 2;
            }
        }
    }

    private static double[] transposed(double[] l, boolean hermitian) {
        return hermitian ? conj(l) : l;
    }

    private static double[] at(double[] a, int n, int i, int j) {
        return new double[] {a[2 * (i * n + j)], a[2 * (i * n + j) + 1]};
    }

    private static double[] row(double[] b, int cols, int i, int c) {
        return new double[] {b[2 * (i * cols + c)], b[2 * (i * cols + c) + 1]};
    }

    private static void put(double[] b, int cols, int i, int c, double[] v) {
        b[2 * (i * cols + c)] = v[0];
        b[2 * (i * cols + c) + 1] = v[1];
    }

    private static void swapRows(double[] b, int cols, int i, int j) {
        if (i == j) return;
        for (int c = 0; c < cols; c++) swap(b, 2 * (i * cols + c), 2 * (j * cols + c));
    }

    /** Row {@code dst} += f * row {@code src}. */
    private static void axpyRow(double[] b, int cols, int dst, double[] f, int src) {
        if (f[0] == 0 && f[1] == 0) return;
        for (int c = 0; c < cols; c++) {
            double[] v = mul(f, row(b, cols, src, c));
            b[2 * (dst * cols + c)] += v[0];
            b[2 * (dst * cols + c) + 1] += v[1];
        }
    }

    private static void scaleRow(double[] b, int cols, int i, double[] f) {
        for (int c = 0; c < cols; c++) put(b, cols, i, c, mul(f, row(b, cols, i, c)));
    }

    private static double[] mul(double[] x, double[] y) {
        return new double[] {x[0] * y[0] - x[1] * y[1], x[0] * y[1] + x[1] * y[0]};
    }

    private static double[] sub(double[] x, double[] y) {
        return new double[] {x[0] - y[0], x[1] - y[1]};
    }

    private static double[] neg(double[] x) {
        return new double[] {-x[0], -x[1]};
    }

    private static double[] conj(double[] x) {
        return new double[] {x[0], -x[1]};
    }

    /** x / y, as Fortran's complex division (Smith's algorithm, which LAPACK's compilers use). */
    private static double[] div(double[] x, double[] y) {
        if (Math.abs(y[0]) >= Math.abs(y[1])) {
            double r = y[1] / y[0], den = y[0] + y[1] * r;
            return new double[] {(x[0] + x[1] * r) / den, (x[1] - x[0] * r) / den};
        }
        double r = y[0] / y[1], den = y[0] * r + y[1];
        return new double[] {(x[0] * r + x[1]) / den, (x[1] * r - x[0]) / den};
    }
}
