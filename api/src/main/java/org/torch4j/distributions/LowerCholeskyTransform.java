package org.torch4j.distributions;

import org.torch4j.Tensor;

/**
 * Square matrices onto lower-triangular ones with a positive diagonal ({@code torch.distributions.transforms.LowerCholeskyTransform}):
 * the strict lower triangle is kept and the diagonal exponentiated, which parameterises covariance matrices by
 * their Cholesky factors. The upper triangle is dropped, so the map is not bijective and, as in PyTorch, has no
 * log-Jacobian. {@link Transforms#transformTo} gives it for {@link Constraint#LOWER_CHOLESKY}. All instances are equal.
 */
public final class LowerCholeskyTransform implements Transform {

    /** The map over the last two dims. */
    public LowerCholeskyTransform() {}

    @Override
    public Tensor forward(Tensor x) {
        return x.tril(-1).add(Util.diagEmbed(x.diagonal(0, -2, -1).exp()));
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.tril(-1).add(Util.diagEmbed(y.diagonal(0, -2, -1).log()));
    }

    /** @throws UnsupportedOperationException always, as PyTorch's */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("LowerCholeskyTransform has no log_abs_det_jacobian");
    }

    @Override
    public Constraint domain() {
        return Constraint.independent(Constraint.REAL, 2);
    }

    @Override
    public Constraint codomain() {
        return Constraint.LOWER_CHOLESKY;
    }

    /** False: {@code inverse} gives one preimage of many. */
    @Override
    public boolean bijective() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LowerCholeskyTransform;
    }

    @Override
    public int hashCode() {
        return LowerCholeskyTransform.class.hashCode();
    }

    /** {@code LowerCholeskyTransform()}. */
    @Override
    public String toString() {
        return "LowerCholeskyTransform()";
    }
}
