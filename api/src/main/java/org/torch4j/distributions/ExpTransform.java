package org.torch4j.distributions;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/** {@code y = exp(x)} ({@code torch.distributions.transforms.ExpTransform}); all instances are equal. */
public final class ExpTransform implements Transform {

    /** The exponential map. */
    public ExpTransform() {}

    @Override
    public Tensor forward(Tensor x) {
        return x.exp();
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.log();
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x;
    }

    @Override
    public Tensor sign() {
        return Torch.scalarTensor(1.0);
    }

    @Override
    public Constraint codomain() {
        return Constraint.POSITIVE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpTransform;
    }

    @Override
    public int hashCode() {
        return ExpTransform.class.hashCode();
    }

    /** {@code ExpTransform()}. */
    @Override
    public String toString() {
        return "ExpTransform()";
    }
}
