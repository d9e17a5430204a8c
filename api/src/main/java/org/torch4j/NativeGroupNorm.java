package org.torch4j;

import org.torch4j.internal.OpMath;

/**
 * group_norm as PyTorch's {@code native_group_norm}: the backend's one-pass kernels where it has them (weight, bias
 * and statistics of the input's accumulation dtype; see {@link OpMath}), recorded as {@code NativeGroupNormBackward0}
 * with the group statistics saved; otherwise layer norm over rows [N * G, C/G * spatial] and the per-channel affine,
 * which autograd differentiates op by op. The backward runs the backend's kernel too unless a graph of the backward is
 * being built, where it composes ops from the input again (as {@link NativeLayerNorm}).
 */
final class NativeGroupNorm {
    private NativeGroupNorm() {}

    /** {@code input} [N, C, *] normalised in {@code groups} groups of channels; the caller has checked the shapes. */
    static Tensor groupNorm(Tensor input, long groups, Tensor weight, Tensor bias, double eps) {
        if (OpMath.reduced(input, weight, bias)) {
            // 16-bit: the kernels take it with float32 parameters and statistics; the composition runs in float32
            Tensor w = OpMath.widened(weight), b = OpMath.widened(bias);
            Tensor y = fused(input, groups, w, b, eps);
            return y != null ? y : composed(OpMath.widened(input), groups, w, b, eps).to(input.dtype());
        }
        Tensor y = fused(input, groups, weight, bias, eps);
        return y != null ? y : composed(input, groups, weight, bias, eps);
    }

    private static Tensor composed(Tensor x, long groups, Tensor w, Tensor b, double eps) {
        Tensor y = NativeLayerNorm.layerNorm(x.reshape(x.size(0), groups, -1), 1, null, null, eps).reshape(x.shape());
        if (w != null) y = y.mul(w.reshape(channelShape(x)));
        if (b != null) y = y.add(b.reshape(channelShape(x)));
        return y;
    }

    private static Tensor fused(Tensor x, long groups, Tensor w, Tensor b, double eps) {
        DType t = x.dtype(), stats = OpMath.of(t);
        if (!t.isFloatingPoint() || x.numel() == 0 || !NativeLayerNorm.matches(w, x) || !NativeLayerNorm.matches(b, x)) return null;
        long n = x.size(0), c = x.size(1), p = x.numel() / (n * c);
        Tensor out = Dispatch.empty(x.shape(), t, x.device());
        Tensor mean = Dispatch.empty(new long[] {n * groups}, stats, x.device()), rstd = Dispatch.empty(new long[] {n * groups}, stats, x.device());
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            Tensor xc = x.contiguous();
            if (!Dispatch.backend(xc).groupNorm(Dispatch.strided(out, n, c, p), mean.strided(), rstd.strided(), Dispatch.strided(xc, n, c, p),
                    NativeLayerNorm.flat(w), NativeLayerNorm.flat(b), groups, eps)) {
                return null;
            }
        }
        if (Autograd.needed(x, w, b)) {
            Autograd.record("NativeGroupNormBackward0", new Tensor[] {x, w, b}, new Tensor[] {out},
                    (g, node) -> backward(g[0], x, w, b, mean, rstd, groups, eps), x, w, b, mean, rstd);
        }
        return out;
    }

    /** Gradients for the input, weight and bias (null where there is none, or none is wanted). */
    private static Tensor[] backward(Tensor g, Tensor x, Tensor w, Tensor b, Tensor mean, Tensor rstd, long groups, double eps) {
        boolean wantW = w != null && w.requiresGrad(), wantB = b != null && b.requiresGrad();
        long n = x.size(0), c = x.size(1), p = x.numel() / (n * c);
        if (Pointwise.fusedBackwardApplies(g, x)) {
            Tensor gc = g.contiguous(), xc = x.contiguous();
            Tensor gx = Dispatch.empty(x.shape(), x.dtype(), x.device());
            Tensor gw = wantW ? Dispatch.empty(w.shape(), w.dtype(), w.device()) : null;
            Tensor gb = wantB ? Dispatch.empty(b.shape(), b.dtype(), b.device()) : null;
            if (Dispatch.backend(xc).groupNormBackward(Dispatch.strided(gx, n, c, p), NativeLayerNorm.flat(gw), NativeLayerNorm.flat(gb),
                    Dispatch.strided(gc, n, c, p), Dispatch.strided(xc, n, c, p), mean.strided(), rstd.strided(), NativeLayerNorm.flat(w),
                    groups)) {
                return new Tensor[] {gx, gw, gb};
            }
        }
        // composed from x again, so that a graph of this backward reaches x through the statistics too; 16-bit in float32
        DType dtype = OpMath.of(x.dtype());
        int[] last = {2};
        Tensor xg = x.to(dtype).reshape(n, groups, -1), gy = g.to(dtype);
        Tensor centered = xg.sub(xg.mean(last, true));
        Tensor rs = centered.mul(centered).mean(last, true).add(eps).rsqrt();
        Tensor xhat = centered.mul(rs);
        Tensor gxhat = (w == null ? gy : gy.mul(w.reshape(channelShape(x)))).reshape(n, groups, -1);
        Tensor gx = gxhat.sub(gxhat.mean(last, true)).sub(xhat.mul(gxhat.mul(xhat).mean(last, true))).mul(rs).reshape(x.shape());
        int[] notChannel = new int[x.dim() - 1];
        for (int i = 0, k = 0; i < x.dim(); i++) if (i != 1) notChannel[k++] = i;
        return new Tensor[] {gx.to(x.dtype()), wantW ? gy.mul(xhat.reshape(x.shape())).sum(notChannel) : null,
            wantB ? gy.sum(notChannel) : null};
    }

    /** [1, C, 1, ...]: a per-channel vector broadcast over x. */
    private static long[] channelShape(Tensor x) {
        long[] shape = new long[x.dim()];
        java.util.Arrays.fill(shape, 1);
        shape[1] = x.size(1);
        return shape;
    }
}
