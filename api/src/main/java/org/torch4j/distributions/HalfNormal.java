package org.torch4j.distributions;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The half-normal distribution: {@code |X|} for {@code X ~ Normal(0, scale)}
 * ({@code torch.distributions.HalfNormal}), a {@link TransformedDistribution} by {@link AbsTransform}
 * whose samples are PyTorch's for the same seed.
 */
public final class HalfNormal extends FoldedDistribution {
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
        super(base, validateArgs);
    }

    @Override
    public Tensor mean() {
        return scale().mul(Math.sqrt(2 / Math.PI));
    }

    @Override
    public Tensor variance() {
        return scale().pow(2.0).mul(1 - 2 / Math.PI);
    }

    @Override
    public HalfNormal expand(long... batchShape) {
        return new HalfNormal((Normal) baseDist().expand(batchShape), validateArgs());
    }
}
