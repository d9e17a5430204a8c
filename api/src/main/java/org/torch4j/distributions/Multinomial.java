package org.torch4j.distributions;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The multinomial distribution: the counts of each of k categories in {@code totalCount} independent
 * draws of a {@link Categorical} with {@code probs} (or unnormalised log-probabilities {@code logits})
 * over the last dim ({@code torch.distributions.Multinomial}); the event shape is {@code [k]}.
 * Samples count {@code totalCount} categorical draws, PyTorch's for the same seed; {@link #logProb}
 * accepts counts of any total, as PyTorch's.
 */
public final class Multinomial extends Distribution {
    private final long totalCount;
    private final Categorical categorical;

    /** {@code totalCount} draws with probabilities {@code probs} (normalised over the last dim). */
    public static Multinomial withProbs(long totalCount, Tensor probs) {
        return new Multinomial(totalCount, probs, null, null);
    }

    /** {@code totalCount} draws with log-probabilities {@code logits} (normalised over the last dim). */
    public static Multinomial withLogits(long totalCount, Tensor logits) {
        return new Multinomial(totalCount, null, logits, null);
    }

    /**
     * Exactly one of {@code probs} and {@code logits} must be given, the other null; {@code validateArgs}
     * as PyTorch's {@code validate_args} (null: the default) for values. The parameters are validated by
     * the underlying {@link Categorical}, with its messages, as in PyTorch.
     */
    public Multinomial(long totalCount, Tensor probs, Tensor logits, Boolean validateArgs) {
        this(totalCount, new Categorical(probs, logits, null), validateArgs);
    }

    private Multinomial(long totalCount, Categorical categorical, Boolean validateArgs) {
        super(categorical.batchShape(), new long[] {categorical.numEvents()}, validateArgs);
        this.totalCount = totalCount;
        this.categorical = categorical;
    }

    /** The number of draws. */
    public long totalCount() {
        return totalCount;
    }

    /** The category probabilities, normalised. */
    public Tensor probs() {
        return categorical.probs();
    }

    /** The category log-probabilities, normalised. */
    public Tensor logits() {
        return categorical.logits();
    }

    /**
     * None: PyTorch's own checks (simplex, real vector) apply to the normalised parameters, which the
     * Categorical has already validated, and its repr, {@code Multinomial()}, lists no parameters.
     */
    @Override
    protected List<Param> params() {
        return List.of();
    }

    @Override
    public Constraint support() {
        return Constraint.multinomial(totalCount);
    }

    @Override
    public Tensor mean() {
        return probs().mul((double) totalCount);
    }

    @Override
    public Tensor variance() {
        return probs().mul((double) totalCount).mul(probs().rsub(1.0));
    }

    /** The counts of {@code totalCount} categorical draws, in the probabilities' dtype. */
    @Override
    public Tensor sample(long[] sampleShape, Generator generator) {
        try (Torch.Mode m = Torch.noGrad()) {
            long[] shape = Util.concat(new long[] {totalCount}, sampleShape);
            Tensor draws = categorical.sample(shape, generator);
            // [totalCount, sample..., batch...] -> [sample..., batch..., totalCount]
            int[] perm = new int[draws.dim()];
            for (int i = 0; i < perm.length; i++) perm[i] = (i + 1) % perm.length;
            draws = draws.permute(perm);
            Tensor counts = Torch.zeros(extendedShape(sampleShape), DType.INT64, draws.device());
            counts.scatterAdd_(-1, draws, Torch.onesLike(draws));
            return counts.to(probs().dtype());
        }
    }

    /** {@code log n! - sum log x_i! + sum x_i log p_i}, with n the sum of the counts and 0 log 0 = 0. */
    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor[] lv = Util.broadcastAll(logits(), value);
        Tensor logits = lv[0].where(lv[1].eq(0.0).logicalAnd(lv[0].eq(Double.NEGATIVE_INFINITY)).logicalNot(), 0.0);
        Tensor logFactorialN = lv[1].sum(-1).add(1.0).lgamma();
        Tensor logFactorialXs = lv[1].add(1.0).lgamma().sum(-1);
        return logFactorialN.sub(logFactorialXs).add(logits.mul(lv[1]).sum(-1));
    }

    /**
     * {@code n H(categorical) - log n! + sum_i E[log x_i!]}, the last term from each count's binomial
     * marginal over 1..n, as PyTorch.
     */
    @Override
    public Tensor entropy() {
        double n = totalCount;
        // PyTorch's lgamma(n + 1) is of an integer tensor, so in the default dtype (float32) whatever the parameters'
        Tensor term1 = categorical.entropy().mul(n).sub(Torch.scalarTensor(n + 1).lgamma());
        long[] supportShape = new long[probs().dim() + 1];
        java.util.Arrays.fill(supportShape, 1);
        supportShape[0] = totalCount;
        Tensor support = Torch.arange(1, totalCount + 1, 1).to(probs()).reshape(supportShape);
        Binomial binomial = new Binomial(Torch.fullLike(probs(), n), probs(), null, false);
        Tensor binomialProbs = binomial.logProb(support).exp();
        Tensor term2 = binomialProbs.mul(support.add(1.0).lgamma()).sum(0).sum(-1);
        return term1.add(term2);
    }

    @Override
    public Multinomial expand(long... batchShape) {
        return new Multinomial(totalCount, categorical.expand(batchShape), validateArgs());
    }
}
