package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Tensor;

/**
 * The relaxed Bernoulli (binary Concrete) distribution on (0, 1) with {@code temperature} and
 * {@code probs} or {@code logits} ({@code torch.distributions.RelaxedBernoulli}): as in PyTorch, a
 * {@link LogitRelaxedBernoulli} through a {@link SigmoidTransform}, with reparameterised samples
 * that approach Bernoulli draws as the temperature goes to 0.
 */
public final class RelaxedBernoulli extends TransformedDistribution {

    /** Relaxed Bernoulli of probabilities {@code probs}. */
    public static RelaxedBernoulli withProbs(Tensor temperature, Tensor probs) {
        return new RelaxedBernoulli(temperature, probs, null, null);
    }

    /** Relaxed Bernoulli of log-odds {@code logits}. */
    public static RelaxedBernoulli withLogits(Tensor temperature, Tensor logits) {
        return new RelaxedBernoulli(temperature, null, logits, null);
    }

    /**
     * Exactly one of {@code probs} and {@code logits} must be given, the other null. The parameters are
     * validated by the underlying {@link LogitRelaxedBernoulli} (always with the default setting, as
     * PyTorch builds it); {@code validateArgs} applies to values.
     */
    public RelaxedBernoulli(Tensor temperature, Tensor probs, Tensor logits, Boolean validateArgs) {
        this(new LogitRelaxedBernoulli(temperature, probs, logits, null), validateArgs);
    }

    private RelaxedBernoulli(LogitRelaxedBernoulli base, Boolean validateArgs) {
        super(base, List.of(new SigmoidTransform()), validateArgs);
    }

    private LogitRelaxedBernoulli logit() {
        return (LogitRelaxedBernoulli) baseDist();
    }

    /** The relaxation temperature. */
    public Tensor temperature() {
        return logit().temperature();
    }

    /** The probabilities of the Bernoulli relaxed. */
    public Tensor probs() {
        return logit().probs();
    }

    /** Their log-odds. */
    public Tensor logits() {
        return logit().logits();
    }

    @Override
    public Constraint support() {
        return Constraint.UNIT_INTERVAL;
    }

    @Override
    public RelaxedBernoulli expand(long... batchShape) {
        return new RelaxedBernoulli(logit().expand(batchShape), validateArgs());
    }
}
