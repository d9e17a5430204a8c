package org.torch4j.distributions;

import org.torch4j.Tensor;

/**
 * {@code y = |x|} ({@code torch.distributions.transforms.AbsTransform}). Not a bijection: its inverse
 * is the identity (the nonnegative preimage) and it has no log-Jacobian or sign, so the distributions
 * built from it ({@link HalfNormal}, {@link HalfCauchy}) compute their densities and cdfs themselves,
 * as in PyTorch. All instances are equal.
 */
public final class AbsTransform implements Transform {

    /** The absolute value map. */
    public AbsTransform() {}

    @Override
    public Tensor forward(Tensor x) {
        return x.abs();
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y;
    }

    /** Throws: |x| is not injective, so it has no log-Jacobian (PyTorch's NotImplementedError). */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("AbsTransform has no log_abs_det_jacobian");
    }

    /** Throws: |x| neither increases nor decreases everywhere. */
    @Override
    public Tensor sign() {
        throw new UnsupportedOperationException("AbsTransform has no sign");
    }

    @Override
    public Constraint codomain() {
        return Constraint.POSITIVE;
    }

    /** False: {@code inverse} gives one preimage of many. */
    @Override
    public boolean bijective() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AbsTransform;
    }

    @Override
    public int hashCode() {
        return AbsTransform.class.hashCode();
    }

    /** {@code AbsTransform()}. */
    @Override
    public String toString() {
        return "AbsTransform()";
    }
}
