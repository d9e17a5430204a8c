package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The Kumaraswamy distribution on {@code [0, 1]} with {@code concentration1} (a) and {@code concentration0} (b)
 * ({@code torch.distributions.Kumaraswamy}), density {@code a b x^(a-1) (1 - x^a)^(b-1)}: as in PyTorch, a
 * {@link TransformedDistribution} of a unit {@link Uniform} by {@code u -> (1 - u^(1/b))^(1/a)}, so that seeded
 * samples are PyTorch's (up to the last bit of {@code pow}) and log_prob comes from the chain. The moments use
 * {@code lgamma}; {@link #mode()} is PyTorch 1.13's formula, which gives NaN for every parameter.
 */
public final class Kumaraswamy extends TransformedDistribution {
    private static final double EULER_GAMMA = 0.57721566490153286060;

    private final Tensor concentration1;
    private final Tensor concentration0;

    /** A batch of Kumaraswamy distributions; the concentrations broadcast. */
    public Kumaraswamy(Tensor concentration1, Tensor concentration0) {
        this(concentration1, concentration0, null);
    }

    /** As {@link #Kumaraswamy(Tensor, Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public Kumaraswamy(Tensor concentration1, Tensor concentration0, Boolean validateArgs) {
        this(Util.broadcastAll(concentration1, concentration0), validateArgs);
    }

    /** A single Kumaraswamy distribution with default-dtype parameters. */
    public Kumaraswamy(double concentration1, double concentration0) {
        this(Util.scalar(concentration1), Util.scalar(concentration0), null);
    }

    private Kumaraswamy(Tensor[] c, Boolean validateArgs) {
        super(new Uniform(Torch.zerosLike(c[1]), Torch.onesLike(c[1]), validateArgs),
                List.of(new PowerTransform(c[1].reciprocal()), new AffineTransform(Util.scalar(1.0), Util.scalar(-1.0)),
                        new PowerTransform(c[0].reciprocal())), validateArgs);
        this.concentration1 = c[0];
        this.concentration0 = c[1];
        validateParams();
    }

    /** a, the exponent of x. */
    public Tensor concentration1() {
        return concentration1;
    }

    /** b, the exponent of {@code 1 - x^a}. */
    public Tensor concentration0() {
        return concentration0;
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("concentration1", concentration1, Constraint.POSITIVE),
                new Param("concentration0", concentration0, Constraint.POSITIVE));
    }

    @Override
    public Constraint support() {
        return Constraint.UNIT_INTERVAL;
    }

    /** {@code E[X^n] = b B(1 + n/a, b)}, through lgamma. */
    private Tensor moment(double n) {
        Tensor arg = concentration1.reciprocal().mul(n).add(1.0);
        return concentration0.mul(arg.lgamma().add(concentration0.lgamma()).sub(arg.add(concentration0).lgamma()).exp());
    }

    @Override
    public Tensor mean() {
        return moment(1);
    }

    @Override
    public Tensor variance() {
        return moment(2).sub(mean().pow(2.0));
    }

    /** PyTorch 1.13's {@code log1p(-b) / b - log1p(-a b)}, exponentiated, NaN where a or b is below 1 (so NaN throughout). */
    @Override
    public Tensor mode() {
        Tensor logMode = concentration0.neg().log1p().div(concentration0).sub(concentration0.mul(concentration1).neg().log1p());
        return logMode.where(concentration0.ge(1.0).logicalAnd(concentration1.ge(1.0)), Double.NaN).exp();
    }

    @Override
    public Tensor entropy() {
        Tensor t1 = concentration1.reciprocal().rsub(1.0);
        Tensor t0 = concentration0.reciprocal().rsub(1.0);
        Tensor h0 = concentration0.add(1.0).digamma().add(EULER_GAMMA);
        return t0.add(t1.mul(h0)).sub(concentration1.log()).sub(concentration0.log());
    }

    @Override
    public Kumaraswamy expand(long... batchShape) {
        return new Kumaraswamy(new Tensor[] {concentration1.expand(batchShape), concentration0.expand(batchShape)}, validateArgs());
    }
}
