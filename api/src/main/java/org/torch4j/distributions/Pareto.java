package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The Pareto (type I) distribution with {@code scale} (the minimum) and {@code alpha} (the tail index)
 * ({@code torch.distributions.Pareto}): as in PyTorch, a {@link TransformedDistribution} of an
 * {@link Exponential} of rate alpha by {@code x -> scale * exp(x)}, so that seeded samples are
 * PyTorch's (up to the last bit of {@code log} and {@code exp}) and log_prob, cdf and icdf come from
 * the chain. Its mean is infinite for alpha &lt;= 1 and its variance for alpha &lt;= 2.
 */
public final class Pareto extends TransformedDistribution {
    private final Tensor scale;
    private final Tensor alpha;

    /** A batch of Pareto distributions; {@code scale} and {@code alpha} broadcast. */
    public Pareto(Tensor scale, Tensor alpha) {
        this(scale, alpha, null);
    }

    /** As {@link #Pareto(Tensor, Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public Pareto(Tensor scale, Tensor alpha, Boolean validateArgs) {
        this(Util.broadcastAll(scale, alpha), validateArgs);
    }

    /** A single Pareto distribution with default-dtype parameters. */
    public Pareto(double scale, double alpha) {
        this(Util.scalar(scale), Util.scalar(alpha), null);
    }

    private Pareto(Tensor[] p, Boolean validateArgs) {
        // the base validates alpha first, as PyTorch's (whose error then names the Exponential)
        super(new Exponential(p[1], validateArgs), List.of(new ExpTransform(), new AffineTransform(Torch.scalarTensor(0.0), p[0])),
                validateArgs);
        this.scale = p[0];
        this.alpha = p[1];
        validateParams();
    }

    /** The scale: the smallest value. */
    public Tensor scale() {
        return scale;
    }

    /** The tail index. */
    public Tensor alpha() {
        return alpha;
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("alpha", alpha, Constraint.POSITIVE), new Param("scale", scale, Constraint.POSITIVE));
    }

    /** {@code x >= scale}. */
    @Override
    public Constraint support() {
        return Constraint.greaterThanEq(scale);
    }

    /** {@code alpha * scale / (alpha - 1)}, infinite for alpha &lt;= 1. */
    @Override
    public Tensor mean() {
        Tensor a = alpha.clampMin(1.0);
        return a.mul(scale).div(a.sub(1.0));
    }

    @Override
    public Tensor mode() {
        return scale;
    }

    /** {@code scale^2 alpha / ((alpha - 1)^2 (alpha - 2))}, infinite for alpha &lt;= 2. */
    @Override
    public Tensor variance() {
        Tensor a = alpha.clampMin(2.0);
        return scale.pow(2.0).mul(a).div(a.sub(1.0).pow(2.0).mul(a.sub(2.0)));
    }

    @Override
    public Tensor entropy() {
        return scale.div(alpha).log().add(alpha.reciprocal().add(1.0));
    }

    @Override
    public Pareto expand(long... batchShape) {
        return new Pareto(new Tensor[] {scale.expand(batchShape), alpha.expand(batchShape)}, validateArgs());
    }
}
