package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.backend.cpu.gemm.Gemm;
import org.torch4j.backend.cpu.kernels.FloatSoftmax;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The backend's fused scaled-dot-product attention ({@code Backend.attention} and {@code attentionBackward}) over
 * blocks of query rows: a block's scores are one GEMM into a scratch of {@code rows x S}, the softmax runs along
 * each of its rows (the backend's vectorised softmax for float32), and one more GEMM multiplies the weights with v; the backward recomputes a block's
 * weights with the same softmax, bit for bit the forward's (from the saved log-sum-exp a float32 weight is only as exact
 * as its rounding: 1e-6 beside scores of 10), takes softmax's backward from them (D = rowsum(P dP), as PyTorch's) and adds
 * the block's share of the key and value gradients with GEMMs of beta 1.
 * So no {@code L x S} matrix is ever held, and the products run on the backend's GEMM kernels (float for float32,
 * double for float64). Causal attention stops each block's products at its last allowed key. Forward blocks are
 * split across threads; the backward splits batches (a batch's key and value gradients gather every block).
 */
final class AttentionBlocks {
    private AttentionBlocks() {}

    /** Scratch elements per block: the block's rows times S stays near this (two such buffers per thread). */
    private static final int BLOCK_ELEMENTS = 1 << 17;

    static boolean forward(Strided out, Strided lse, Strided q, Strided k, Strided v, Strided mask, double scale, boolean causal) {
        DType t = q.dtype();
        if (!FusedBackward.dense(t, out, lse, q, k, v) || !host(mask, t)) return false;
        Shape d = new Shape(q, k, v);
        Num num = Num.of(t);
        Object qa = num.array(q), ka = num.array(k), va = num.array(v), oa = num.array(out), la = num.array(lse);
        Mask m = Mask.of(num, mask);
        Object kt = transposed(num, ka, (int) k.offset(), d.b, d.s, d.e);
        int blocks = d.blocks();
        Parallel.forRange(d.b * blocks, 1, (from, to) -> {
            Object p = num.alloc(d.rows * d.s);
            for (int w = from; w < to; w++) {
                int b = w / blocks, i0 = w % blocks * d.rows, bl = Math.min(d.rows, d.l - i0), se = d.keys(i0, bl, causal);
                int qo = (int) q.offset() + (b * d.l + i0) * d.e, vo = (int) v.offset() + b * d.s * d.ev;
                num.gemm(bl, se, d.e, scale, qa, qo, d.e, 1, kt, b * d.e * d.s, d.s, 1, 0, p, 0, d.s, 1);
                for (int r = 0; r < bl; r++) {
                    int i = i0 + r;
                    maskRow(num, p, r * d.s, se, m, b, i, causal);
                    num.set(la, (int) lse.offset() + b * d.l + i, num.softmax(p, r * d.s, se));
                }
                num.gemm(bl, d.ev, se, 1, p, 0, d.s, 1, va, vo, d.ev, 1, 0, oa, (int) out.offset() + (b * d.l + i0) * d.ev, d.ev, 1);
            }
        });
        return true;
    }

    static boolean backward(Strided gq, Strided gk, Strided gv, Strided grad, Strided q, Strided k, Strided v, Strided out,
                            Strided lse, Strided mask, double scale, boolean causal) {
        DType t = q.dtype();
        if (!FusedBackward.dense(t, gq, gk, gv, grad, q, k, v, out, lse) || !host(mask, t)) return false;
        Shape d = new Shape(q, k, v);
        Num num = Num.of(t);
        Object gqa = num.array(gq), gka = num.array(gk), gva = num.array(gv), ga = num.array(grad), qa = num.array(q),
                ka = num.array(k), va = num.array(v);
        Mask m = Mask.of(num, mask);
        Object kt = transposed(num, ka, (int) k.offset(), d.b, d.s, d.e), vt = transposed(num, va, (int) v.offset(), d.b, d.s, d.ev);
        int blocks = d.blocks();
        Parallel.forRange(d.b, 1, (from, to) -> {
            Object p = num.alloc(d.rows * d.s), dp = num.alloc(d.rows * d.s);
            for (int b = from; b < to; b++) {
                int ko = (int) k.offset() + b * d.s * d.e;
                int gko = (int) gk.offset() + b * d.s * d.e, gvo = (int) gv.offset() + b * d.s * d.ev;
                num.zero(gka, gko, d.s * d.e);
                num.zero(gva, gvo, d.s * d.ev);
                for (int blk = 0; blk < blocks; blk++) {
                    int i0 = blk * d.rows, bl = Math.min(d.rows, d.l - i0), se = d.keys(i0, bl, causal);
                    int qo = (int) q.offset() + (b * d.l + i0) * d.e, go = (int) grad.offset() + (b * d.l + i0) * d.ev;
                    num.gemm(bl, se, d.e, scale, qa, qo, d.e, 1, kt, b * d.e * d.s, d.s, 1, 0, p, 0, d.s, 1);
                    for (int r = 0; r < bl; r++) {
                        int i = i0 + r;
                        maskRow(num, p, r * d.s, se, m, b, i, causal);
                        num.softmax(p, r * d.s, se);
                    }
                    // gradV += P^T grad; dP = grad V^T; dS = P (dP - D); gradQ = scale dS K; gradK += scale dS^T Q
                    num.gemm(se, d.ev, bl, 1, p, 0, 1, d.s, ga, go, d.ev, 1, 1, gva, gvo, d.ev, 1);
                    num.gemm(bl, se, d.ev, 1, ga, go, d.ev, 1, vt, b * d.ev * d.s, d.s, 1, 0, dp, 0, d.s, 1);
                    // D = rowsum(P dP) as softmax's backward forms it, not rowsum(grad out): beside a peaked row
                    // dP - D cancels, and only a D made of the same P and dP cancels their rounding with it
                    for (int r = 0; r < bl; r++) num.weightedDifference(p, dp, r * d.s, se, rowDot(num, p, dp, r * d.s, se));
                    num.gemm(bl, d.e, se, scale, dp, 0, d.s, 1, ka, ko, d.e, 1, 0, gqa, (int) gq.offset() + (b * d.l + i0) * d.e, d.e, 1);
                    num.gemm(se, d.e, bl, scale, dp, 0, 1, d.s, qa, qo, d.e, 1, 1, gka, gko, d.e, 1);
                }
            }
        });
        return true;
    }

    /** sum_j p[j] dp[j] over one row, in double. */
    private static double rowDot(Num num, Object p, Object dp, int at, int n) {
        double dot = 0;
        for (int j = at; j < at + n; j++) dot += num.get(p, j) * num.get(dp, j);
        return dot;
    }

    /**
     * Each batch's [rows, cols] matrix at {@code a[off + b*rows*cols ..]} transposed into a new [B, cols, rows] array: the
     * GEMM kernels read a row-major B operand fast and gather a column-major one element by element.
     */
    private static Object transposed(Num num, Object a, int off, int batches, int rows, int cols) {
        Object t = num.alloc(batches * rows * cols);
        Parallel.forRange(batches * cols, Math.max(1, (1 << 16) / Math.max(1, rows)), (from, to) -> {
            for (int bc = from; bc < to; bc++) {
                int b = bc / cols, c = bc % cols, src = off + b * rows * cols + c, dst = (b * cols + c) * rows;
                for (int r = 0; r < rows; r++) num.set(t, dst + r, num.get(a, src + r * cols));
            }
        });
        return t;
    }

    /** Adds the mask to row {@code i}'s scaled scores {@code p[at .. at+n)}, and -inf past the diagonal when causal. */
    private static void maskRow(Num num, Object p, int at, int n, Mask mask, int b, int i, boolean causal) {
        if (mask != null) {
            long base = mask.offset + b * mask.sb + i * mask.sl;
            for (int j = 0; j < n; j++) num.set(p, at + j, num.get(p, at + j) + num.get(mask.array, (int) (base + j * mask.ss)));
        }
        if (causal) {
            for (int j = i + 1; j < n; j++) num.set(p, at + j, Double.NEGATIVE_INFINITY);
        }
    }

    /** An additive mask's array and its [B, L, S] strides. */
    private record Mask(Object array, long offset, long sb, long sl, long ss) {
        static Mask of(Num num, Strided m) {
            return m == null ? null : new Mask(num.array(m), m.offset(), m.strides()[0], m.strides()[1], m.strides()[2]);
        }
    }

    private static boolean host(Strided mask, DType t) {
        return mask == null || (mask.dtype() == t && mask.storage() instanceof HostStorage);
    }

    /** The problem's sizes: B batches of L queries and S keys, E features per query and key, Ev per value. */
    private record Shape(int b, int l, int s, int e, int ev, int rows) {
        Shape(Strided q, Strided k, Strided v) {
            this((int) q.shape()[0], (int) q.shape()[1], (int) k.shape()[1], (int) q.shape()[2], (int) v.shape()[2],
                    (int) Math.min(q.shape()[1], Math.max(16, Math.min(256, BLOCK_ELEMENTS / Math.max(1, k.shape()[1])))));
        }

        int blocks() {
            return (l + rows - 1) / rows;
        }

        /** The keys a block of {@code bl} rows from {@code i0} can see: all, or up to its last row's diagonal. */
        int keys(int i0, int bl, boolean causal) {
            return causal ? Math.min(s, i0 + bl) : s;
        }
    }

    /** The arithmetic on one dtype's arrays: float32 runs its GEMMs in float, float64 in double. */
    private interface Num {
        Object array(Strided t);

        Object alloc(int n);

        double get(Object a, int i);

        void set(Object a, int i, double v);

        void zero(Object a, int from, int n);

        void gemm(int m, int n, int k, double alpha, Object a, int aOff, int aRs, int aCs, Object b, int bOff, int bRs, int bCs,
                  double beta, Object c, int cOff, int cRs, int cCs);

        /** The scores {@code p[at .. at+n)} replaced by their softmax (the backend's rules); returns the row's log-sum-exp. */
        double softmax(Object p, int at, int n);

        /** {@code dp = p (dp - d)} over {@code [at, at+n)}: the score gradients. */
        void weightedDifference(Object p, Object dp, int at, int n, double d);

        static Num of(DType t) {
            return t == DType.FLOAT32 ? FLOATS : DOUBLES;
        }
    }

    private static final Num FLOATS = new Num() {
        public Object array(Strided t) {
            return ((HostStorage) t.storage()).floats();
        }

        public Object alloc(int n) {
            return new float[n];
        }

        public double get(Object a, int i) {
            return ((float[]) a)[i];
        }

        public void set(Object a, int i, double v) {
            ((float[]) a)[i] = (float) v;
        }

        public void zero(Object a, int from, int n) {
            java.util.Arrays.fill((float[]) a, from, from + n, 0f);
        }

        public void gemm(int m, int n, int k, double alpha, Object a, int aOff, int aRs, int aCs, Object b, int bOff, int bRs,
                         int bCs, double beta, Object c, int cOff, int cRs, int cCs) {
            Gemm.sgemm(m, n, k, (float) alpha, (float[]) a, aOff, aRs, aCs, (float[]) b, bOff, bRs, bCs, (float) beta, (float[]) c,
                    cOff, cRs, cCs);
        }

        public double softmax(Object p, int at, int n) {
            return Simd.ENABLED ? FloatSoftmax.softmaxInPlace((float[]) p, at, n) : scalarSoftmax(this, p, at, n);
        }

        public void weightedDifference(Object p, Object dp, int at, int n, double d) {
            float[] w = (float[]) p, g = (float[]) dp;
            if (Simd.ENABLED) FloatSoftmax.weightedDifference(w, at, g, at, n, (float) d);
            else for (int j = at; j < at + n; j++) g[j] = w[j] * (g[j] - (float) d);
        }
    };

    private static final Num DOUBLES = new Num() {
        public Object array(Strided t) {
            return ((HostStorage) t.storage()).doubles();
        }

        public Object alloc(int n) {
            return new double[n];
        }

        public double get(Object a, int i) {
            return ((double[]) a)[i];
        }

        public void set(Object a, int i, double v) {
            ((double[]) a)[i] = v;
        }

        public void zero(Object a, int from, int n) {
            java.util.Arrays.fill((double[]) a, from, from + n, 0.0);
        }

        public void gemm(int m, int n, int k, double alpha, Object a, int aOff, int aRs, int aCs, Object b, int bOff, int bRs,
                         int bCs, double beta, Object c, int cOff, int cRs, int cCs) {
            Gemm.dgemm(m, n, k, alpha, (double[]) a, aOff, aRs, aCs, (double[]) b, bOff, bRs, bCs, beta, (double[]) c, cOff, cRs, cCs);
        }

        public double softmax(Object p, int at, int n) {
            return scalarSoftmax(this, p, at, n);
        }

        public void weightedDifference(Object p, Object dp, int at, int n, double d) {
            double[] w = (double[]) p, g = (double[]) dp;
            for (int j = at; j < at + n; j++) g[j] = w[j] * (g[j] - d);
        }
    };

    /** The scalar softmax of a row in double, as the backend's (a maximum of -inf counts as 0); returns its log-sum-exp. */
    private static double scalarSoftmax(Num num, Object p, int at, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = at; j < at + n; j++) max = Math.max(max, num.get(p, j));
        double m = max == Double.NEGATIVE_INFINITY ? 0 : max, sum = 0;
        for (int j = at; j < at + n; j++) sum += Math.exp(num.get(p, j) - m);
        for (int j = at; j < at + n; j++) num.set(p, j, Math.exp(num.get(p, j) - m) / sum);
        return m + Math.log(sum);
    }
}
