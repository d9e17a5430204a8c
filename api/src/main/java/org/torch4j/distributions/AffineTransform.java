package org.torch4j.distributions;

import org.torch4j.Tensor;

/**
 * {@code y = loc + scale * x}, elementwise ({@code torch.distributions.transforms.AffineTransform}
 * with {@code event_dim=0}). Two transforms are equal when their parameters are equal tensors.
 */
public final class AffineTransform implements Transform {
    private final Tensor loc;
    private final Tensor scale;

    /** The map {@code x -> loc + scale * x}; loc and scale broadcast with x. */
    public AffineTransform(Tensor loc, Tensor scale) {
        this.loc = loc;
        this.scale = scale;
    }

    @Override
    public Tensor forward(Tensor x) {
        return loc.add(scale.mul(x));
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.sub(loc).div(scale);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        // on x's device: a number's scale is a CPU 0-dim tensor, and expanding keeps its device
        return scale.to(x.device()).abs().log().expand(Util.broadcastShape(x.shape(), scale.shape()));
    }

    @Override
    public Tensor sign() {
        return scale.sign();
    }

    @Override
    public Constraint codomain() {
        return Constraint.REAL;
    }

    /** The shape broadcast with loc's and scale's: parameters with more dims widen the batch. */
    @Override
    public long[] forwardShape(long[] shape) {
        return Util.broadcastShape(shape, loc.shape(), scale.shape());
    }

    @Override
    public long[] inverseShape(long[] shape) {
        return Util.broadcastShape(shape, loc.shape(), scale.shape());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AffineTransform a && loc.equal(a.loc) && scale.equal(a.scale);
    }

    @Override
    public int hashCode() {
        return AffineTransform.class.hashCode();
    }

    /** {@code AffineTransform()}, PyTorch's repr. */
    @Override
    public String toString() {
        return "AffineTransform()";
    }
}
