package org.torch4j.linalg;

/**
 * Triangular solves ({@code trsm}, left side) on row-major host matrices in double precision: only the
 * named triangle of {@code t} is read, and a zero diagonal element gives infinities or NaNs as in
 * LAPACK (no error).
 *
 * <p>Large systems are split recursively in two halves of rows: solve the first half, subtract its
 * contribution from the second with one matrix product ({@link HostGemm}), solve the second. Nearly all the
 * work is then in matrix products with large inner dimensions; substitution runs only on diagonal blocks of
 * at most {@link #LEAF} rows.
 */
final class HostTriangular {

    /** Diagonal blocks up to this order are solved by substitution. */
    static final int LEAF = 32;

    private HostTriangular() {}

    /** Solves {@code T X = B} in place for lower-triangular T ({@code n x n}) and B ({@code n x k}). */
    static void solveLower(double[] t, int n, double[] b, int k, boolean unit) {
        lower(t, n, 0, n, b, k, unit);
    }

    /** Solves {@code T X = B} in place for upper-triangular T ({@code n x n}) and B ({@code n x k}). */
    static void solveUpper(double[] t, int n, double[] b, int k, boolean unit) {
        upper(t, n, 0, n, b, k, unit);
    }

    private static void lower(double[] t, int n, int r0, int r1, double[] b, int k, boolean unit) {
        if (r1 - r0 <= LEAF) {
            solveLowerRows(t, n, r0, r1, b, k, 0, k, unit);
            return;
        }
        int mid = (r0 + r1) >>> 1;
        lower(t, n, r0, mid, b, k, unit);
        HostGemm.subtract(b, mid * k, k, t, mid * n + r0, n, b, r0 * k, k, r1 - mid, k, mid - r0);
        lower(t, n, mid, r1, b, k, unit);
    }

    private static void upper(double[] t, int n, int r0, int r1, double[] b, int k, boolean unit) {
        if (r1 - r0 <= LEAF) {
            solveUpperRows(t, n, r0, r1, b, k, 0, k, unit);
            return;
        }
        int mid = (r0 + r1) >>> 1;
        upper(t, n, mid, r1, b, k, unit);
        HostGemm.subtract(b, r0 * k, k, t, r0 * n + mid, n, b, mid * k, k, mid - r0, k, r1 - mid);
        upper(t, n, r0, mid, b, k, unit);
    }

    /**
     * Forward substitution with the diagonal block {@code [r0, r1)} of lower-triangular T (row stride
     * {@code ldt}) on rows {@code [r0, r1)}, columns {@code [col, col + k)} of B (row stride {@code ldb}).
     */
    static void solveLowerRows(double[] t, int ldt, int r0, int r1, double[] b, int ldb, int col, int k, boolean unit) {
        for (int i = r0; i < r1; i++) {
            int row = i * ldb + col;
            for (int p = r0; p < i; p++) {
                double l = t[i * ldt + p];
                if (l == 0) continue;
                int prow = p * ldb + col;
                for (int c = 0; c < k; c++) b[row + c] -= l * b[prow + c];
            }
            if (!unit) {
                double d = t[i * ldt + i];
                for (int c = 0; c < k; c++) b[row + c] /= d;
            }
        }
    }

    /** Back substitution with the diagonal block {@code [r0, r1)} of upper-triangular T, as {@link #solveLowerRows}. */
    static void solveUpperRows(double[] t, int ldt, int r0, int r1, double[] b, int ldb, int col, int k, boolean unit) {
        for (int i = r1 - 1; i >= r0; i--) {
            int row = i * ldb + col;
            for (int p = i + 1; p < r1; p++) {
                double u = t[i * ldt + p];
                if (u == 0) continue;
                int prow = p * ldb + col;
                for (int c = 0; c < k; c++) b[row + c] -= u * b[prow + c];
            }
            if (!unit) {
                double d = t[i * ldt + i];
                for (int c = 0; c < k; c++) b[row + c] /= d;
            }
        }
    }
}
