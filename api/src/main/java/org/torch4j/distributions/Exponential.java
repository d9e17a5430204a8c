package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The exponential distribution with {@code rate} (1 / scale) ({@code torch.distributions.Exponential}).
 * Samples are {@link Tensor#exponential_(double, Generator)} draws divided by the rate, as in PyTorch,
 * so a seeded generator gives PyTorch's numbers.
 */
public final class Exponential extends Distribution implements ExponentialFamily {
    private final Tensor rate;

    /** A batch of exponentials. */
    public Exponential(Tensor rate) {
        this(rate, null);
    }

    /** As {@link #Exponential(Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public Exponential(Tensor rate, Boolean validateArgs) {
        super(rate.shape(), new long[0], validateArgs);
        this.rate = rate;
        validateParams();
    }

    /** A single exponential with a default-dtype rate. */
    public Exponential(double rate) {
        this(Util.scalar(rate), null);
    }

    /** The rate. */
    public Tensor rate() {
        return rate;
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("rate", rate, Constraint.POSITIVE));
    }

    @Override
    public Constraint support() {
        return Constraint.NONNEGATIVE;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor mean() {
        return rate.reciprocal();
    }

    @Override
    public Tensor mode() {
        return Torch.zerosLike(rate);
    }

    @Override
    public Tensor stddev() {
        return rate.reciprocal();
    }

    @Override
    public Tensor variance() {
        return rate.pow(-2.0);
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        // rate.new(shape).exponential_() / rate, as PyTorch
        return rate.newZeros(extendedShape(sampleShape)).exponential_(1, generator).div(rate);
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        return rate.log().sub(rate.mul(value));
    }

    @Override
    public Tensor cdf(Tensor value) {
        validateSample(value);
        return rate.neg().mul(value).exp().rsub(1.0);
    }

    @Override
    public Tensor icdf(Tensor value) {
        return value.rsub(1.0).log().neg().div(rate);
    }

    @Override
    public Tensor entropy() {
        return rate.log().rsub(1.0);
    }

    @Override
    public Exponential expand(long... batchShape) {
        return new Exponential(rate.expand(batchShape), validateArgs());
    }
}
