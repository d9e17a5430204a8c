package org.torch4j;

import org.torch4j.trace.Trace;

/** softmax and log-softmax along a dim: stable forward (max subtracted) and closed-form backward. */
final class Softmax {
    private Softmax() {}

    static Tensor softmax(Tensor input, int dim, boolean log) {
        if (Trace.recording()) return Trace.op(log ? "aten::log_softmax" : "aten::softmax", () -> softmax(input, dim, log), input, dim);
        Tensor x = input.isFloatingPoint() ? input : input.to(Torch.getDefaultDtype());
        int d = x.dim() == 0 ? 0 : Shapes.wrapDim(dim, x.dim());
        int[] dims = x.dim() == 0 ? new int[0] : new int[] {d};
        Tensor y;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            if (x.numel() == 0) {
                y = x.clone();
            } else {
                Tensor max = x.amax(dims, true);
                Tensor shifted = x.sub(Torch.where(max.isinf(), Torch.zerosLike(max), max));
                Tensor e = shifted.exp();
                Tensor sum = e.sum(dims, true);
                y = log ? shifted.sub(sum.log()) : e.div_(sum);
            }
        }
        if (Autograd.needed(x)) {
            Tensor out = y;
            if (log) {
                Autograd.unary("LogSoftmaxBackward0", x, y, g -> g.sub(out.exp().mul(g.sum(dims, true))), out);
            } else {
                Autograd.unary("SoftmaxBackward0", x, y, g -> out.mul(g.sub(g.mul(out).sum(dims, true))), out);
            }
        }
        return y;
    }
}
