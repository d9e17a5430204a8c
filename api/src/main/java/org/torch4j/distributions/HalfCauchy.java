package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The half-Cauchy distribution: {@code |X|} for {@code X ~ Cauchy(0, scale)}
 * ({@code torch.distributions.HalfCauchy}), a {@link TransformedDistribution} by {@link AbsTransform}
 * whose samples are PyTorch's for the same seed (up to the last bit of {@code tan}).
 */
public final class HalfCauchy extends TransformedDistribution {
    private static final double LOG2 = Math.log(2);

    /** |Cauchy(0, scale)|. */
    public HalfCauchy(Tensor scale) {
        this(scale, null);
    }

    /** As {@link #HalfCauchy(Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public HalfCauchy(Tensor scale, Boolean validateArgs) {
        this(new Cauchy(Torch.zerosLike(scale), scale, false), validateArgs);
    }

    /** A single half-Cauchy with a default-dtype scale. */
    public HalfCauchy(double scale) {
        this(Util.scalar(scale), null);
    }

    private HalfCauchy(Cauchy base, Boolean validateArgs) {
        super(base, List.of(new AbsTransform()), validateArgs);
        validateParams();
    }

    /** The scale of the underlying Cauchy distribution. */
    public Tensor scale() {
        return ((Cauchy) baseDist()).scale();
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("scale", scale(), Constraint.POSITIVE));
    }

    /** {@code HalfCauchy()}: PyTorch's repr lists no parameters, scale being a property of the base. */
    @Override
    public String toString() {
        return "HalfCauchy()";
    }

    @Override
    public Constraint support() {
        return Constraint.NONNEGATIVE;
    }

    /** Infinity. */
    @Override
    public Tensor mean() {
        return Torch.full(batchShape(), Double.POSITIVE_INFINITY, scale().dtype());
    }

    @Override
    public Tensor mode() {
        return Torch.zerosLike(scale());
    }

    /** Infinity. */
    @Override
    public Tensor variance() {
        return Torch.full(batchShape(), Double.POSITIVE_INFINITY, scale().dtype());
    }

    /** Twice the Cauchy density on x >= 0, minus infinity below. */
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
    public HalfCauchy expand(long... batchShape) {
        return new HalfCauchy((Cauchy) baseDist().expand(batchShape), validateArgs());
    }
}
