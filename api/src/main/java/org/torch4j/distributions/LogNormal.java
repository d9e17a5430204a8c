package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Tensor;

/**
 * The log-normal distribution: {@code exp(X)} for {@code X ~ Normal(loc, scale)}
 * ({@code torch.distributions.LogNormal}), a {@link TransformedDistribution} of a {@link Normal}
 * by {@link ExpTransform} as in PyTorch; its samples are PyTorch's for the same seed.
 */
public final class LogNormal extends TransformedDistribution {

    /** exp of Normal(loc, scale). */
    public LogNormal(Tensor loc, Tensor scale) {
        this(loc, scale, null);
    }

    /** As {@link #LogNormal(Tensor, Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public LogNormal(Tensor loc, Tensor scale, Boolean validateArgs) {
        this(new Normal(loc, scale, validateArgs), validateArgs);
    }

    private LogNormal(Normal base, Boolean validateArgs) {
        super(base, List.of(new ExpTransform()), validateArgs);
    }

    /** The mean of the underlying normal. */
    public Tensor loc() {
        return ((Normal) baseDist()).loc();
    }

    /** The standard deviation of the underlying normal. */
    public Tensor scale() {
        return ((Normal) baseDist()).scale();
    }

    @Override
    public Tensor mean() {
        return loc().add(scale().pow(2.0).div(2.0)).exp();
    }

    @Override
    public Tensor mode() {
        return loc().sub(scale().pow(2.0)).exp();
    }

    @Override
    public Tensor variance() {
        return scale().pow(2.0).exp().sub(1.0).mul(loc().mul(2.0).add(scale().pow(2.0)).exp());
    }

    @Override
    public Tensor entropy() {
        return baseDist().entropy().add(loc());
    }

    @Override
    public LogNormal expand(long... batchShape) {
        return new LogNormal((Normal) baseDist().expand(batchShape), validateArgs());
    }
}
