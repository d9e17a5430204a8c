package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The Poisson distribution with {@code rate} ({@code torch.distributions.Poisson}). Samples (in the
 * rate's dtype) use PyTorch's sampler in the same draw order (see {@link Samplers}).
 */
public final class Poisson extends Distribution implements ExponentialFamily {
    private final Tensor rate;

    /** A batch of Poisson distributions. */
    public Poisson(Tensor rate) {
        this(rate, null);
    }

    /** As {@link #Poisson(Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public Poisson(Tensor rate, Boolean validateArgs) {
        super(rate.shape(), new long[0], validateArgs);
        this.rate = rate;
        validateParams();
    }

    /** A single Poisson distribution with a default-dtype rate. */
    public Poisson(double rate) {
        this(Util.scalar(rate), null);
    }

    /** The rate (mean). */
    public Tensor rate() {
        return rate;
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("rate", rate, Constraint.NONNEGATIVE));
    }

    @Override
    public Constraint support() {
        return Constraint.NONNEGATIVE_INTEGER;
    }

    @Override
    public Tensor mean() {
        return rate;
    }

    @Override
    public Tensor mode() {
        return rate.floor();
    }

    @Override
    public Tensor variance() {
        return rate;
    }

    @Override
    public Tensor sample(long[] sampleShape, Generator generator) {
        try (Torch.Mode m = Torch.noGrad()) {
            return Samplers.poisson(rate.expand(extendedShape(sampleShape)), generator);
        }
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor[] rv = Util.broadcastAll(rate, value);
        return rv[1].xlogy(rv[0]).sub(rv[0]).sub(rv[1].add(1.0).lgamma());
    }

    @Override
    public Poisson expand(long... batchShape) {
        return new Poisson(rate.expand(batchShape), validateArgs());
    }
}
