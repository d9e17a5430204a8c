package org.torch4j.distributions;

import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The Cauchy (Lorentz) distribution with {@code loc} (median) and {@code scale} (half width at half
 * maximum) ({@code torch.distributions.Cauchy}). Its mean is undefined (NaN) and its variance
 * infinite, as in PyTorch. Samples are {@link Tensor#cauchy_(double, double, Generator)} draws
 * scaled and shifted, so a seeded generator gives PyTorch's numbers up to the last bit of {@code tan}.
 */
public final class Cauchy extends LocScaleDistribution {
    /** A batch of Cauchy distributions; {@code loc} and {@code scale} broadcast. */
    public Cauchy(Tensor loc, Tensor scale) {
        this(loc, scale, null);
    }

    /** As {@link #Cauchy(Tensor, Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public Cauchy(Tensor loc, Tensor scale, Boolean validateArgs) {
        this(Util.broadcastAll(loc, scale), validateArgs);
    }

    /** A single Cauchy distribution with default-dtype parameters. */
    public Cauchy(double loc, double scale) {
        this(Util.scalar(loc), Util.scalar(scale), null);
    }

    private Cauchy(Tensor[] p, Boolean validateArgs) {
        super(p, validateArgs);
    }

    /** NaN: the Cauchy distribution has no mean. */
    @Override
    public Tensor mean() {
        return loc.newFull(batchShape(), Double.NaN);
    }

    /** Infinity. */
    @Override
    public Tensor variance() {
        return loc.newFull(batchShape(), Double.POSITIVE_INFINITY);
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        Tensor eps = loc.newZeros(extendedShape(sampleShape)).cauchy_(0, 1, generator);
        return loc.add(eps.mul(scale));
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        return value.sub(loc).div(scale).pow(2.0).log1p().neg().sub(Math.log(Math.PI)).sub(scale.log());
    }

    @Override
    public Tensor cdf(Tensor value) {
        validateSample(value);
        return value.sub(loc).div(scale).atan().div(Math.PI).add(0.5);
    }

    @Override
    public Tensor icdf(Tensor value) {
        return value.sub(0.5).mul(Math.PI).tan().mul(scale).add(loc);
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(Math.log(4 * Math.PI));
    }

    @Override
    public Cauchy expand(long... batchShape) {
        return new Cauchy(expandedParams(batchShape), validateArgs());
    }
}
