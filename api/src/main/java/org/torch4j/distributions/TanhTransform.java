package org.torch4j.distributions;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code y = tanh(x)} ({@code torch.distributions.transforms.TanhTransform}), onto {@code [-1, 1]}; the inverse
 * is {@code atanh}, not clamped (as PyTorch's). All instances are equal.
 */
public final class TanhTransform implements Transform {

    /** The hyperbolic tangent map. */
    public TanhTransform() {}

    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.atanh();
    }

    /** {@code 2 (log 2 - x - softplus(-2x))}: {@code log(1 - tanh²x)} without cancellation for large |x|. */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.mul(-2.0).softplus().add(x).neg().add(Math.log(2.0)).mul(2.0);
    }

    @Override
    public Tensor sign() {
        return Torch.scalarTensor(1.0);
    }

    @Override
    public Constraint codomain() {
        return Constraint.interval(-1.0, 1.0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TanhTransform;
    }

    @Override
    public int hashCode() {
        return TanhTransform.class.hashCode();
    }

    /** {@code TanhTransform()}. */
    @Override
    public String toString() {
        return "TanhTransform()";
    }
}
