package org.torch4j.linalg;

/**
 * The Bunch-Kaufman factorization {@code A = P L D L^T P^T} of one symmetric (possibly indefinite) row-major
 * host matrix from its lower triangle, with LAPACK's conventions ({@code sytrf} with uplo 'L', as its
 * unblocked {@code sytf2} computes it), and the solve from it ({@code sytrs}). Following LAPACK's pivoting
 * choices exactly is what makes LD and the pivots comparable with PyTorch's.
 *
 * <p>Storage: D's 1x1 and 2x2 blocks on the diagonal (a 2x2 block's off-diagonal element below it), L's
 * multipliers below them (L's unit diagonal implicit). Pivots are 1-based: {@code p > 0} is a 1x1 block at
 * k whose row and column were swapped with p; {@code pivots[k] = pivots[k+1] = -p < 0} is a 2x2 block at
 * k, k+1 whose second row and column were swapped with p.
 */
final class HostLdl {

    /** Bunch and Kaufman's threshold {@code (1 + sqrt(17)) / 8}, which bounds the growth of L. */
    private static final double ALPHA = (1 + Math.sqrt(17)) / 8;

    private HostLdl() {}

    /**
     * Factors the lower triangle of {@code a} ({@code n x n}) in place; the strict upper triangle is left
     * as it was. Returns LAPACK's info: 0, or the 1-based index of the first zero diagonal block of D.
     */
    static int factor(double[] a, int n, int[] pivots) {
        int info = 0;
        int k = 0;
        while (k < n) {
            Pivot p = choose(k, n, (i, j) -> Math.abs(a[i * n + j]));
            int kstep = p.kstep(), kp = p.kp();
            if (p.zero()) {
                if (info == 0) info = k + 1; // a zero column: D(k) = 0, nothing to eliminate
            } else {
                int kk = k + kstep - 1;
                if (kp != kk) swap(a, n, k, kk, kp, kstep);
                if (kstep == 1) {
                    // D(k) = A(k,k); L(:,k) = A(:,k) / D(k); trailing -= L D L^T (lower triangle only)
                    double r = 1 / a[k * n + k];
                    for (int j = k + 1; j < n; j++) {
                        double f = r * a[j * n + k];
                        for (int i = j; i < n; i++) a[i * n + j] -= f * a[i * n + k];
                    }
                    for (int i = k + 1; i < n; i++) a[i * n + k] *= r;
                } else if (k < n - 2) {
                    // D = [[d11, d21], [d21, d22]]; columns k, k+1 of L are A(:, k:k+1) D^-1
                    double d21 = a[(k + 1) * n + k];
                    double d11 = a[(k + 1) * n + k + 1] / d21, d22 = a[k * n + k] / d21;
                    double t = 1 / (d11 * d22 - 1);
                    d21 = t / d21;
                    for (int j = k + 2; j < n; j++) {
                        double wk = d21 * (d11 * a[j * n + k] - a[j * n + k + 1]);
                        double wkp1 = d21 * (d22 * a[j * n + k + 1] - a[j * n + k]);
                        for (int i = j; i < n; i++) a[i * n + j] -= a[i * n + k] * wk + a[i * n + k + 1] * wkp1;
                        a[j * n + k] = wk;
                        a[j * n + k + 1] = wkp1;
                    }
                }
            }
            recordPivot(pivots, k, kp, kstep);
            k += kstep;
        }
        return info;
    }

    /** The magnitudes Bunch-Kaufman compares, {@code |a_ij|} of the lower triangle ({@code i >= j}). */
    interface Magnitudes {
        double at(int i, int j);
    }

    /** A step's choice: the row kp swapped in, the block size, and whether column k was zero (D(k) = 0). */
    record Pivot(int kp, int kstep, boolean zero) {}

    /** LAPACK's Bunch-Kaufman choice at column k of an n x n lower triangle ({@code sytf2}'s tests). */
    static Pivot choose(int k, int n, Magnitudes m) {
        double absakk = m.at(k, k);
        int imax = k;
        double colmax = 0;
        for (int i = k + 1; i < n; i++) {
            if (m.at(i, k) > colmax) {
                colmax = m.at(i, k);
                imax = i;
            }
        }
        if (Math.max(absakk, colmax) == 0 || Double.isNaN(absakk)) return new Pivot(k, 1, true);
        if (absakk >= ALPHA * colmax) return new Pivot(k, 1, false);
        // the largest off-diagonal element of row/column imax in the trailing matrix
        double rowmax = 0;
        for (int j = k; j < imax; j++) rowmax = Math.max(rowmax, m.at(imax, j));
        for (int i = imax + 1; i < n; i++) rowmax = Math.max(rowmax, m.at(i, imax));
        if (absakk >= ALPHA * colmax * (colmax / rowmax)) return new Pivot(k, 1, false);
        if (m.at(imax, imax) >= ALPHA * rowmax) return new Pivot(imax, 1, false);
        return new Pivot(imax, 2, false);
    }

