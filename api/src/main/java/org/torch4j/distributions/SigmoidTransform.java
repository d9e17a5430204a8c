package org.torch4j.distributions;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code y = 1 / (1 + exp(-x))} ({@code torch.distributions.transforms.SigmoidTransform}), clipped
 * into {@code [tiny, 1 - eps]} both ways as PyTorch's, so that the logit of the result is finite;
 * {@link RelaxedBernoulli} is built from it. All instances are equal.
 */
public final class SigmoidTransform implements Transform {

    /** The logistic map. */
    public SigmoidTransform() {}

    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid().clamp(Util.tiny(x.dtype()), 1 - Util.eps(x.dtype()));
    }

    @Override
    public Tensor inverse(Tensor y) {
        Tensor c = y.clamp(Util.tiny(y.dtype()), 1 - Util.eps(y.dtype()));
        return c.log().sub(c.neg().log1p());
    }

    /** {@code -softplus(-x) - softplus(x)}, the log of sigmoid'(x) without cancellation. */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.neg().softplus().neg().sub(x.softplus());
    }

    @Override
    public Tensor sign() {
        return Torch.scalarTensor(1.0);
    }

    @Override
    public Constraint codomain() {
        return Constraint.UNIT_INTERVAL;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigmoidTransform;
    }

    @Override
    public int hashCode() {
        return SigmoidTransform.class.hashCode();
    }

    /** {@code SigmoidTransform()}. */
    @Override
    public String toString() {
        return "SigmoidTransform()";
    }
}
