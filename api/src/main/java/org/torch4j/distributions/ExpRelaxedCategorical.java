package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The log of a {@link RelaxedOneHotCategorical} (the Concrete distribution of Maddison et al.) with
 * {@code temperature} and {@code probs} or {@code logits} over the last dim
 * ({@code torch.distributions.ExpRelaxedCategorical}): vectors of log-probabilities, event shape
 * {@code [k]}. Samples are {@code log_softmax((logits + gumbel) / temperature)} with Gumbel noise from
 * uniform draws, PyTorch's for the same seed (up to the last bit of {@code log}).
 */
public final class ExpRelaxedCategorical extends Distribution {
    private final Tensor temperature;
    private final Categorical categorical;

    /**
     * Exactly one of {@code probs} and {@code logits} must be given, the other null; they are validated
     * (and normalised) by a {@link Categorical}, with its messages, as in PyTorch. {@code temperature}
     * (not validated) broadcasts with the batch. {@code validateArgs} as PyTorch's {@code validate_args}
     * (null: the default), for values.
     */
    public ExpRelaxedCategorical(Tensor temperature, Tensor probs, Tensor logits, Boolean validateArgs) {
        this(temperature, new Categorical(probs, logits, null), validateArgs);
    }

    private ExpRelaxedCategorical(Tensor temperature, Categorical categorical, Boolean validateArgs) {
        super(categorical.batchShape(), new long[] {categorical.numEvents()}, validateArgs);
        this.temperature = temperature;
        this.categorical = categorical;
    }

    /** The relaxation temperature. */
    public Tensor temperature() {
        return temperature;
    }

    /** The normalised category probabilities. */
    public Tensor probs() {
        return categorical.probs();
    }

    /** The normalised log-probabilities. */
    public Tensor logits() {
        return categorical.logits();
    }

    /** None of its own: the Categorical checked them, and PyTorch's repr lists none. */
    @Override
    protected List<Param> params() {
        return List.of();
    }

    @Override
    public Constraint support() {
        return Constraint.REAL_VECTOR;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        long[] shape = extendedShape(sampleShape);
        Tensor u = Util.clampProbs(logits().newZeros(shape).uniform_(0, 1, generator));
        Tensor gumbels = u.log().neg().log().neg();
        Tensor scores = logits().add(gumbels).div(temperature);
        return scores.sub(scores.logsumexp(new int[] {-1}, true));
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        double k = categorical.numEvents();
        Tensor[] lv = Util.broadcastAll(logits(), value);
        Tensor logScale = Torch.fullLike(temperature, k).lgamma().sub(temperature.log().mul(-(k - 1)));
        Tensor score = lv[0].sub(lv[1].mul(temperature));
        return score.sub(score.logsumexp(new int[] {-1}, true)).sum(-1).add(logScale);
    }

    /** No closed form: PyTorch's NotImplementedError. */
    @Override
    public Tensor mean() {
        throw new UnsupportedOperationException("ExpRelaxedCategorical has no mean");
    }

    /** No closed form: PyTorch's NotImplementedError. */
    @Override
    public Tensor variance() {
        throw new UnsupportedOperationException("ExpRelaxedCategorical has no variance");
    }

    @Override
    public ExpRelaxedCategorical expand(long... batchShape) {
        return new ExpRelaxedCategorical(temperature, categorical.expand(batchShape), validateArgs());
    }
}
