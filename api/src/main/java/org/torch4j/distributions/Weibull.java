package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The Weibull distribution with {@code scale} and {@code concentration} (shape k)
 * ({@code torch.distributions.Weibull}): as in PyTorch, a {@link TransformedDistribution} of a unit
 * {@link Exponential} by {@code x -> scale * x^(1/k)} ({@link PowerTransform}, {@link AffineTransform}),
 * so that seeded samples are PyTorch's (up to the last bit of {@code log} and {@code pow}) and
 * log_prob, cdf and icdf come from the chain.
 */
public final class Weibull extends TransformedDistribution {
    private static final double EULER_GAMMA = 0.57721566490153286060;

    private final Tensor scale;
    private final Tensor concentration;
    private final Tensor concentrationReciprocal;

    /** A batch of Weibull distributions; {@code scale} and {@code concentration} broadcast. */
    public Weibull(Tensor scale, Tensor concentration) {
        this(scale, concentration, null);
    }

    /** As {@link #Weibull(Tensor, Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public Weibull(Tensor scale, Tensor concentration, Boolean validateArgs) {
        this(Util.broadcastAll(scale, concentration), validateArgs);
    }

    /** A single Weibull distribution with default-dtype parameters. */
    public Weibull(double scale, double concentration) {
        this(Util.scalar(scale), Util.scalar(concentration), null);
    }

    private Weibull(Tensor[] p, Boolean validateArgs) {
        this(p[0], p[1], p[1].reciprocal(), validateArgs);
    }

    private Weibull(Tensor scale, Tensor concentration, Tensor reciprocal, Boolean validateArgs) {
        super(new Exponential(Torch.onesLike(scale), validateArgs),
                List.of(new PowerTransform(reciprocal), new AffineTransform(Torch.scalarTensor(0.0), scale)), validateArgs);
        this.scale = scale;
        this.concentration = concentration;
        this.concentrationReciprocal = reciprocal;
        validateParams();
    }

    /** The scale. */
    public Tensor scale() {
        return scale;
    }

    /** The concentration (shape parameter k). */
    public Tensor concentration() {
        return concentration;
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("scale", scale, Constraint.POSITIVE), new Param("concentration", concentration, Constraint.POSITIVE));
    }

    @Override
    public Constraint support() {
        return Constraint.POSITIVE;
    }

    @Override
    public Tensor mean() {
        return scale.mul(concentrationReciprocal.add(1.0).lgamma().exp());
    }

    /** {@code scale * ((k - 1) / k)^(1/k)}: NaN for k &lt; 1, as PyTorch's. */
    @Override
    public Tensor mode() {
        return scale.mul(concentration.sub(1.0).div(concentration).pow(concentration.reciprocal()));
    }

    @Override
    public Tensor variance() {
        Tensor second = concentrationReciprocal.mul(2.0).add(1.0).lgamma().exp();
        Tensor firstSquared = concentrationReciprocal.add(1.0).lgamma().mul(2.0).exp();
        return scale.pow(2.0).mul(second.sub(firstSquared));
    }

    @Override
    public Tensor entropy() {
        return concentrationReciprocal.rsub(1.0).mul(EULER_GAMMA).add(scale.mul(concentrationReciprocal).log()).add(1.0);
    }

    @Override
    public Weibull expand(long... batchShape) {
        Tensor c = concentration.expand(batchShape);
        return new Weibull(scale.expand(batchShape), c, c.reciprocal(), validateArgs());
    }
}
