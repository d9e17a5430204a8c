package org.torch4j.distributions;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code y = log(1 + exp(x))} ({@code torch.distributions.transforms.SoftplusTransform}), linear above 20 as
 * {@code softplus}; onto the positive numbers. All instances are equal.
 */
public final class SoftplusTransform implements Transform {

    /** The softplus map. */
    public SoftplusTransform() {}

    @Override
    public Tensor forward(Tensor x) {
        return x.softplus();
    }

    /** {@code log(1 - exp(-y)) + y}: {@code log(exp(y) - 1)} without overflow. */
    @Override
    public Tensor inverse(Tensor y) {
        return y.neg().expm1().neg().log().add(y);
    }

    /** {@code -softplus(-x)}, the log of the sigmoid that is softplus' derivative. */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.neg().softplus().neg();
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
        return o instanceof SoftplusTransform;
    }

    @Override
    public int hashCode() {
        return SoftplusTransform.class.hashCode();
    }

    /** {@code SoftplusTransform()}. */
    @Override
    public String toString() {
        return "SoftplusTransform()";
    }
}
