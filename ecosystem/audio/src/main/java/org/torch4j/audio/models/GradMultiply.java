package org.torch4j.audio.models;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;

/** torchaudio's {@code GradMultiply}: the identity whose gradient is multiplied by {@code scale}. */
final class GradMultiply extends Function {
    private final double scale;

    private GradMultiply(double scale) {
        this.scale = scale;
    }

    /** {@code x}'s values, with the gradient scaled by {@code scale} on the way back. */
    static Tensor apply(Tensor x, double scale) {
        return new GradMultiply(scale).apply1(x);
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        return new Tensor[] {in[0].clone()};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
        return new Tensor[] {g[0].mul(scale)};
    }
}
