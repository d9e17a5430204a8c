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
        solveLower(t, n, 0, n, b, k, 0, k, unit);
    }

    /** Solves {@code T X = B} in place for upper-triangular T ({@code n x n}) and B ({@code n x k}). */
    static void solveUpper(double[] t, int n, double[] b, int k, boolean unit) {
        solveUpper(t, n, 0, n, b, k, 0, k, unit);
    }

    /**
     * Solves {@code T X = B} for the diagonal block {@code [r0, r1)} of lower-triangular T (row stride
     * {@code ldt}), in place in rows {@code [r0, r1)}, columns {@code [col, col + k)} of B (row stride {@code ldb}).
     */
    static void solveLower(double[] t, int ldt, int r0, int r1, double[] b, int ldb, int col, int k, boolean unit) {
        if (r1 - r0 <= LEAF) {
            solveLowerRows(t, ldt, r0, r1, b, ldb, col, k, unit);
            return;
        }
        int mid = (r0 + r1) >>> 1;
        solveLower(t, ldt, r0, mid, b, ldb, col, k, unit);
        HostGemm.subtract(b, mid * ldb + col, ldb, t, mid * ldt + r0, ldt, b, r0 * ldb + col, ldb, r1 - mid, k, mid - r0);
        solveLower(t, ldt, mid, r1, b, ldb, col, k, unit);
    }

    /** {@link #solveLower(double[], int, int, int, double[], int, int, int, boolean)} for upper-triangular T. */
    static void solveUpper(double[] t, int ldt, int r0, int r1, double[] b, int ldb, int col, int k, boolean unit) {
        if (r1 - r0 <= LEAF) {
            solveUpperRows(t, ldt, r0, r1, b, ldb, col, k, unit);
            return;
        }
        int mid = (r0 + r1) >>> 1;
        solveUpper(t, ldt, mid, r1, b, ldb, col, k, unit);
        HostGemm.subtract(b, r0 * ldb + col, ldb, t, r0 * ldt + mid, ldt, b, mid * ldb + col, ldb, mid - r0, k, r1 - mid);
        solveUpper(t, ldt, r0, mid, b, ldb, col, k, unit);
    }

    /**
     * Forward substitution (no recursion) with the diagonal block {@code [r0, r1)} of lower-triangular T (row stride
     * {@code ldt}) on rows {@code [r0, r1)}, columns {@code [col, col + k)} of B (row stride {@code ldb}).
     */
    private static void solveLowerRows(double[] t, int ldt, int r0, int r1, double[] b, int ldb, int col, int k, boolean unit) {
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
    private static void solveUpperRows(double[] t, int ldt, int r0, int r1, double[] b, int ldb, int col, int k, boolean unit) {
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
