package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code |X|} for a location-scale {@code X} centred at 0 ({@link HalfNormal}, {@link HalfCauchy}): a
 * {@link TransformedDistribution} by {@link AbsTransform}. The base is symmetric about 0, so density,
 * cdf and entropy follow from the base's by folding its negative half onto the positive one.
 */
abstract class FoldedDistribution extends TransformedDistribution {
    private static final double LOG2 = Math.log(2);

    FoldedDistribution(LocScaleDistribution base, Boolean validateArgs) {
        super(base, List.of(new AbsTransform()), validateArgs);
        validateParams();
    }

    /** The scale of the underlying distribution. */
    public Tensor scale() {
        return ((LocScaleDistribution) baseDist()).scale();
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("scale", scale(), Constraint.POSITIVE));
    }

    /** {@code HalfNormal()}, {@code HalfCauchy()}: PyTorch's repr lists no parameters, scale being a property of the base. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "()";
    }

    @Override
    public Constraint support() {
        return Constraint.NONNEGATIVE;
    }

    @Override
    public Tensor mode() {
        return Torch.zerosLike(scale());
    }

    /** Twice the base's density on x >= 0, minus infinity below. */
    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor lp = baseDist().logProb(value).add(LOG2);
        return lp.where(value.ge(0.0), Double.NEGATIVE_INFINITY);
    }

    @Override
    public Tensor cdf(Tensor value) {
        validateSample(value);
        return baseDist().cdf(value).mul(2.0).sub(1.0);
    }

    @Override
    public Tensor icdf(Tensor value) {
        return baseDist().icdf(value.add(1.0).div(2.0));
    }

    @Override
    public Tensor entropy() {
        return baseDist().entropy().sub(LOG2);
    }
}
