package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The uniform distribution on the half-open interval {@code [low, high)}
 * ({@code torch.distributions.Uniform}). Samples are {@code low + rand * (high - low)}, PyTorch's
 * numbers for the same seed.
 */
public final class Uniform extends Distribution {
    private final Tensor low;
    private final Tensor high;

    /** A batch of uniforms; {@code low} and {@code high} broadcast. */
    public Uniform(Tensor low, Tensor high) {
        this(low, high, null);
    }

    /** As {@link #Uniform(Tensor, Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public Uniform(Tensor low, Tensor high, Boolean validateArgs) {
        this(Util.broadcastAll(low, high), validateArgs);
    }

    /** A single uniform with default-dtype bounds. */
    public Uniform(double low, double high) {
        this(Util.scalar(low), Util.scalar(high), null);
    }

    private Uniform(Tensor[] p, Boolean validateArgs) {
        super(p[0].shape(), new long[0], validateArgs);
        this.low = p[0];
        this.high = p[1];
        // PyTorch's low and high constraints are "dependent": this is its only check
        if (validateArgs() && !low.lt(high).all().itemBool()) {
            throw new IllegalArgumentException("Uniform is not defined when low>= high");
        }
    }

    /** The lower bound (inclusive). */
    public Tensor low() {
        return low;
    }

    /** The upper bound (exclusive). */
    public Tensor high() {
        return high;
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("low", low, null), new Param("high", high, null));
    }

    @Override
    public Constraint support() {
        return Constraint.interval(low, high);
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor mean() {
        return high.add(low).div(2.0);
    }

    /** NaN: every value of the interval is as likely. */
    @Override
    public Tensor mode() {
        return high.mul(Double.NaN);
    }

    @Override
    public Tensor stddev() {
        return high.sub(low).div(Math.pow(12, 0.5));
    }

    @Override
    public Tensor variance() {
        return high.sub(low).pow(2.0).div(12.0);
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        Tensor rand = low.newZeros(extendedShape(sampleShape)).uniform_(0, 1, generator);
        return low.add(rand.mul(high.sub(low)));
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor lb = low.le(value).to(low.dtype());
        Tensor ub = high.gt(value).to(low.dtype());
        return lb.mul(ub).log().sub(high.sub(low).log());
    }

    @Override
    public Tensor cdf(Tensor value) {
        validateSample(value);
        return value.sub(low).div(high.sub(low)).clamp(0.0, 1.0);
    }

    @Override
    public Tensor icdf(Tensor value) {
        return value.mul(high.sub(low)).add(low);
    }

    @Override
    public Tensor entropy() {
        return high.sub(low).log();
    }

    @Override
    public Uniform expand(long... batchShape) {
        return new Uniform(new Tensor[] {low.expand(batchShape), high.expand(batchShape)}, validateArgs());
    }
}
