package org.torch4j.backend.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;

/**
 * One product to check: shape, operand layouts, alpha, beta, batch. Builds strided operands inside
 * larger arrays (the padding around A and B holds NaN, so a stray read poisons the result; the padding
 * around C holds a sentinel that must survive), runs the float or double kernel and compares with a
 * double-precision reference within a tolerance scaled by k.
 */
record GemmCase(int batch, int m, int n, int k, Layout la, Layout lb, Layout lc, double alpha, double beta,
                int aBs, int bBs, int cBs, long seed) {

    /** How an operand sits in its array. */
    enum Layout {
        /** Row-major: row stride = width, column stride 1. */
        ROW,
        /** Transposed (column-major): row stride 1, column stride = height. */
        COL,
        /** A slice of a wider row-major matrix: row stride larger than the width. */
        SLICE,
        /** A slice of a transposed matrix with element stride 2 in both directions. */
        SLICE_T
    }

    private static final float C_SENTINEL = 12345.5f;

    static GemmCase of(int m, int n, int k, Layout la, Layout lb, Layout lc, double alpha, double beta, long seed) {
        return new GemmCase(1, m, n, k, la, lb, lc, alpha, beta, 0, 0, 0, seed);
    }

    /** Strides and extent of one rows × cols view. */
    private record View(int off, int rs, int cs, int extent) {
        int at(int i, int j) {
            return off + i * rs + j * cs;
        }
    }

    private static View view(Layout l, int rows, int cols, int off) {
        int rs, cs;
        switch (l) {
            case ROW -> { rs = cols; cs = 1; }
            case COL -> { rs = 1; cs = rows; }
            case SLICE -> { rs = cols + 3; cs = 1; }
            default -> { rs = 2; cs = 2 * rows + 3; }
        }
        int extent = rows == 0 || cols == 0 ? 1 : (rows - 1) * rs + (cols - 1) * cs + 1;
        return new View(off, rs, cs, extent);
    }

    /** The batch stride: the given one, or (if negative) one that places matrices back to back. */
    private static int batchStride(int given, View v) {
        return given >= 0 ? given : v.extent() + 2;
    }

    private String describe() {
        return (batch != 1 ? "batch " + batch + " (strides " + aBs + "," + bBs + "," + cBs + ") " : "")
                + m + "x" + n + "x" + k + " A:" + la + " B:" + lb + " C:" + lc + " alpha=" + alpha + " beta=" + beta;
    }

    // ---- float ---------------------------------------------------------------------------------

    /** Runs sgemm (or sgemmBatched) on the given kernels and checks every element of C. */
    void checkFloat(boolean simd, boolean parallel) {
        Random r = new Random(seed);
        View va = view(la, m, k, r.nextInt(4)), vb = view(lb, k, n, r.nextInt(4)), vc = view(lc, m, n, r.nextInt(4));
        int sa = batchStride(aBs, va), sb = batchStride(bBs, vb), sc = batchStride(cBs, vc);
        float[] a = new float[va.off() + (batch - 1) * sa + va.extent() + 3];
        float[] b = new float[vb.off() + (batch - 1) * sb + vb.extent() + 3];
        float[] c = new float[vc.off() + (batch - 1) * sc + vc.extent() + 3];
        Arrays.fill(a, Float.NaN);
        Arrays.fill(b, Float.NaN);
        Arrays.fill(c, C_SENTINEL);
        for (int t = 0; t < batch; t++) {
            for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) a[t * sa + va.at(i, p)] = r.nextFloat() * 2 - 1;
            for (int p = 0; p < k; p++) for (int j = 0; j < n; j++) b[t * sb + vb.at(p, j)] = r.nextFloat() * 2 - 1;
            // beta == 0: C must be written without being read, so start it as NaN
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) c[t * sc + vc.at(i, j)] = beta == 0 ? Float.NaN : r.nextFloat() * 2 - 1;
        }
        float[] c0 = c.clone();
        if (batch == 1) {
            Gemm.sgemm(simd, parallel, m, n, k, (float) alpha, a, va.off(), va.rs(), va.cs(), b, vb.off(), vb.rs(), vb.cs(),
                    (float) beta, c, vc.off(), vc.rs(), vc.cs());
        } else {
            Gemm.sgemmBatched(simd, batch, m, n, k, (float) alpha, a, va.off(), sa, va.rs(), va.cs(), b, vb.off(), sb, vb.rs(), vb.cs(),
                    (float) beta, c, vc.off(), sc, vc.rs(), vc.cs());
        }
        double[] ad = new double[a.length], bd = new double[b.length], cd = new double[c.length], cd0 = new double[c.length];
        for (int i = 0; i < a.length; i++) ad[i] = a[i];
        for (int i = 0; i < b.length; i++) bd[i] = b[i];
        for (int i = 0; i < c.length; i++) { cd[i] = c[i]; cd0[i] = c0[i]; }
        verify(ad, bd, cd0, cd, va, vb, vc, sa, sb, sc, 0x1p-23, simd, parallel);
    }

    // ---- double --------------------------------------------------------------------------------

    /** Runs dgemm (or dgemmBatched) on the given kernels and checks every element of C. */
    void checkDouble(boolean simd, boolean parallel) {
        Random r = new Random(seed);
        View va = view(la, m, k, r.nextInt(4)), vb = view(lb, k, n, r.nextInt(4)), vc = view(lc, m, n, r.nextInt(4));
        int sa = batchStride(aBs, va), sb = batchStride(bBs, vb), sc = batchStride(cBs, vc);
        double[] a = new double[va.off() + (batch - 1) * sa + va.extent() + 3];
        double[] b = new double[vb.off() + (batch - 1) * sb + vb.extent() + 3];
        double[] c = new double[vc.off() + (batch - 1) * sc + vc.extent() + 3];
        Arrays.fill(a, Double.NaN);
        Arrays.fill(b, Double.NaN);
        Arrays.fill(c, C_SENTINEL);
        for (int t = 0; t < batch; t++) {
            for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) a[t * sa + va.at(i, p)] = r.nextDouble() * 2 - 1;
            for (int p = 0; p < k; p++) for (int j = 0; j < n; j++) b[t * sb + vb.at(p, j)] = r.nextDouble() * 2 - 1;
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) c[t * sc + vc.at(i, j)] = beta == 0 ? Double.NaN : r.nextDouble() * 2 - 1;
        }
        double[] c0 = c.clone();
        if (batch == 1) {
            Gemm.dgemm(simd, parallel, m, n, k, alpha, a, va.off(), va.rs(), va.cs(), b, vb.off(), vb.rs(), vb.cs(),
                    beta, c, vc.off(), vc.rs(), vc.cs());
        } else {
            Gemm.dgemmBatched(simd, batch, m, n, k, alpha, a, va.off(), sa, va.rs(), va.cs(), b, vb.off(), sb, vb.rs(), vb.cs(),
                    beta, c, vc.off(), sc, vc.rs(), vc.cs());
        }
        verify(a, b, c0, c, va, vb, vc, sa, sb, sc, 0x1p-52, simd, parallel);
    }

    // ---- reference -----------------------------------------------------------------------------

    /**
     * Every element of every C view against {@code alpha * sum_p a*b + beta * c0}, within
     * {@code 4 * eps * (k + 2) * (|alpha| * sum_p |a*b| + |beta * c0|)}; everything outside the views
     * unchanged. With {@code cBs == 0} the products accumulate into one C in batch order.
     */
    private void verify(double[] a, double[] b, double[] c0, double[] c, View va, View vb, View vc,
                        int sa, int sb, int sc, double eps, boolean simd, boolean parallel) {
        String where = describe() + (simd ? " [simd" : " [scalar") + (parallel ? ", parallel]" : "]");
        boolean[] inView = new boolean[c.length];
        double[] expect = c0.clone(), bound = new double[c.length];
        for (int t = 0; t < batch; t++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0, mag = 0;
                    for (int p = 0; p < k; p++) {
                        double x = a[t * sa + va.at(i, p)] * b[t * sb + vb.at(p, j)];
                        s += x;
                        mag += Math.abs(x);
                    }
                    int o = t * sc + vc.at(i, j);
                    inView[o] = true;
                    double prev = expect[o];
                    double tail = beta == 0 ? 0 : beta * prev;
                    expect[o] = alpha * s + tail;
                    bound[o] = Math.abs(alpha) * mag + Math.abs(tail) + Math.abs(beta) * bound[o];
                }
            }
        }
        for (int o = 0; o < c.length; o++) {
            if (!inView[o]) {
                assertEquals(c0[o], c[o], "element " + o + " outside the C view changed: " + where);
                continue;
            }
            double tol = 4 * eps * (k + 2) * bound[o] + 1e-30;
            if (!(Math.abs(c[o] - expect[o]) <= tol)) {
                fail("C[" + o + "] = " + c[o] + ", expected " + expect[o] + " ± " + tol + ": " + where);
            }
        }
    }
}
