package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The Gumbel (type-I extreme value) distribution with {@code loc} and {@code scale}
 * ({@code torch.distributions.Gumbel}): as in PyTorch, a {@link TransformedDistribution} of a
 * {@link Uniform} on {@code [tiny, 1 - eps]} by {@code loc - scale * log(-log(u))}, written as
 * PyTorch's chain of inverse exponentials and affine maps, so that seeded samples are PyTorch's (up
 * to the last bit of {@code log}) and cdf and icdf come from the chain.
 */
public final class Gumbel extends TransformedDistribution {
    private static final double EULER_GAMMA = 0.57721566490153286060;

    private final Tensor loc;
    private final Tensor scale;

    /** A batch of Gumbel distributions; {@code loc} and {@code scale} broadcast. */
    public Gumbel(Tensor loc, Tensor scale) {
        this(loc, scale, null);
    }

    /** As {@link #Gumbel(Tensor, Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public Gumbel(Tensor loc, Tensor scale, Boolean validateArgs) {
        this(Util.broadcastAll(loc, scale), validateArgs);
    }

    /** A single Gumbel distribution with default-dtype parameters. */
    public Gumbel(double loc, double scale) {
        this(Util.scalar(loc), Util.scalar(scale), null);
    }

    private Gumbel(Tensor[] p, Boolean validateArgs) {
        super(new Uniform(Torch.fullLike(p[0], Util.tiny(p[0].dtype())), Torch.fullLike(p[0], 1 - Util.eps(p[0].dtype())), validateArgs),
                List.of(new ExpTransform().inv(), new AffineTransform(Torch.scalarTensor(0.0), Torch.onesLike(p[1]).neg()),
                        new ExpTransform().inv(), new AffineTransform(p[0], p[1].neg())),
                validateArgs);
        this.loc = p[0];
        this.scale = p[1];
        validateParams();
    }

    /** The location (the mode). */
    public Tensor loc() {
        return loc;
    }

    /** The scale. */
    public Tensor scale() {
        return scale;
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("loc", loc, Constraint.REAL), new Param("scale", scale, Constraint.POSITIVE));
    }

    @Override
    public Constraint support() {
        return Constraint.REAL;
    }

    /** {@code y - exp(y) - log(scale)} with {@code y = (loc - value) / scale}, directly rather than through the chain. */
    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor y = loc.sub(value).div(scale);
        return y.sub(y.exp()).sub(scale.log());
    }

    @Override
    public Tensor mean() {
        return loc.add(scale.mul(EULER_GAMMA));
    }

    @Override
    public Tensor mode() {
        return loc;
    }

    @Override
    public Tensor stddev() {
        return scale.mul(Math.PI / Math.sqrt(6));
    }

    @Override
    public Tensor variance() {
        return stddev().pow(2.0);
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(1 + EULER_GAMMA);
    }

    @Override
    public Gumbel expand(long... batchShape) {
        return new Gumbel(new Tensor[] {loc.expand(batchShape), scale.expand(batchShape)}, validateArgs());
    }
}
