package org.torch4j.linalg;

/**
 * Triangular solves ({@code trsm}, left side) on row-major host matrices in double precision: only the
 * named triangle of {@code t} is read, and a zero diagonal element gives infinities or NaNs as in
 * LAPACK (no error).
 *
 * <p>Large systems go by blocks of {@link HostLu#BLOCK} rows: each diagonal block is solved by substitution,
 * and the rows still to solve are updated with one matrix product ({@link HostGemm}).
 */
final class HostTriangular {

    private HostTriangular() {}

    /** Solves {@code T X = B} in place for lower-triangular T ({@code n x n}) and B ({@code n x k}). */
    static void solveLower(double[] t, int n, double[] b, int k, boolean unit) {
        for (int i0 = 0; i0 < n; i0 += HostLu.BLOCK) {
            int i1 = Math.min(n, i0 + HostLu.BLOCK);
            solveLowerRows(t, n, i0, i1, b, k, 0, k, unit);
            HostGemm.subtract(b, i1 * k, k, t, i1 * n + i0, n, b, i0 * k, k, n - i1, k, i1 - i0);
        }
    }

    /** Solves {@code T X = B} in place for upper-triangular T ({@code n x n}) and B ({@code n x k}). */
    static void solveUpper(double[] t, int n, double[] b, int k, boolean unit) {
        for (int i1 = n; i1 > 0; ) {
            int i0 = Math.max(0, i1 - HostLu.BLOCK);
            solveUpperRows(t, n, i0, i1, b, k, 0, k, unit);
            HostGemm.subtract(b, 0, k, t, i0, n, b, i0 * k, k, i0, k, i1 - i0);
            i1 = i0;
        }
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
