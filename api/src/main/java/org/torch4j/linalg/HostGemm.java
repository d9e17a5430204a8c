package org.torch4j.linalg;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code C -= A B} on blocks of row-major host matrices, the O(n^3) step of the recursive factorizations and
 * solves. Large products go through the tensor library's matrix product (the backend's packed, vectorized
 * and multi-threaded GEMM); the copies in and out are O(n^2) against its O(n^3). Small or thin ones stay in
 * a loop, which beats the copies.
 */
final class HostGemm {

    /** Below this many multiply-adds the loop is faster than copying blocks into tensors. */
    private static final long LOOP_LIMIT = 64L * 64 * 32;

    /** A product with a dimension this small (a few right-hand sides) gains nothing from GEMM's packing. */
    private static final int THIN = 8;

    private HostGemm() {}

    /**
     * {@code C[m x n] -= A[m x k] B[k x n]}, each a block of a row-major array given by its offset and row
     * stride.
     */
    static void subtract(double[] c, int cOff, int ldc, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
            int m, int n, int k) {
        subtract(c, cOff, ldc, a, aOff, lda, b, bOff, ldb, false, m, n, k);
    }

    /** {@link #subtract}, with B read as the transpose of the {@code n x k} block at {@code bOff} when {@code bT}. */
    static void subtract(double[] c, int cOff, int ldc, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
            boolean bT, int m, int n, int k) {
        if (m == 0 || n == 0 || k == 0) return;
        if ((long) m * n * k < LOOP_LIMIT || Math.min(m, Math.min(n, k)) < THIN) {
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    double l = a[aOff + i * lda + p];
                    if (l == 0) continue;
                    int row = cOff + i * ldc;
                    for (int j = 0; j < n; j++) c[row + j] -= l * (bT ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]);
                }
            }
            return;
        }
        Tensor ta = Torch.tensor(block(a, aOff, lda, m, k), m, k);
        Tensor tb = bT ? Torch.tensor(block(b, bOff, ldb, n, k), n, k).t() : Torch.tensor(block(b, bOff, ldb, k, n), k, n);
        double[] product = ta.mm(tb).toDoubleArray();
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) c[row + j] -= product[i * n + j];
        }
    }

    private static double[] block(double[] x, int off, int ld, int rows, int cols) {
        double[] r = new double[rows * cols];
        for (int i = 0; i < rows; i++) System.arraycopy(x, off + i * ld, r, i * cols, cols);
        return r;
    }
}
