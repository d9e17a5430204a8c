package org.torch4j.distributions;

import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The Laplace distribution with {@code loc} and {@code scale} ({@code torch.distributions.Laplace}).
 * Samples invert the CDF at {@code uniform_(eps - 1, 1)} draws, PyTorch's numbers for the same seed.
 */
public final class Laplace extends LocScaleDistribution {
    /** A batch of Laplace distributions; {@code loc} and {@code scale} broadcast. */
    public Laplace(Tensor loc, Tensor scale) {
        this(loc, scale, null);
    }

    /** As {@link #Laplace(Tensor, Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public Laplace(Tensor loc, Tensor scale, Boolean validateArgs) {
        this(Util.broadcastAll(loc, scale), validateArgs);
    }

    /** A single Laplace distribution with default-dtype parameters. */
    public Laplace(double loc, double scale) {
        this(Util.scalar(loc), Util.scalar(scale), null);
    }

    private Laplace(Tensor[] p, Boolean validateArgs) {
        super(p, validateArgs);
    }

    @Override
    public Tensor mean() {
        return loc;
    }

    @Override
    public Tensor variance() {
        return scale.pow(2.0).mul(2.0);
    }

    @Override
    public Tensor stddev() {
        return scale.mul(Math.pow(2, 0.5));
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        double eps = Util.eps(loc.dtype());
        Tensor u = loc.newZeros(extendedShape(sampleShape)).uniform_(eps - 1, 1, generator);
        return loc.sub(scale.mul(u.sign()).mul(u.abs().neg().log1p()));
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        return scale.mul(2.0).log().neg().sub(value.sub(loc).abs().div(scale));
    }

    @Override
    public Tensor cdf(Tensor value) {
        validateSample(value);
        Tensor d = value.sub(loc);
        return d.sign().mul(0.5).mul(d.abs().neg().div(scale).expm1()).rsub(0.5);
    }

    @Override
    public Tensor icdf(Tensor value) {
        Tensor term = value.sub(0.5);
        return loc.sub(scale.mul(term.sign()).mul(term.abs().mul(-2.0).log1p()));
    }

    @Override
    public Tensor entropy() {
        return scale.mul(2.0).log().add(1.0);
    }

    @Override
    public Laplace expand(long... batchShape) {
        return new Laplace(expandedParams(batchShape), validateArgs());
    }
}
