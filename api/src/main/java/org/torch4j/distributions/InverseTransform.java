package org.torch4j.distributions;

import org.torch4j.Tensor;

/**
 * The inverse of a {@link Transform} ({@code transform.inv}, PyTorch's {@code _InverseTransform}):
 * forward and inverse exchanged, the log-Jacobian negated. {@code new ExpTransform().inv()} is the log map
 * that {@link Gumbel} is built from. Two inverses are equal when the transforms they invert are.
 */
public final class InverseTransform implements Transform {
    private final Transform inverted;

    /** The inverse of {@code inverted}. */
    public InverseTransform(Transform inverted) {
        this.inverted = inverted;
    }

    @Override
    public Tensor forward(Tensor x) {
        return inverted.inverse(x);
    }

    @Override
    public Tensor inverse(Tensor y) {
        return inverted.forward(y);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return inverted.logAbsDetJacobian(y, x).neg();
    }

    @Override
    public Tensor sign() {
        return inverted.sign();
    }

    @Override
    public Constraint codomain() {
        return inverted.domain();
    }

    @Override
    public Constraint domain() {
        return inverted.codomain();
    }

    @Override
    public boolean bijective() {
        return inverted.bijective();
    }

    @Override
    public long[] forwardShape(long[] shape) {
        return inverted.inverseShape(shape);
    }

    @Override
    public long[] inverseShape(long[] shape) {
        return inverted.forwardShape(shape);
    }

    /** The transform inverted back: the original. */
    @Override
    public Transform inv() {
        return inverted;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InverseTransform i && inverted.equals(i.inverted);
    }

    @Override
    public int hashCode() {
        return 31 * inverted.hashCode() + 1;
    }

    /** {@code _InverseTransform(ExpTransform())}, PyTorch's repr. */
    @Override
    public String toString() {
        return "_InverseTransform(" + inverted + ")";
    }
}
