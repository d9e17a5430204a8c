package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The gamma distribution with shape {@code concentration} and {@code rate} (1 / scale)
 * ({@code torch.distributions.Gamma}). Samples use PyTorch's Marsaglia-Tsang sampler in the same
 * draw order (see {@link Samplers}); {@link #rsample} differentiates them implicitly with PyTorch's
 * approximation of {@code dx/dconcentration} (see {@link StandardGamma}), which has no second derivative.
 */
public class Gamma extends Distribution implements ExponentialFamily {
    private final Tensor concentration;
    private final Tensor rate;

    /** A batch of gammas; {@code concentration} and {@code rate} broadcast. */
    public Gamma(Tensor concentration, Tensor rate) {
        this(concentration, rate, null);
    }

    /** As {@link #Gamma(Tensor, Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public Gamma(Tensor concentration, Tensor rate, Boolean validateArgs) {
        this(Util.broadcastAll(concentration, rate), validateArgs);
    }

    /** A single gamma with default-dtype parameters. */
    public Gamma(double concentration, double rate) {
        this(Util.scalar(concentration), Util.scalar(rate), null);
    }

    private Gamma(Tensor[] p, Boolean validateArgs) {
        super(p[0].shape(), new long[0], validateArgs);
        this.concentration = p[0];
        this.rate = p[1];
        validateParams();
    }

    /** The shape parameter (alpha). */
    public Tensor concentration() {
        return concentration;
    }

    /** The rate (beta). */
    public Tensor rate() {
        return rate;
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("concentration", concentration, Constraint.POSITIVE), new Param("rate", rate, Constraint.POSITIVE));
    }

    @Override
    public Constraint support() {
        return Constraint.NONNEGATIVE;
    }

    @Override
    public Tensor mean() {
        return concentration.div(rate);
    }

    @Override
    public Tensor mode() {
        return concentration.sub(1.0).div(rate).clampMin(0);
    }

    @Override
    public Tensor variance() {
        return concentration.div(rate.pow(2.0));
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        long[] shape = extendedShape(sampleShape);
        Tensor value = new StandardGamma(generator).apply1(concentration.expand(shape)).div(rate.expand(shape));
        // draws that underflowed become the smallest normal, without touching the gradient (PyTorch clamps a detached alias)
        Tensor v = value.detach();
        return value.add(v.clampMin(Util.tiny(v.dtype())).sub(v));
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        return concentration.xlogy(rate).add(concentration.sub(1.0).xlogy(value)).sub(rate.mul(value)).sub(concentration.lgamma());
    }

    @Override
    public Tensor entropy() {
        return concentration.sub(rate.log()).add(concentration.lgamma()).add(concentration.rsub(1.0).mul(concentration.digamma()));
    }

    @Override
    public Gamma expand(long... batchShape) {
        return new Gamma(new Tensor[] {concentration.expand(batchShape), rate.expand(batchShape)}, validateArgs());
    }
}
