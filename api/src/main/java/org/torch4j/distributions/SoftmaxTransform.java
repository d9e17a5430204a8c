package org.torch4j.distributions;

import org.torch4j.Tensor;

/**
 * Real vectors onto the simplex by {@code exp} and normalising ({@code torch.distributions.transforms.SoftmaxTransform}).
 * Not bijective (adding a constant to x changes nothing), so as in PyTorch it has no log-Jacobian; its inverse
 * is the log, one of the preimages. {@link Transforms#transformTo} gives it for {@link Constraint#SIMPLEX}.
 * All instances are equal.
 */
public final class SoftmaxTransform implements Transform {

    /** The softmax map over the last dim. */
    public SoftmaxTransform() {}

    @Override
    public Tensor forward(Tensor x) {
        Tensor e = x.sub(x.amax(new int[] {-1}, true)).exp();
        return e.div(e.sum(new int[] {-1}, true));
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.log();
    }

    /** @throws UnsupportedOperationException always: the map is not bijective */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("SoftmaxTransform has no log_abs_det_jacobian");
    }

    @Override
    public Constraint domain() {
        return Constraint.REAL_VECTOR;
    }

    @Override
    public Constraint codomain() {
        return Constraint.SIMPLEX;
    }

    @Override
    public long[] forwardShape(long[] shape) {
        return StickBreakingTransform.atLeastOneDim(shape, 0);
    }

    @Override
    public long[] inverseShape(long[] shape) {
        return StickBreakingTransform.atLeastOneDim(shape, 0);
    }

    /** False: {@code inverse} gives one preimage of many. */
    @Override
    public boolean bijective() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftmaxTransform;
    }

    @Override
    public int hashCode() {
        return SoftmaxTransform.class.hashCode();
    }

    /** {@code SoftmaxTransform()}. */
    @Override
    public String toString() {
        return "SoftmaxTransform()";
    }
}
