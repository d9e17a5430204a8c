package org.torch4j.distributions;

import org.torch4j.Tensor;

/**
 * {@code y = x^exponent} on positive numbers ({@code torch.distributions.transforms.PowerTransform}),
 * the exponent broadcasting with x; {@link Weibull} is built from it.
 */
public final class PowerTransform implements Transform {
    private final Tensor exponent;

    /** The map {@code x -> x^exponent}. */
    public PowerTransform(Tensor exponent) {
        this.exponent = exponent;
    }

    /** The exponent. */
    public Tensor exponent() {
        return exponent;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.pow(exponent);
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.pow(exponent.reciprocal());
    }

    /** {@code log |exponent * y / x|}, PyTorch's form (it needs no second pow). */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return exponent.mul(y).div(x).abs().log();
    }

    @Override
    public Tensor sign() {
        return exponent.sign();
    }

    @Override
    public Constraint domain() {
        return Constraint.POSITIVE;
    }

    @Override
    public Constraint codomain() {
        return Constraint.POSITIVE;
    }

    /** The shape broadcast with the exponent's. */
    @Override
    public long[] forwardShape(long[] shape) {
        return Util.broadcastShape(shape, exponent.shape());
    }

    @Override
    public long[] inverseShape(long[] shape) {
        return Util.broadcastShape(shape, exponent.shape());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PowerTransform p && exponent.equal(p.exponent);
    }

    @Override
    public int hashCode() {
        return PowerTransform.class.hashCode();
    }

    /** {@code PowerTransform()}. */
    @Override
    public String toString() {
        return "PowerTransform()";
    }
}
