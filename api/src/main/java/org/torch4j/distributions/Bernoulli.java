package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Reduction;

/**
 * The Bernoulli distribution over {0, 1}, parameterised by the probability of 1 or by its log-odds
 * ({@code torch.distributions.Bernoulli}). Samples come from {@code torch.bernoulli}, PyTorch's
 * numbers for the same seed.
 */
public final class Bernoulli extends Distribution implements ExponentialFamily {
    private final Tensor probs;
    private final Tensor logits;
    private final boolean fromProbs;

    /** From probabilities of 1, in [0, 1]. */
    public static Bernoulli withProbs(Tensor probs) {
        return new Bernoulli(probs, null, null);
    }

    /** From log-odds. */
    public static Bernoulli withLogits(Tensor logits) {
        return new Bernoulli(null, logits, null);
    }

    /**
     * Exactly one of {@code probs} and {@code logits} must be given (the other null);
     * {@code validateArgs} as PyTorch's {@code validate_args} (null: the default).
     */
    public Bernoulli(Tensor probs, Tensor logits, Boolean validateArgs) {
        super(given(probs, logits).shape(), new long[0], validateArgs);
        this.fromProbs = probs != null;
        this.probs = fromProbs ? probs : Util.logitsToProbs(logits, true);
        this.logits = fromProbs ? Util.probsToLogits(probs, true) : logits;
        validateParams();
    }

    static Tensor given(Tensor probs, Tensor logits) {
        if ((probs == null) == (logits == null)) {
            throw new IllegalArgumentException("Either `probs` or `logits` must be specified, but not both.");
        }
        return probs != null ? probs : logits;
    }

    /** The probabilities of 1. */
    public Tensor probs() {
        return probs;
    }

    /** The log-odds of 1. */
    public Tensor logits() {
        return logits;
    }

    @Override
    protected List<Param> params() {
        return List.of(fromProbs ? new Param("probs", probs, Constraint.UNIT_INTERVAL) : new Param("logits", logits, Constraint.REAL));
    }

    @Override
    public Constraint support() {
        return Constraint.BOOLEAN;
    }

    @Override
    public Tensor mean() {
        return probs;
    }

    /** 1 where probs &gt; 1/2, 0 where below, NaN at exactly 1/2. */
    @Override
    public Tensor mode() {
        return probs.ge(0.5).to(probs.dtype()).where(probs.ne(0.5), Double.NaN);
    }

    @Override
    public Tensor variance() {
        return probs.mul(probs.rsub(1.0));
    }

    @Override
    public Tensor sample(long[] sampleShape, Generator generator) {
        try (Torch.Mode m = Torch.noGrad()) {
            return Torch.bernoulli(probs.expand(extendedShape(sampleShape)), generator);
        }
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor[] lv = Util.broadcastAll(logits, value);
        return F.binaryCrossEntropyWithLogits(lv[0], lv[1], null, null, Reduction.NONE).neg();
    }

    @Override
    public Tensor entropy() {
        return F.binaryCrossEntropyWithLogits(logits, probs, null, null, Reduction.NONE);
    }

    /** The values 0 and 1, as {@code [2] + batchShape} (expanded) or {@code [2, 1, ...]}. */
    public Tensor enumerateSupport(boolean expand) {
        long[] shape = new long[batchShape().length + 1];
        java.util.Arrays.fill(shape, 1);
        shape[0] = 2;
        Tensor values = Torch.arange(2).to(probs).reshape(shape);
        if (!expand) return values;
        shape = batchShape();
        return values.expand(Util.concat(new long[] {2}, shape));
    }

    @Override
    public Bernoulli expand(long... batchShape) {
        return fromProbs ? new Bernoulli(probs.expand(batchShape), null, validateArgs())
                : new Bernoulli(null, logits.expand(batchShape), validateArgs());
    }
}
