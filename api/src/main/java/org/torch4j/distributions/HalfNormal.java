package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The half-normal distribution: {@code |X|} for {@code X ~ Normal(0, scale)}
 * ({@code torch.distributions.HalfNormal}), a {@link TransformedDistribution} by {@link AbsTransform}
 * whose samples are PyTorch's for the same seed.
 */
public final class HalfNormal extends TransformedDistribution {
    private static final double LOG2 = Math.log(2);

    /** |Normal(0, scale)|. */
    public HalfNormal(Tensor scale) {
        this(scale, null);
    }

    /** As {@link #HalfNormal(Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public HalfNormal(Tensor scale, Boolean validateArgs) {
        this(new Normal(Torch.zerosLike(scale), scale, false), validateArgs);
    }

    /** A single half-normal with a default-dtype scale. */
    public HalfNormal(double scale) {
        this(Util.scalar(scale), null);
    }

    private HalfNormal(Normal base, Boolean validateArgs) {
        super(base, List.of(new AbsTransform()), validateArgs);
        validateParams();
    }

    /** The scale of the underlying normal. */
    public Tensor scale() {
        return ((Normal) baseDist()).scale();
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("scale", scale(), Constraint.POSITIVE));
    }

    /** {@code HalfNormal()}: PyTorch's repr lists no parameters, scale being a property of the base. */
    @Override
    public String toString() {
        return "HalfNormal()";
    }

    @Override
    public Constraint support() {
        return Constraint.NONNEGATIVE;
    }

    @Override
    public Tensor mean() {
        return scale().mul(Math.sqrt(2 / Math.PI));
    }

    @Override
    public Tensor mode() {
        return Torch.zerosLike(scale());
    }

    @Override
    public Tensor variance() {
        return scale().pow(2.0).mul(1 - 2 / Math.PI);
    }

    /** Twice the normal's density on x >= 0, minus infinity below. */
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

    @Override
    public HalfNormal expand(long... batchShape) {
        return new HalfNormal((Normal) baseDist().expand(batchShape), validateArgs());
    }
}