    /** LAPACK's pivot entries for the block at k: {@code kp + 1} for 1x1, {@code -(kp + 1)} twice for 2x2. */
    static void recordPivot(int[] pivots, int k, int kp, int kstep) {
        if (kstep == 1) {
            pivots[k] = kp + 1;
        } else {
            pivots[k] = -(kp + 1);
            pivots[k + 1] = -(kp + 1);
        }
    }

    /** Swaps rows and columns kk and kp ({@code kp > kk}) of the trailing lower triangle from column k on. */
    private static void swap(double[] a, int n, int k, int kk, int kp, int kstep) {
        for (int i = kp + 1; i < n; i++) swap(a, i * n + kk, i * n + kp);
        for (int j = kk + 1; j < kp; j++) swap(a, j * n + kk, kp * n + j);
        swap(a, kk * n + kk, kp * n + kp);
        if (kstep == 2) swap(a, (k + 1) * n + k, kp * n + k);
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** Solves {@code A X = B} in place for B ({@code n x cols}, row-major) from {@link #factor}'s LD and pivots. */
    static void solve(double[] ld, int[] pivots, int n, double[] b, int cols) {
        // L D Y = P^T B, forwards
        for (int k = 0; k < n; ) {
            if (pivots[k] > 0) {
                swapRows(b, cols, k, pivots[k] - 1);
                for (int i = k + 1; i < n; i++) axpyRow(b, cols, i, -ld[i * n + k], k);
                scaleRow(b, cols, k, 1 / ld[k * n + k]);
                k++;
            } else {
                swapRows(b, cols, k + 1, -pivots[k] - 1);
                for (int i = k + 2; i < n; i++) {
                    axpyRow(b, cols, i, -ld[i * n + k], k);
                    axpyRow(b, cols, i, -ld[i * n + k + 1], k + 1);
                }
                // the 2x2 block of D, solved by Cramer's rule scaled by its off-diagonal element
                double akm1k = ld[(k + 1) * n + k];
                double akm1 = ld[k * n + k] / akm1k, ak = ld[(k + 1) * n + k + 1] / akm1k;
                double denom = akm1 * ak - 1;
                for (int c = 0; c < cols; c++) {
                    double bkm1 = b[k * cols + c] / akm1k, bk = b[(k + 1) * cols + c] / akm1k;
                    b[k * cols + c] = (ak * bkm1 - bk) / denom;
                    b[(k + 1) * cols + c] = (akm1 * bk - bkm1) / denom;
                }
                k += 2;
            }
        }
        // L^T P^T X = Y, backwards
        for (int k = n - 1; k >= 0; ) {
            if (pivots[k] > 0) {
                for (int i = k + 1; i < n; i++) axpyRow(b, cols, k, -ld[i * n + k], i);
                swapRows(b, cols, k, pivots[k] - 1);
                k--;
            } else {
                for (int i = k + 1; i < n; i++) {
                    axpyRow(b, cols, k, -ld[i * n + k], i);
                    axpyRow(b, cols, k - 1, -ld[i * n + k - 1], i);
                }
                swapRows(b, cols, k, -pivots[k] - 1);
                k -= 2;
            }
        }
    }

    private static void swapRows(double[] b, int cols, int i, int j) {
        if (i == j) return;
        for (int c = 0; c < cols; c++) swap(b, i * cols + c, j * cols + c);
    }

    /** Row {@code dst} += f * row {@code src}. */
    private static void axpyRow(double[] b, int cols, int dst, double f, int src) {
        if (f == 0) return;
        for (int c = 0; c < cols; c++) b[dst * cols + c] += f * b[src * cols + c];
    }

    private static void scaleRow(double[] b, int cols, int i, double f) {
        for (int c = 0; c < cols; c++) b[i * cols + c] *= f;
    }
}
