package org.torch4j.linalg;

/**
 * A block of consecutive Householder reflectors {@code H_0 H_1 ... H_{b-1}} in compact WY form
 * {@code I - V T V^T} (LAPACK's {@code larft}, forward and columnwise), applied to other columns with three
 * matrix products through {@link HostGemm} ({@code larfb}): this is what moves blocked QR's work into GEMM.
 */
final class CompactWY {

    private final int rows, b;
    /** V ({@code rows x b}, unit lower trapezoidal, ones and zeros explicit) and its transpose. */
    private final double[] v, vt;
    /** T and its transpose ({@code b x b}, upper and lower triangular). */
    private final double[] t, tt;

    /**
     * The reflectors {@code j0 .. j0+b-1} stored as {@link Householder} leaves them: their tails below the
     * diagonal of the row-major {@code m x n} array {@code a}, their factors in {@code tau}.
     */
    CompactWY(double[] a, int m, int n, int j0, int b, double[] tau) {
        this.rows = m - j0;
        this.b = b;
        v = new double[rows * b];
        vt = new double[b * rows];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < b && c <= i; c++) v[i * b + c] = c == i ? 1 : a[(j0 + i) * n + j0 + c];
        }
        for (int c = 0; c < b; c++) for (int i = c; i < rows; i++) vt[c * rows + i] = v[i * b + c];
        // -V^T V (one product), then T column by column: T[i][i] = tau_i, T[0:i, i] = -tau_i T[0:i, 0:i] (V^T V)[0:i, i]
        double[] gram = new double[b * b];
        HostGemm.subtract(gram, 0, b, vt, 0, rows, v, 0, b, b, b, rows);
        t = new double[b * b];
        for (int i = 0; i < b; i++) {
            double ti = tau[j0 + i];
            t[i * b + i] = ti;
            if (ti == 0) continue; // H_i = I: T's column stays zero
            for (int r = 0; r < i; r++) {
                double s = 0;
                for (int c = r; c < i; c++) s += t[r * b + c] * gram[c * b + i];
                t[r * b + i] = ti * s;
            }
        }
        tt = new double[b * b];
        for (int r = 0; r < b; r++) for (int c = 0; c < b; c++) tt[c * b + r] = t[r * b + c];
    }

    /**
     * {@code C = (I - V T V^T) C}, or with {@code T^T} when {@code transpose} (that is {@code H_{b-1} ... H_0 C},
     * geqrf's update), for the block of {@code cols} columns at {@code off} of the row-major array {@code c}
     * (row stride {@code ldc}) whose rows are those of V.
     */
    void apply(double[] c, int off, int ldc, int cols, boolean transpose) {
        if (cols == 0) return;
        // W = -V^T C; Y = -T W = T V^T C (T^T when transposed); C -= V Y
        double[] w = new double[b * cols], y = new double[b * cols];
        HostGemm.subtract(w, 0, cols, vt, 0, rows, c, off, ldc, b, cols, rows);
        HostGemm.subtract(y, 0, cols, transpose ? tt : t, 0, b, w, 0, cols, b, cols, b);
        HostGemm.subtract(c, off, ldc, v, 0, b, y, 0, cols, rows, cols, b);
    }
}
