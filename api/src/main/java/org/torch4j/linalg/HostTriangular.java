package org.torch4j.linalg;

/**
 * Triangular solves ({@code trsm}, left side) on row-major host matrices in double precision: only the
 * named triangle of {@code t} is read, and a zero diagonal element gives infinities or NaNs as in
 * LAPACK (no error).
 */
final class HostTriangular {

    private HostTriangular() {}

    /** Solves {@code T X = B} in place for lower-triangular T ({@code n x n}) and B ({@code n x k}). */
    static void solveLower(double[] t, int n, double[] b, int k, boolean unit) {
        for (int i = 0; i < n; i++) {
            int row = i * k;
            for (int p = 0; p < i; p++) {
                double l = t[i * n + p];
                if (l == 0) continue;
                int prow = p * k;
                for (int c = 0; c < k; c++) b[row + c] -= l * b[prow + c];
            }
            if (!unit) {
                double d = t[i * n + i];
                for (int c = 0; c < k; c++) b[row + c] /= d;
            }
        }
    }

    /** Solves {@code T X = B} in place for upper-triangular T ({@code n x n}) and B ({@code n x k}). */
    static void solveUpper(double[] t, int n, double[] b, int k, boolean unit) {
        for (int i = n - 1; i >= 0; i--) {
            int row = i * k;
            for (int p = i + 1; p < n; p++) {
                double u = t[i * n + p];
                if (u == 0) continue;
                int prow = p * k;
                for (int c = 0; c < k; c++) b[row + c] -= u * b[prow + c];
            }
            if (!unit) {
                double d = t[i * n + i];
                for (int c = 0; c < k; c++) b[row + c] /= d;
            }
        }
    }
}
