package org.torch4j.distributions;

import org.torch4j.Tensor;

/**
 * A transform that treats {@code reinterpretedBatchNdims} more of the rightmost dims as one event
 * ({@code torch.distributions.transforms.IndependentTransform}): forward and inverse are the base's, and the
 * log-Jacobian is summed over those dims.
 */
public final class IndependentTransform implements Transform {
    private final Transform base;
    private final int reinterpretedBatchNdims;

    /** {@code base} over events of {@code reinterpretedBatchNdims} more dims. */
    public IndependentTransform(Transform base, int reinterpretedBatchNdims) {
        this.base = base;
        this.reinterpretedBatchNdims = reinterpretedBatchNdims;
    }

    /** The wrapped transform. */
    public Transform baseTransform() {
        return base;
    }

    /** How many batch dims become event dims. */
    public int reinterpretedBatchNdims() {
        return reinterpretedBatchNdims;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() < domain().eventDim()) throw new IllegalArgumentException("Too few dimensions on input");
        return base.forward(x);
    }

    @Override
    public Tensor inverse(Tensor y) {
        if (y.dim() < codomain().eventDim()) throw new IllegalArgumentException("Too few dimensions on input");
        return base.inverse(y);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return Util.sumRightmost(base.logAbsDetJacobian(x, y), reinterpretedBatchNdims);
    }

    @Override
    public Tensor sign() {
        return base.sign();
    }

    @Override
    public Constraint domain() {
        return Constraint.independent(base.domain(), reinterpretedBatchNdims);
    }

    @Override
    public Constraint codomain() {
        return Constraint.independent(base.codomain(), reinterpretedBatchNdims);
    }

    @Override
    public boolean bijective() {
        return base.bijective();
    }

    @Override
    public long[] forwardShape(long[] shape) {
        return base.forwardShape(shape);
    }

    @Override
    public long[] inverseShape(long[] shape) {
        return base.inverseShape(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndependentTransform t && base.equals(t.base) && reinterpretedBatchNdims == t.reinterpretedBatchNdims;
    }

    @Override
    public int hashCode() {
        return 31 * base.hashCode() + reinterpretedBatchNdims;
    }

    /** {@code IndependentTransform(ExpTransform(), 1)}, PyTorch's repr. */
    @Override
    public String toString() {
        return "IndependentTransform(" + base + ", " + reinterpretedBatchNdims + ")";
    }
}
