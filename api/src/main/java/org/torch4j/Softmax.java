package org.torch4j;

import org.torch4j.trace.Trace;

/**
 * softmax and log-softmax along a dim: stable forward (max subtracted) and closed-form backward. Along the
 * last dimension the backend's one-pass kernels run where it has them (forward, and backward when no
 * graph of the backward is being built); otherwise, and to differentiate twice, compositions of ops.
 */
final class Softmax {
    private Softmax() {}

    static Tensor softmax(Tensor input, int dim, boolean log) {
        if (Trace.recording()) return Trace.op(log ? "aten::log_softmax" : "aten::softmax", () -> softmax(input, dim, log), input, dim);
        if (input.isComplex()) throw Complexes.notImplemented(input.dtype()); // not cast to real below
        Tensor x = input.isFloatingPoint() ? input : input.to(Torch.getDefaultDtype());
        int d = Shapes.wrapDim(dim, x.dim());
        int[] dims = x.dim() == 0 ? new int[0] : new int[] {d};
        Tensor y;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            if (x.numel() == 0) {
                y = x.clone();
            } else if ((y = fused(x, d, log)) != null) {
                // the backend's kernel
            } else {
                Tensor xc = x.contiguous();  // PyTorch's result is contiguous, whatever the input's layout
                Tensor max = xc.amax(dims, true);
                // a line of -inf is shifted by 0 (giving NaN, as PyTorch); one holding +inf by +inf (NaN too)
                Tensor shifted = xc.sub(Torch.where(max.isneginf(), Torch.zerosLike(max), max));
                Tensor e = shifted.exp();
                Tensor sum = e.sum(dims, true);
                y = log ? shifted.sub(sum.log()) : e.div_(sum);
            }
        }
        if (Autograd.needed(x)) {
            Tensor out = y;
            if (log) {
                Autograd.unary("LogSoftmaxBackward0", x, y, g -> {
                    Tensor fused = fusedBackward(g, out, d, true);
                    return fused != null ? fused : g.sub(out.exp().mul(g.sum(dims, true)));
                }, out);
            } else {
                Autograd.unary("SoftmaxBackward0", x, y, g -> {
                    Tensor fused = fusedBackward(g, out, d, false);
                    return fused != null ? fused : out.mul(g.sub(g.mul(out).sum(dims, true)));
                }, out);
            }
        }
        return y;
    }

    /** The backend's kernel along the last dimension, or null where it declines. */
    private static Tensor fused(Tensor x, int d, boolean log) {
        if (d != x.dim() - 1) return null;
        Tensor xc = x.contiguous(), out = Dispatch.empty(x.shape(), x.dtype(), x.device());
        return Dispatch.backend(xc).softmax(out.strided(), Dispatch.strided(xc), log) ? out : null;
    }

    /** The backend's backward kernel, where no graph of the backward is being built (it is not differentiable). */
    private static Tensor fusedBackward(Tensor g, Tensor out, int d, boolean log) {
        if (d != out.dim() - 1 || !Pointwise.fusedBackwardApplies(g, out)) return null;
        Tensor gc = g.contiguous(), oc = out.contiguous(), gradIn = Dispatch.empty(out.shape(), out.dtype(), out.device());
        return Dispatch.backend(oc).softmaxBackward(gradIn.strided(), Dispatch.strided(gc), Dispatch.strided(oc), log) ? gradIn : null;
    }
}
