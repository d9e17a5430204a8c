package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * The negative binomial distribution: the number of successes, each of probability {@code probs} (or
 * log-odds {@code logits}), before {@code totalCount} failures ({@code torch.distributions.NegativeBinomial};
 * {@code totalCount} may be any nonnegative real). Samples are Poisson draws of gamma-distributed
 * rates, as PyTorch's gamma-Poisson mixture, drawn in its order (see {@link Samplers}).
 */
public final class NegativeBinomial extends Distribution {
    private final Tensor totalCount;
    private final Tensor probs;
    private final Tensor logits;
    private final boolean fromProbs;

    /** Successes of probability {@code probs}, in [0, 1), before {@code totalCount} failures. */
    public static NegativeBinomial withProbs(Tensor totalCount, Tensor probs) {
        return new NegativeBinomial(totalCount, probs, null, null);
    }

    /** Successes of log-odds {@code logits} before {@code totalCount} failures. */
    public static NegativeBinomial withLogits(Tensor totalCount, Tensor logits) {
        return new NegativeBinomial(totalCount, null, logits, null);
    }

    /**
     * Exactly one of {@code probs} and {@code logits} must be given, the other null; {@code totalCount}
     * broadcasts with it and takes its dtype. {@code validateArgs} as PyTorch's {@code validate_args}
     * (null: the default).
     */
    public NegativeBinomial(Tensor totalCount, Tensor probs, Tensor logits, Boolean validateArgs) {
        this(Util.broadcastAll(totalCount, Bernoulli.given(probs, logits)), probs != null, validateArgs);
    }

    private NegativeBinomial(Tensor[] p, boolean fromProbs, Boolean validateArgs) {
        super(p[1].shape(), new long[0], validateArgs);
        this.fromProbs = fromProbs;
        this.totalCount = p[0].to(p[1].dtype());
        this.probs = fromProbs ? p[1] : Util.logitsToProbs(p[1], true);
        this.logits = fromProbs ? Util.probsToLogits(p[1], true) : p[1];
        validateParams();
    }

    /** The number of failures to stop at. */
    public Tensor totalCount() {
        return totalCount;
    }

    /** The success probabilities. */
    public Tensor probs() {
        return probs;
    }

    /** The log-odds of success. */
    public Tensor logits() {
        return logits;
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("total_count", totalCount, Constraint.NONNEGATIVE_INT_BOUND),
                fromProbs ? new Param("probs", probs, Constraint.HALF_OPEN_UNIT_INTERVAL) : new Param("logits", logits, Constraint.REAL));
    }

    @Override
    public Constraint support() {
        return Constraint.NONNEGATIVE_INTEGER;
    }

    @Override
    public Tensor mean() {
        return totalCount.mul(logits.exp());
    }

    @Override
    public Tensor mode() {
        return totalCount.sub(1.0).mul(logits.exp()).floor().clampMin(0.0);
    }

    @Override
    public Tensor variance() {
        return mean().div(logits.neg().sigmoid());
    }

    /** Poisson draws at rates drawn from {@code Gamma(totalCount, exp(-logits))}. */
    @Override
    public Tensor sample(long[] sampleShape, Generator generator) {
        try (Torch.Mode m = Torch.noGrad()) {
            // not validated: totalCount may be 0
            Tensor rate = new Gamma(totalCount, logits.neg().exp(), false).sample(sampleShape, generator);
            return Samplers.poisson(rate, generator);
        }
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor unnormalised = totalCount.mul(F.logsigmoid(logits.neg())).add(value.mul(F.logsigmoid(logits)));
        Tensor sum = totalCount.add(value);
        Tensor normalisation = sum.lgamma().neg().add(value.add(1.0).lgamma()).add(totalCount.lgamma());
        return unnormalised.sub(normalisation.where(sum.ne(0.0), 0.0));
    }

    @Override
    public NegativeBinomial expand(long... batchShape) {
        Tensor[] p = {totalCount.expand(batchShape), (fromProbs ? probs : logits).expand(batchShape)};
        return new NegativeBinomial(p, fromProbs, validateArgs());
    }
}
