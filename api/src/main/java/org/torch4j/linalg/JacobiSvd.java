package org.torch4j.linalg;

/**
 * Singular value decomposition of one row-major host matrix by one-sided Jacobi (Hestenes): plane
 * rotations applied to the columns of {@code A} (of {@code A^T} when it is wide) make them mutually
 * orthogonal; their norms are then the singular values, the normalised columns U, and the accumulated
 * rotations V. A pair is left alone once {@code |c_i . c_j| <= sqrt(rows) eps ||c_i|| ||c_j||}, which gives
 * singular values to high relative accuracy, small ones included, when the sweeps start from A itself. A
 * caller may start them from {@code A V0} for an orthogonal V0 near the answer (see {@link Svd}): fewer
 * sweeps, the same orthogonality, normwise accuracy.
 *
 * <p>Columns that are exactly zero (rank deficiency, or the extra columns of {@code full_matrices}) are
 * completed to an orthonormal basis with the complete Q of a Householder QR of the columns found.
 */
final class JacobiSvd {

    private static final int MAX_SWEEPS = 100;
    /** How far above tol a pair's cosine may be while still rounding noise, and for how many sweeps in a row. */
    private static final double NOISE = 4;
    private static final int NOISE_SWEEPS = 3;
    private static final double EPS = 0x1p-53;

    final int m, n, k;
    /** Descending singular values, {@code min(m, n)} of them. */
    final double[] s;
    /** Row-major {@code m x uCols} and {@code vRows x n} (null when not wanted). */
    final double[] u, vh;

    /**
     * @param a row-major {@code m x n}, not modified
     * @param full whether U is {@code m x m} and Vh {@code n x n}, rather than {@code m x k} and {@code k x n}
     * @throws LinAlgException for non-finite input, or when the sweeps do not converge
     */
    JacobiSvd(double[] a, int m, int n, boolean wantVectors, boolean full) {
        this(a, m, n, wantVectors, full, null, null);
    }

