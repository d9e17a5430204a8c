package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Tensor;

/**
 * The relaxed one-hot categorical (Concrete / Gumbel-softmax) distribution on the simplex with
 * {@code temperature} and {@code probs} or {@code logits} ({@code torch.distributions.RelaxedOneHotCategorical}):
 * as in PyTorch, the exp of an {@link ExpRelaxedCategorical}, with reparameterised samples that
 * approach one-hot draws as the temperature goes to 0.
 */
public final class RelaxedOneHotCategorical extends TransformedDistribution {

    /** Relaxed one-hot categorical of probabilities {@code probs} (normalised over the last dim). */
    public static RelaxedOneHotCategorical withProbs(Tensor temperature, Tensor probs) {
        return new RelaxedOneHotCategorical(temperature, probs, null, null);
    }

    /** Relaxed one-hot categorical of log-probabilities {@code logits} (normalised over the last dim). */
    public static RelaxedOneHotCategorical withLogits(Tensor temperature, Tensor logits) {
        return new RelaxedOneHotCategorical(temperature, null, logits, null);
    }

    /** Exactly one of {@code probs} and {@code logits} must be given, the other null; {@code validateArgs} as PyTorch's (null: the default). */
    public RelaxedOneHotCategorical(Tensor temperature, Tensor probs, Tensor logits, Boolean validateArgs) {
        this(new ExpRelaxedCategorical(temperature, probs, logits, validateArgs), validateArgs);
    }

    private RelaxedOneHotCategorical(ExpRelaxedCategorical base, Boolean validateArgs) {
        super(base, List.of(new ExpTransform()), validateArgs);
    }

    private ExpRelaxedCategorical exp() {
        return (ExpRelaxedCategorical) baseDist();
    }

    /** The relaxation temperature. */
    public Tensor temperature() {
        return exp().temperature();
    }

    /** The normalised category probabilities. */
    public Tensor probs() {
        return exp().probs();
    }

    /** The normalised log-probabilities. */
    public Tensor logits() {
        return exp().logits();
    }

    @Override
    public Constraint support() {
        return Constraint.SIMPLEX;
    }

    @Override
    public RelaxedOneHotCategorical expand(long... batchShape) {
        return new RelaxedOneHotCategorical(exp().expand(batchShape), validateArgs());
    }
}
