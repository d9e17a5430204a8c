package org.torch4j.distributions;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The half-Cauchy distribution: {@code |X|} for {@code X ~ Cauchy(0, scale)}
 * ({@code torch.distributions.HalfCauchy}), a {@link TransformedDistribution} by {@link AbsTransform}
 * whose samples are PyTorch's for the same seed (up to the last bit of {@code tan}).
 */
public final class HalfCauchy extends FoldedDistribution {
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
        super(base, validateArgs);
    }

    /** Infinity. */
    @Override
    public Tensor mean() {
        return scale().newFull(batchShape(), Double.POSITIVE_INFINITY);
    }

    /** Infinity. */
    @Override
    public Tensor variance() {
        return scale().newFull(batchShape(), Double.POSITIVE_INFINITY);
    }

    @Override
    public HalfCauchy expand(long... batchShape) {
        return new HalfCauchy((Cauchy) baseDist().expand(batchShape), validateArgs());
    }
}