    /**
     * Starts the sweeps from {@code X V0} instead of X (X is A, or {@code A^T} when A is wide), for an
     * orthogonal {@code V0} (row-major {@code cols x cols}) close to X's right singular vectors: the columns
     * are then nearly orthogonal already and one or two sweeps finish the job. The result is that of the
     * plain method (the same stopping rule), only reached sooner.
     *
     * @param xv0 row-major {@code rows x cols}: {@code X V0}
     */
    JacobiSvd(double[] a, int m, int n, boolean wantVectors, boolean full, double[] xv0, double[] v0) {
        this.m = m;
        this.n = n;
        this.k = Math.min(m, n);
        for (double x : a) {
            if (!Double.isFinite(x)) {
                throw new LinAlgException("linalg.svd: The algorithm failed to converge because the input matrix "
                        + "contained non-finite values.");
            }
        }
        boolean tall = m >= n;
        int rows = tall ? m : n, cols = tall ? n : m;
        // cols vectors of length rows: the columns of A (of A^T when wide), stored contiguously
        double[][] c = new double[cols][rows];
        double[][] v = wantVectors ? identity(cols) : null;
        if (xv0 == null) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    if (tall) c[j][i] = a[i * n + j];
                    else c[i][j] = a[i * n + j];
                }
            }
        } else {
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) c[j][i] = xv0[i * cols + j];
            if (wantVectors) for (int i = 0; i < cols; i++) for (int j = 0; j < cols; j++) v[j][i] = v0[i * cols + j];
        }
        // scaled by a power of two (exactly) so that the largest entry is near 1: the squared norms and dot
        // products then neither overflow nor underflow, whatever the magnitude of A (LAPACK scales likewise)
        double big = 0;
        for (double[] col : c) for (double x : col) big = Math.max(big, Math.abs(x));
        double scale = big == 0 ? 1 : Math.scalb(1.0, -Math.getExponent(big));
        for (double[] col : c) for (int i = 0; i < rows; i++) col[i] *= scale;
        int sweep = 0, atNoise = 0;
        // rounding in the dot products makes eps itself unreachable for long columns (LAPACK's dgesvj: sqrt(m) eps)
        double tol = Math.sqrt(rows) * EPS;
        for (double worst; (worst = sweep(c, v, cols, tol)) > tol; ) {
            // a pair can sit at the dot product's rounding noise (up to about rows eps), just above tol, its computed
            // cosine flipping sign from sweep to sweep under rotations too small to change it: once every pair has
            // stayed that close for a few sweeps, the columns are as orthogonal as this arithmetic can tell
            atNoise = worst <= NOISE * tol ? atNoise + 1 : 0;
            if (atNoise == NOISE_SWEEPS) break;
            if (++sweep == MAX_SWEEPS) {
                throw new LinAlgException("linalg.svd: The algorithm failed to converge because the input matrix is "
                        + "ill-conditioned or has too many repeated singular values (error code: " + (cols - 1) + ").");
            }
        }
        double[] norms = new double[cols];
        for (int j = 0; j < cols; j++) norms[j] = norm(c[j]);
        Integer[] order = new Integer[cols];
        for (int j = 0; j < cols; j++) order[j] = j;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(norms[y], norms[x]));
        s = new double[k];
        for (int j = 0; j < k; j++) s[j] = norms[order[j]] / scale;
        if (!wantVectors) {
            u = vh = null;
            return;
        }
        // left vectors: the normalised columns (those of zero norm completed); right vectors: the rotations
        double[][] left = new double[cols][];
        int found = 0;
        for (int j = 0; j < cols && norms[order[j]] > 0; j++) {
            double[] col = c[order[j]];
            double inv = 1 / norms[order[j]];
            left[j] = new double[rows];
            for (int i = 0; i < rows; i++) left[j][i] = col[i] * inv;
            found++;
        }
        int leftCount = full ? rows : cols;
        double[][] basis = complete(left, found, rows, leftCount);
        double[][] right = new double[cols][];
        for (int j = 0; j < cols; j++) right[j] = v[order[j]];
        // tall: U = left (m x leftCount), Vh = right^T's rows; wide: the roles swap (A^T = L S R^T)
        if (tall) {
            u = columnsToRowMajor(basis, m);
            vh = rowsToRowMajor(right, n);
        } else {
            u = columnsToRowMajor(right, m);
            vh = rowsToRowMajor(basis, n);
        }
    }

    /**
     * One sweep over all column pairs; the largest cosine between two columns that needed a rotation (0 when none
     * did). The squared column norms are
     * computed once per sweep and then updated by the rotations' exact formulas ({@code alpha - t gamma},
     * {@code beta + t gamma}), so each pair costs one dot product; a norm that shrinks a lot is recomputed,
     * as the update would lose its relative accuracy to cancellation.
     */
    private static double sweep(double[][] c, double[][] v, int cols, double tol) {
        double worst = 0;
        double[] norms = new double[cols];
        for (int j = 0; j < cols; j++) norms[j] = dot(c[j], c[j]);
        for (int i = 0; i < cols - 1; i++) {
            for (int j = i + 1; j < cols; j++) {
                double[] ci = c[i], cj = c[j];
                double alpha = norms[i], beta = norms[j], gamma = dot(ci, cj);
                double cosine = Math.abs(gamma) / (Math.sqrt(alpha) * Math.sqrt(beta));
                boolean tiny = alpha < TINY || beta < TINY;
                if (tiny) {
                    // a column that is numerically zero (rank deficiency leaves such) can have squares near or
                    // below the underflow threshold: they have lost their relative accuracy, or are 0 beside a
                    // nonzero dot product. The pair is then measured with both columns scaled up alike (the
                    // rotation depends only on ratios) and the cosine from norms scaled each on its own
                    double[] scaled = scaledProducts(ci, cj);
                    alpha = scaled[0];
                    beta = scaled[1];
                    gamma = scaled[2];
                    cosine = scaled[3];
                }
                if (gamma == 0 || cosine <= tol) continue;
                worst = Math.max(worst, cosine);
                double zeta = (beta - alpha) / (2 * gamma);
                double t = Math.copySign(1, zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                if (Double.isInfinite(zeta * zeta)) t = 0.5 / zeta;
                double cs = 1 / Math.sqrt(1 + t * t), sn = cs * t;
                rotate(ci, cj, cs, sn);
                if (v != null) rotate(v[i], v[j], cs, sn);
                norms[i] = settle(ci, norms[i], alpha - t * gamma, tiny, tol);
                norms[j] = settle(cj, norms[j], beta + t * gamma, tiny, tol);
            }
        }
        return worst;
    }

    /**
     * The squared norm of a column just rotated: the update formula's value while it keeps its relative accuracy,
     * else the norm recomputed. A column that the rotation has cancelled to within rounding of its former norm
     * is set to exactly zero: the residue of the cancellation lies along the other column again, so it would be
     * rotated again in every sweep, shrinking by eps each time, never becoming orthogonal.
     *
     * @param before the squared norm before the rotation
     * @param updated the update formula's value (in scaled units, and so not used, when {@code tiny})
     */
    private static double settle(double[] col, double before, double updated, boolean tiny, double tol) {
        if (!tiny && updated >= 0.25 * before) return updated;
        double now = dot(col, col);
        if (now <= tol * tol * before) {
            java.util.Arrays.fill(col, 0);
            return 0;
        }
        return now;
    }

    /** Squared norms below this are recomputed scaled: they are within 2^53 of the subnormal range. */
    private static final double TINY = Double.MIN_NORMAL / EPS;

    /**
     * {@code |x|^2, |y|^2, x . y} for x and y both multiplied by the power of two that brings their largest entry
     * near 1, and the cosine between them from {@link #norm}s, which do not underflow.
     */
    private static double[] scaledProducts(double[] x, double[] y) {
        double big = 0;
        for (int r = 0; r < x.length; r++) big = Math.max(big, Math.max(Math.abs(x[r]), Math.abs(y[r])));
        if (big == 0) return new double[] {0, 0, 0, 0};
        double f = Math.scalb(1.0, -Math.getExponent(big));
        double[] xs = new double[x.length], ys = new double[y.length];
        for (int r = 0; r < x.length; r++) {
            xs[r] = x[r] * f;
            ys[r] = y[r] * f;
        }
        double gamma = dot(xs, ys);
        double cosine = gamma == 0 ? 0 : Math.abs(gamma) / norm(xs) / norm(ys);
        return new double[] {dot(xs, xs), dot(ys, ys), gamma, cosine};
    }

    /**
     * The sweeps' inner loop (most of the SVD's time). Four partial sums: a single sum waits for each
     * addition to finish before the next (the JIT may not reorder floating-point sums), four keep the adder busy.
     */
    private static double dot(double[] x, double[] y) {
        return dot(x, y, 0, x.length);
    }

    /** {@code x[from:to] . y[from:to]}, with four partial sums as {@link #dot(double[], double[])}. */
    static double dot(double[] x, double[] y, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int r = from, end = from + ((to - from) & ~3);
        for (; r < end; r += 4) {
            s0 += x[r] * y[r];
            s1 += x[r + 1] * y[r + 1];
            s2 += x[r + 2] * y[r + 2];
            s3 += x[r + 3] * y[r + 3];
        }
        for (; r < to; r++) s0 += x[r] * y[r];
        return (s0 + s1) + (s2 + s3);
    }

    private static void rotate(double[] x, double[] y, double c, double s) {
        for (int r = 0; r < x.length; r++) {
            double a = x[r], b = y[r];
            x[r] = c * a - s * b;
            y[r] = s * a + c * b;
        }
    }

    /** {@code found} orthonormal vectors extended to {@code count} with the complete Q of their QR. */
    private static double[][] complete(double[][] vectors, int found, int length, int count) {
        double[][] out = java.util.Arrays.copyOf(vectors, count);
        if (found == count) return out;
        double[] a = new double[length * found];
        for (int j = 0; j < found; j++) for (int i = 0; i < length; i++) a[i * found + j] = vectors[j][i];
        double[] q = new Householder(a, length, found).q(length);
        // Q's columns beyond the first found are orthogonal to the span of the vectors
        for (int j = found; j < count; j++) {
            out[j] = new double[length];
            for (int i = 0; i < length; i++) out[j][i] = q[i * length + j];
        }
        return out;
    }

    private static double[] columnsToRowMajor(double[][] columns, int rows) {
        int cols = columns.length;
        double[] r = new double[rows * cols];
        for (int j = 0; j < cols; j++) for (int i = 0; i < rows; i++) r[i * cols + j] = columns[j][i];
        return r;
    }

    private static double[] rowsToRowMajor(double[][] rows, int cols) {
        double[] r = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, r, i * cols, cols);
        return r;
    }

    static double[][] identity(int n) {
        double[][] e = new double[n][n];
        for (int i = 0; i < n; i++) e[i][i] = 1;
        return e;
    }

    static double norm(double[] x) {
        double big = 0;
        for (double v : x) big = Math.max(big, Math.abs(v));
        if (big == 0 || !Double.isFinite(big)) return big;
        double sum = 0;
        for (double v : x) {
            double y = v / big;
            sum += y * y;
        }
        return big * Math.sqrt(sum);
    }
}
