package org.torch4j.distributions;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Real vectors of length {@code k} onto the simplex of {@code k + 1} entries by stick breaking
 * ({@code torch.distributions.transforms.StickBreakingTransform}): the i-th logit, shifted by
 * {@code log(k - i)} so that zeros map to the uniform vector, takes a sigmoid share of what the earlier
 * entries left. Bijective, so {@link Transforms#bijectTo} gives it for {@link Constraint#SIMPLEX}. All
 * instances are equal.
 */
public final class StickBreakingTransform implements Transform {

    /** The stick-breaking map over the last dim. */
    public StickBreakingTransform() {}

    /** {@code log(k), log(k - 1), ..., log(1)}: the shifts that centre the logits. */
    private static Tensor logOffset(Tensor like, long k) {
        return Torch.arange((double) k, 0.0, -1.0).to(like).log();
    }

    @Override
    public Tensor forward(Tensor x) {
        long k = x.size(-1);
        Tensor z = x.sub(logOffset(x, k)).sigmoid().clamp(Util.tiny(x.dtype()), 1 - Util.eps(x.dtype()));
        Tensor rest = z.neg().add(1.0).cumprod(-1);
        return Torch.pad(z, new long[] {0, 1}, "constant", 1.0).mul(Torch.pad(rest, new long[] {1, 0}, "constant", 1.0));
    }

    @Override
    public Tensor inverse(Tensor y) {
        long k = y.size(-1) - 1;
        Tensor crop = y.narrow(-1, 0, k);
        Tensor left = crop.cumsum(-1).neg().add(1.0).clamp(Util.tiny(y.dtype()), Double.POSITIVE_INFINITY);
        return crop.log().sub(left.log()).add(logOffset(y, k));
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        Tensor shifted = x.sub(logOffset(x, x.size(-1)));
        return shifted.neg().add(shifted.logSigmoid()).add(y.narrow(-1, 0, x.size(-1)).log()).sum(-1);
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
        return atLeastOneDim(shape, 1);
    }

    @Override
    public long[] inverseShape(long[] shape) {
        return atLeastOneDim(shape, -1);
    }

    /** The shape with {@code delta} added to its last size; PyTorch's message for a shape without dims. */
    static long[] atLeastOneDim(long[] shape, long delta) {
        if (shape.length < 1) throw new IllegalArgumentException("Too few dimensions on input");
        long[] r = shape.clone();
        r[r.length - 1] += delta;
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StickBreakingTransform;
    }

    @Override
    public int hashCode() {
        return StickBreakingTransform.class.hashCode();
    }

    /** {@code StickBreakingTransform()}. */
    @Override
    public String toString() {
        return "StickBreakingTransform()";
    }
}
