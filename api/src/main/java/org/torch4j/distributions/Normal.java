package org.torch4j.distributions;

import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The normal (Gaussian) distribution with mean {@code loc} and standard deviation {@code scale}
 * ({@code torch.distributions.Normal}). Samples come from {@code normal_}, so a seeded generator
 * gives PyTorch's numbers.
 */
public final class Normal extends LocScaleDistribution implements ExponentialFamily {
    /** A batch of normals; {@code loc} and {@code scale} broadcast. */
    public Normal(Tensor loc, Tensor scale) {
        this(loc, scale, null);
    }

    /** As {@link #Normal(Tensor, Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public Normal(Tensor loc, Tensor scale, Boolean validateArgs) {
        this(Util.broadcastAll(loc, scale), validateArgs);
    }

    /** A single normal with default-dtype parameters. */
    public Normal(double loc, double scale) {
        this(Util.scalar(loc), Util.scalar(scale), null);
    }

    private Normal(Tensor[] p, Boolean validateArgs) {
        super(p, validateArgs);
    }

    @Override
    public Tensor mean() {
        return loc;
    }

    @Override
    public Tensor stddev() {
        return scale;
    }

    @Override
    public Tensor variance() {
        return scale.pow(2.0);
    }

    @Override
    public Tensor sample(long[] sampleShape, Generator generator) {
        // torch.normal(loc, scale): standard normals, times scale, plus loc
        try (Torch.Mode m = Torch.noGrad()) {
            long[] shape = extendedShape(sampleShape);
            return loc.newZeros(shape).normal_(0, 1, generator).mul(scale.expand(shape)).add(loc.expand(shape));
        }
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        Tensor eps = loc.newZeros(extendedShape(sampleShape)).normal_(0, 1, generator);
        return loc.add(eps.mul(scale));
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor var = scale.pow(2.0);
        return value.sub(loc).pow(2.0).neg().div(var.mul(2.0)).sub(scale.log()).sub(Math.log(Math.sqrt(2 * Math.PI)));
    }

    @Override
    public Tensor cdf(Tensor value) {
        validateSample(value);
        return value.sub(loc).mul(scale.reciprocal()).div(Math.sqrt(2)).erf().add(1.0).mul(0.5);
    }

    @Override
    public Tensor icdf(Tensor value) {
        return loc.add(scale.mul(value.mul(2.0).sub(1.0).erfinv()).mul(Math.sqrt(2)));
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(0.5 + 0.5 * Math.log(2 * Math.PI));
    }

    @Override
    public Normal expand(long... batchShape) {
        return new Normal(expandedParams(batchShape), validateArgs());
    }
}
