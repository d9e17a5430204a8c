package org.torch4j.nn;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;

/**
 * The identity whose gradient is multiplied by a fixed factor (broadcast to the input): how
 * {@code scale_grad_by_freq} divides each embedding row's gradient by the number of times the row was
 * looked up, without changing a value of the forward. The factor is a constant, so the backward is
 * linear in the incoming gradient and can be differentiated again.
 */
final class ScaleGrad extends Function {
    private final Tensor factor;

    private ScaleGrad(Tensor factor) {
        this.factor = factor;
    }

    /** {@code x} as it is, whose gradient arrives multiplied by {@code factor}. */
    static Tensor apply(Tensor x, Tensor factor) {
        return new ScaleGrad(factor).apply1(x);
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        return new Tensor[] {in[0]};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
        return new Tensor[] {g[0].mul(factor.to(g[0].dtype()).to(g[0].device()))};
    }
}
