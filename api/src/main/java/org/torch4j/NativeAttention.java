package org.torch4j;

import java.util.Arrays;

/**
 * scaled_dot_product_attention without dropout by the backend's fused kernel where it has one: the attention
 * weights are never kept (the kernel works through blocks of query rows, and the backward recomputes them from
 * the rows' log-sum-exp), so memory grows with L + S instead of L * S per head. Recorded as
 * {@code ScaledDotProductEfficientAttentionBackward0} with q, k, v, the output and the log-sum-exp saved; the
 * backward runs the backend's kernel too unless a graph of the backward is being built, where it composes ops
 * from q, k and v again (the weights' own dependence on them is part of the second derivative).
 */
final class NativeAttention {
    private NativeAttention() {}

    /**
     * The attention output, or null where the fused kernel does not apply (the caller composes ops then):
     * operands of different dtypes, devices or batch shapes, a mask that is not bool or of q's dtype, a mask
     * that needs a gradient, empty operands, or a backend without the kernel.
     */
    static Tensor attention(Tensor q, Tensor k, Tensor v, Tensor mask, double scale, boolean causal) {
        DType t = q.dtype();
        if (!t.isFloatingPoint() || !fits(q, k, v, mask)) return null;
        int r = q.dim();
        long[] lead = Arrays.copyOf(q.shape(), r - 2);
        long b = Shapes.numel(lead), l = q.size(-2), s = k.size(-2), e = q.size(-1), ev = v.size(-1);
        long[] outShape = Arrays.copyOf(lead, r), full = Arrays.copyOf(lead, r);
        outShape[r - 2] = l;
        outShape[r - 1] = ev;
        full[r - 2] = l;
        full[r - 1] = s;
        Tensor out = Dispatch.empty(outShape, t, q.device());
        Tensor lse = Dispatch.empty(new long[] {b, l}, statsDtype(t), q.device());
        Tensor additive;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            additive = additiveMask(mask, t, full);
            if (mask != null && additive == null) return null;
            Tensor qc = q.contiguous(), kc = k.contiguous(), vc = v.contiguous();
            boolean done = Dispatch.backend(qc).attention(Dispatch.strided(out, b, l, ev), lse.strided(),
                    Dispatch.strided(qc, b, l, e), Dispatch.strided(kc, b, s, e), Dispatch.strided(vc, b, s, ev),
                    additive == null ? null : batched(additive, b, l, s), scale, causal);
            if (!done) return null;
        }
        if (Autograd.needed(q, k, v)) {
            Tensor am = additive;
            Autograd.record("ScaledDotProductEfficientAttentionBackward0", new Tensor[] {q, k, v}, new Tensor[] {out},
                    (g, node) -> backward(g[0], q, k, v, am, out, lse, scale, causal), q, k, v, out, lse);
        }
        return out;
    }

    /** Gradients for q, k and v. */
    private static Tensor[] backward(Tensor g, Tensor q, Tensor k, Tensor v, Tensor mask, Tensor out, Tensor lse,
                                     double scale, boolean causal) {
        if (Pointwise.fusedBackwardApplies(g, out)) {
            long b = lse.size(0), l = q.size(-2), s = k.size(-2), e = q.size(-1), ev = v.size(-1);
            Tensor gc = g.contiguous(), qc = q.contiguous(), kc = k.contiguous(), vc = v.contiguous();
            Tensor gq = Dispatch.empty(q.shape(), q.dtype(), q.device()), gk = Dispatch.empty(k.shape(), k.dtype(), k.device()),
                    gv = Dispatch.empty(v.shape(), v.dtype(), v.device());
            if (Dispatch.backend(qc).attentionBackward(Dispatch.strided(gq, b, l, e), Dispatch.strided(gk, b, s, e),
                    Dispatch.strided(gv, b, s, ev), Dispatch.strided(gc, b, l, ev), Dispatch.strided(qc, b, l, e),
                    Dispatch.strided(kc, b, s, e), Dispatch.strided(vc, b, s, ev), Dispatch.strided(out, b, l, ev), lse.strided(),
                    mask == null ? null : batched(mask, b, l, s), scale, causal)) {
                return new Tensor[] {gq, gk, gv};
            }
        }
        // composed from q, k and v again (softmax's backward written out), so that a graph of it is complete
        Tensor scores = q.matmul(k.transpose(-2, -1)).mul(scale);
        if (mask != null) scores = scores.add(mask);
        if (causal) scores = scores.maskedFill(causalMask(q.size(-2), k.size(-2), q.device()), Double.NEGATIVE_INFINITY);
        Tensor p = scores.softmax(-1);
        Tensor dp = g.matmul(v.transpose(-2, -1));
        Tensor ds = p.mul(dp.sub(dp.mul(p).sum(new int[] {-1}, true)));
        return new Tensor[] {ds.matmul(k).mul(scale), ds.transpose(-2, -1).matmul(q).mul(scale), p.transpose(-2, -1).matmul(g)};
    }

    /** The positions {@code j > i} of an L x S score matrix (true = masked out), as the composed path's tril. */
    private static Tensor causalMask(long l, long s, Device device) {
        return Torch.ones(new long[] {l, s}, DType.BOOL, device).tril().logicalNot();
    }

    /** q [..., L, E], k [..., S, E], v [..., S, Ev] of one dtype and device and one batch shape, none empty. */
    private static boolean fits(Tensor q, Tensor k, Tensor v, Tensor mask) {
        int r = q.dim();
        if (r < 2 || k.dim() != r || v.dim() != r || k.dtype() != q.dtype() || v.dtype() != q.dtype()
                || !k.device().equals(q.device()) || !v.device().equals(q.device())) return false;
        if (q.size(-1) != k.size(-1) || k.size(-2) != v.size(-2)) return false;
        if (!Arrays.equals(Arrays.copyOf(q.shape(), r - 2), Arrays.copyOf(k.shape(), r - 2))
                || !Arrays.equals(Arrays.copyOf(q.shape(), r - 2), Arrays.copyOf(v.shape(), r - 2))) return false;
        if (q.numel() == 0 || k.numel() == 0 || v.numel() == 0) return false;
        return mask == null || (mask.device().equals(q.device()) && !mask.requiresGrad()
                && (mask.dtype() == DType.BOOL || mask.dtype() == q.dtype()));
    }

    /** The mask as scores to add (a bool mask's false positions -inf), broadcast to {@code full}; null where it cannot be. */
    private static Tensor additiveMask(Tensor mask, DType t, long[] full) {
        if (mask == null || !expandable(mask.shape(), full)) return null;
        Tensor add = mask.dtype() == DType.BOOL
                ? Torch.zeros(mask.shape(), t, mask.device()).maskedFill(mask.logicalNot(), Double.NEGATIVE_INFINITY) : mask;
        return add.expand(full);
    }

    /** Whether {@code shape} expands to {@code full} (a mask broadcasting the scores to a larger shape does not). */
    private static boolean expandable(long[] shape, long[] full) {
        if (shape.length > full.length) return false;
        for (int i = 1; i <= shape.length; i++) {
            long d = shape[shape.length - i];
            if (d != 1 && d != full[full.length - i]) return false;
        }
        return true;
    }

    /** {@code m} ([..., L, S], possibly with broadcast strides) seen as [B, L, S]: a view where the strides allow, else a copy. */
    private static org.torch4j.spi.Strided batched(Tensor m, long b, long l, long s) {
        return Dispatch.strided(m.reshape(b, l, s));
    }

    /** The dtype of the rows' log-sum-exp: float32 for the 16-bit types, whose kernels compute in float. */
    private static DType statsDtype(DType t) {
        return t == DType.FLOAT16 || t == DType.BFLOAT16 ? DType.FLOAT32 : t;
    }
}
