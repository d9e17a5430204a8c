package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.backend.cpu.gemm.Gemm;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The backend's fused scaled-dot-product attention ({@code Backend.attention} and {@code attentionBackward}) over
 * blocks of query rows: a block's scores are one GEMM into a scratch of {@code rows x S}, the softmax runs along
 * each of its rows (in double), and one more GEMM multiplies the weights with v; the backward recomputes a block's
 * weights from the saved log-sum-exp and adds the block's share of the key and value gradients with GEMMs of beta 1.
 * So no {@code L x S} matrix is ever held, and the products run on the backend's GEMM kernels (float for float32,
 * double for float64). Causal attention stops each block's products at its last allowed key. Forward blocks are
 * split across threads; the backward splits batches (a batch's key and value gradients gather every block).
 */
final class AttentionBlocks {
    private AttentionBlocks() {}

    /** Scratch elements per block: the block's rows times S stays near this (two such buffers per thread). */
    private static final int BLOCK_ELEMENTS = 32768;

    static boolean forward(Strided out, Strided lse, Strided q, Strided k, Strided v, Strided mask, double scale, boolean causal) {
        DType t = q.dtype();
        if (!FusedBackward.dense(t, out, lse, q, k, v) || !host(mask, t)) return false;
        Shape d = new Shape(q, k, v);
        Num num = Num.of(t);
        Object qa = num.array(q), ka = num.array(k), va = num.array(v), oa = num.array(out), la = num.array(lse);
        Mask m = Mask.of(num, mask);
        int blocks = d.blocks();
        Parallel.forRange(d.b * blocks, 1, (from, to) -> {
            Object p = num.alloc(d.rows * d.s);
            for (int w = from; w < to; w++) {
                int b = w / blocks, i0 = w % blocks * d.rows, bl = Math.min(d.rows, d.l - i0), se = d.keys(i0, bl, causal);
                int qo = (int) q.offset() + (b * d.l + i0) * d.e, ko = (int) k.offset() + b * d.s * d.e,
                        vo = (int) v.offset() + b * d.s * d.ev;
                num.gemm(bl, se, d.e, 1, qa, qo, d.e, 1, ka, ko, 1, d.e, 0, p, 0, d.s, 1);
                for (int r = 0; r < bl; r++) {
                    int i = i0 + r;
                    double lseRow = softmaxRow(num, p, r * d.s, se, i, scale, m, b, causal);
                    num.set(la, (int) lse.offset() + b * d.l + i, lseRow);
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
                ka = num.array(k), va = num.array(v), oa = num.array(out), la = num.array(lse);
        Mask m = Mask.of(num, mask);
        int blocks = d.blocks();
        Parallel.forRange(d.b, 1, (from, to) -> {
            Object p = num.alloc(d.rows * d.s), dp = num.alloc(d.rows * d.s);
            double[] rowDot = new double[d.rows];
            for (int b = from; b < to; b++) {
                int ko = (int) k.offset() + b * d.s * d.e, vo = (int) v.offset() + b * d.s * d.ev;
                int gko = (int) gk.offset() + b * d.s * d.e, gvo = (int) gv.offset() + b * d.s * d.ev;
                num.zero(gka, gko, d.s * d.e);
                num.zero(gva, gvo, d.s * d.ev);
                for (int blk = 0; blk < blocks; blk++) {
                    int i0 = blk * d.rows, bl = Math.min(d.rows, d.l - i0), se = d.keys(i0, bl, causal);
                    int qo = (int) q.offset() + (b * d.l + i0) * d.e, go = (int) grad.offset() + (b * d.l + i0) * d.ev,
                            oo = (int) out.offset() + (b * d.l + i0) * d.ev;
                    for (int r = 0; r < bl; r++) {
                        double dot = 0;
                        for (int c = 0; c < d.ev; c++) dot += num.get(ga, go + r * d.ev + c) * num.get(oa, oo + r * d.ev + c);
                        rowDot[r] = dot;
                    }
                    num.gemm(bl, se, d.e, 1, qa, qo, d.e, 1, ka, ko, 1, d.e, 0, p, 0, d.s, 1);
                    for (int r = 0; r < bl; r++) {
                        int i = i0 + r;
                        double rowLse = num.get(la, (int) lse.offset() + b * d.l + i);
                        for (int j = 0; j < se; j++) {
                            double x = score(num, p, r * d.s + j, scale, m, b, i, j, causal);
                            num.set(p, r * d.s + j, Math.exp(x - rowLse));
                        }
                    }
                    // gradV += P^T grad; dP = grad V^T; dS = P (dP - D); gradQ = scale dS K; gradK += scale dS^T Q
                    num.gemm(se, d.ev, bl, 1, p, 0, 1, d.s, ga, go, d.ev, 1, 1, gva, gvo, d.ev, 1);
                    num.gemm(bl, se, d.ev, 1, ga, go, d.ev, 1, va, vo, 1, d.ev, 0, dp, 0, d.s, 1);
                    for (int r = 0; r < bl; r++) {
                        for (int j = 0; j < se; j++) {
                            int x = r * d.s + j;
                            num.set(dp, x, num.get(p, x) * (num.get(dp, x) - rowDot[r]));
                        }
                    }
                    num.gemm(bl, d.e, se, scale, dp, 0, d.s, 1, ka, ko, d.e, 1, 0, gqa, (int) gq.offset() + (b * d.l + i0) * d.e, d.e, 1);
                    num.gemm(se, d.e, bl, scale, dp, 0, 1, d.s, qa, qo, d.e, 1, 1, gka, gko, d.e, 1);
                }
            }
        });
        return true;
    }

    /**
     * Turns row {@code i}'s raw products {@code p[at .. at+n)} into softmax weights, as the backend's softmax (the
     * maximum subtracted, an infinite maximum counting as 0), and returns the row's log-sum-exp.
     */
    private static double softmaxRow(Num num, Object p, int at, int n, int i, double scale, Mask mask, int b, boolean causal) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double x = score(num, p, at + j, scale, mask, b, i, j, causal);
            num.set(p, at + j, x);
            max = Math.max(max, x);
        }
        double m = Double.isInfinite(max) ? 0 : max, sum = 0;
        for (int j = 0; j < n; j++) sum += Math.exp(num.get(p, at + j) - m);
        for (int j = 0; j < n; j++) num.set(p, at + j, Math.exp(num.get(p, at + j) - m) / sum);
        return m + Math.log(sum);
    }

    /** The score of (i, j) from its raw product at {@code p[x]}: scaled, the mask added, -inf past the diagonal when causal. */
    private static double score(Num num, Object p, int x, double scale, Mask mask, int b, int i, int j, boolean causal) {
        if (causal && j > i) return Double.NEGATIVE_INFINITY;
        double s = num.get(p, x) * scale;
        return mask == null ? s : s + num.get(mask.array, (int) (mask.offset + b * mask.sb + i * mask.sl + j * mask.ss));
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
    };
}
