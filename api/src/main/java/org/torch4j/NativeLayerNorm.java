package org.torch4j;

import org.torch4j.internal.OpMath;

/**
 * layer_norm over the trailing dims, as PyTorch's {@code native_layer_norm}: the backend's one-pass kernels
 * where it has them (weight, bias and statistics of the input's dtype, float32 for a 16-bit input; see
 * {@link OpMath}), recorded as
 * {@code NativeLayerNormBackward0} with the row statistics saved; otherwise a composition of ops, which
 * autograd differentiates op by op. The backward runs the backend's kernel too unless a graph of the
 * backward is being built, where it composes ops from the input again (the statistics' own dependence on
 * the input is part of the second derivative).
 */
final class NativeLayerNorm {
    private NativeLayerNorm() {}

    /** {@code input} normalized over its last {@code k} dims; the caller has checked the shapes. */
    static Tensor layerNorm(Tensor input, int k, Tensor weight, Tensor bias, double eps) {
        if (OpMath.reduced(input, weight, bias)) {
            // 16-bit: the kernels take it with float32 parameters and statistics; the composition runs in float32
            Tensor w = OpMath.widened(weight), b = OpMath.widened(bias);
            Tensor y = fused(input, k, w, b, eps);
            return y != null ? y : composed(OpMath.widened(input), trailing(input, k), w, b, eps).to(input.dtype());
        }
        Tensor y = fused(input, k, weight, bias, eps);
        return y != null ? y : composed(input, trailing(input, k), weight, bias, eps);
    }

    private static Tensor composed(Tensor input, int[] dims, Tensor weight, Tensor bias, double eps) {
        Tensor mean = input.mean(dims, true);
        Tensor centered = input.sub(mean);
        Tensor var = centered.mul(centered).mean(dims, true);
        Tensor y = centered.mul(var.add(eps).rsqrt());
        if (weight != null) y = y.mul(weight);
        if (bias != null) y = y.add(bias);
        return y;
    }

    private static Tensor fused(Tensor x, int k, Tensor w, Tensor b, double eps) {
        DType t = x.dtype(), stats = OpMath.of(t);
        if (!t.isFloatingPoint() || x.numel() == 0 || !matches(w, x) || !matches(b, x)) return null;
        long cols = 1;
        for (int i = x.dim() - k; i < x.dim(); i++) cols *= x.size(i);
        long rows = x.numel() / cols;
        Tensor out = Dispatch.empty(x.shape(), t, x.device());
        Tensor mean = Dispatch.empty(new long[] {rows}, stats, x.device()), rstd = Dispatch.empty(new long[] {rows}, stats, x.device());
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            Tensor xc = x.contiguous();
            boolean done = Dispatch.backend(xc).layerNorm(Dispatch.strided(out, rows, cols), mean.strided(), rstd.strided(), Dispatch.strided(xc, rows, cols),
                    flat(w), flat(b), eps);
            if (!done) return null;
        }
        if (Autograd.needed(x, w, b)) {
            Autograd.record("NativeLayerNormBackward0", new Tensor[] {x, w, b}, new Tensor[] {out},
                    (g, node) -> backward(g[0], x, w, b, mean, rstd, k, eps), x, w, b, mean, rstd);
        }
        return out;
    }

    /** Gradients for the input, weight and bias (null where there is none, or none is wanted). */
    private static Tensor[] backward(Tensor g, Tensor x, Tensor w, Tensor b, Tensor mean, Tensor rstd, int k, double eps) {
        boolean wantW = w != null && w.requiresGrad(), wantB = b != null && b.requiresGrad();
        if (Pointwise.fusedBackwardApplies(g, x)) {
            long rows = mean.numel(), cols = x.numel() / rows;
            Tensor gc = g.contiguous(), xc = x.contiguous();
            Tensor gx = Dispatch.empty(x.shape(), x.dtype(), x.device());
            Tensor gw = wantW ? Dispatch.empty(w.shape(), w.dtype(), w.device()) : null;
            Tensor gb = wantB ? Dispatch.empty(b.shape(), b.dtype(), b.device()) : null;
            if (Dispatch.backend(xc).layerNormBackward(Dispatch.strided(gx, rows, cols), flat(gw), flat(gb), Dispatch.strided(gc, rows, cols),
                    Dispatch.strided(xc, rows, cols), mean.strided(), rstd.strided(), flat(w))) {
                return new Tensor[] {gx, gw, gb};
            }
        }
        // composed from x again, so that a graph of this backward reaches x through the statistics too; 16-bit in float32
        int[] dims = trailing(x, k);
        DType dtype = OpMath.of(x.dtype());
        Tensor xa = x.to(dtype);
        g = g.to(dtype);
        Tensor centered = xa.sub(xa.mean(dims, true));
        Tensor rs = centered.mul(centered).mean(dims, true).add(eps).rsqrt();
        Tensor xhat = centered.mul(rs);
        Tensor gxhat = w == null ? g : g.mul(w);
        Tensor gx = gxhat.sub(gxhat.mean(dims, true)).sub(xhat.mul(gxhat.mul(xhat).mean(dims, true))).mul(rs);
        return new Tensor[] {gx.to(x.dtype()), wantW ? g.mul(xhat) : null, wantB ? g : null};
    }

    /** A weight or bias the kernel can take along with {@code x}: absent, or of its statistics' dtype and its device. */
    static boolean matches(Tensor p, Tensor x) {
        return p == null || (p.dtype() == OpMath.of(x.dtype()) && p.device().equals(x.device()));
    }

    /** Contiguous {@code t} (or a contiguous copy) seen as one row; null for null. */
    static org.torch4j.spi.Strided flat(Tensor t) {
        if (t == null) return null;
        Tensor c = t.contiguous();
        return Dispatch.strided(c, c.numel());
    }

    private static int[] trailing(Tensor x, int k) {
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) dims[i] = x.dim() - k + i;
        return dims;
    }
}
