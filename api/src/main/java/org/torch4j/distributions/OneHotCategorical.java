package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * A {@link Categorical} whose values are one-hot vectors of length K
 * ({@code torch.distributions.OneHotCategorical}); samples are the categorical's, one-hot encoded
 * in the parameters' dtype.
 */
public final class OneHotCategorical extends Distribution {
    private final Categorical categorical;

    /** From nonnegative weights over the last dim. */
    public static OneHotCategorical withProbs(Tensor probs) {
        return new OneHotCategorical(probs, null, null);
    }

    /** From unnormalised log-probabilities over the last dim. */
    public static OneHotCategorical withLogits(Tensor logits) {
        return new OneHotCategorical(null, logits, null);
    }

    /** Exactly one of {@code probs} and {@code logits} must be given, the other null (see {@link Categorical}). */
    public OneHotCategorical(Tensor probs, Tensor logits, Boolean validateArgs) {
        this(new Categorical(probs, logits, validateArgs), validateArgs);
    }

    private OneHotCategorical(Categorical categorical, Boolean validateArgs) {
        super(categorical.batchShape(), new long[] {categorical.numEvents()}, validateArgs);
        this.categorical = categorical;
    }

    /** The normalised probabilities. */
    public Tensor probs() {
        return categorical.probs();
    }

    /** The normalised log-probabilities. */
    public Tensor logits() {
        return categorical.logits();
    }

    /** None: PyTorch's repr shows no parameter here either (they live in the inner Categorical). */
    @Override
    protected List<Param> params() {
        return List.of();
    }

    @Override
    public Constraint support() {
        return Constraint.ONE_HOT;
    }

    @Override
    public Tensor mean() {
        return categorical.probs();
    }

    /** The most likely category, one-hot. */
    @Override
    public Tensor mode() {
        return F.oneHot(categorical.mode(), categorical.numEvents()).to(categorical.probs().dtype());
    }

    @Override
    public Tensor variance() {
        return categorical.probs().mul(categorical.probs().rsub(1.0));
    }

    @Override
    public Tensor sample(long[] sampleShape, Generator generator) {
        try (Torch.Mode m = Torch.noGrad()) {
            Tensor indices = categorical.sample(sampleShape, generator);
            return F.oneHot(indices, categorical.numEvents()).to(categorical.probs().dtype());
        }
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        return categorical.logProb(value.max(-1).indices());
    }

    @Override
    public Tensor entropy() {
        return categorical.entropy();
    }

    @Override
    public OneHotCategorical expand(long... batchShape) {
        return new OneHotCategorical(categorical.expand(batchShape), validateArgs());
    }

    Categorical categorical() {
        return categorical;
    }
}
