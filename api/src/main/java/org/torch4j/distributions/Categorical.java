package org.torch4j.distributions;

import java.util.Arrays;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A categorical distribution over {@code 0 .. K-1}, from the last dim of (unnormalised) {@code probs}
 * or {@code logits} ({@code torch.distributions.Categorical}). Samples are int64 class indices drawn
 * with {@code torch.multinomial} (with replacement), PyTorch's numbers for the same seed.
 */
public final class Categorical extends Distribution {
    private final Tensor probs;
    private final Tensor logits;
    private final boolean fromProbs;
    private final long numEvents;

    /** From nonnegative weights over the last dim, normalised to sum to 1. */
    public static Categorical withProbs(Tensor probs) {
        return new Categorical(probs, null, null);
    }

    /** From unnormalised log-probabilities over the last dim. */
    public static Categorical withLogits(Tensor logits) {
        return new Categorical(null, logits, null);
    }

    /**
     * Exactly one of {@code probs} and {@code logits} (at least one-dimensional) must be given, the
     * other null; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default).
     */
    public Categorical(Tensor probs, Tensor logits, Boolean validateArgs) {
        this(normalised(probs, logits), probs != null, validateArgs);
    }

    private Categorical(Tensor param, boolean fromProbs, Boolean validateArgs) {
        super(param.dim() > 1 ? Arrays.copyOf(param.shape(), param.dim() - 1) : new long[0], new long[0], validateArgs);
        this.fromProbs = fromProbs;
        this.probs = fromProbs ? param : Util.logitsToProbs(param, false);
        this.logits = fromProbs ? Util.probsToLogits(param, false) : param;
        this.numEvents = param.size(-1);
        validateParams();
    }

    private static Tensor normalised(Tensor probs, Tensor logits) {
        Tensor p = Bernoulli.given(probs, logits);
        if (p.dim() < 1) {
            throw new IllegalArgumentException("`" + (probs != null ? "probs" : "logits") + "` parameter must be at least one-dimensional.");
        }
        return probs != null ? probs.div(probs.sum(new int[] {-1}, true)) : logits.sub(logits.logsumexp(new int[] {-1}, true));
    }

    /** The normalised probabilities, {@code batchShape + [K]}. */
    public Tensor probs() {
        return probs;
    }

    /** The normalised log-probabilities, {@code batchShape + [K]}. */
    public Tensor logits() {
        return logits;
    }

    /** The number of categories K. */
    public long numEvents() {
        return numEvents;
    }

    @Override
    protected List<Param> params() {
        return List.of(fromProbs ? new Param("probs", probs, Constraint.SIMPLEX)
                : new Param("logits", logits, Constraint.independent(Constraint.REAL, 1)));
    }

    @Override
    public Constraint support() {
        return Constraint.integerInterval(0, numEvents - 1);
    }

    /** The most likely category (int64). */
    @Override
    public Tensor mode() {
        return probs.argmax(-1, false);
    }

    /** NaN: categories have no mean (as PyTorch). */
    @Override
    public Tensor mean() {
        return probs.newFull(extendedShape(new long[0]), Double.NaN);
    }

    /** NaN: categories have no variance (as PyTorch). */
    @Override
    public Tensor variance() {
        return probs.newFull(extendedShape(new long[0]), Double.NaN);
    }

    @Override
    public Tensor sample(long[] sampleShape, Generator generator) {
        long n = 1;
        for (long s : sampleShape) n *= s;
        try (Torch.Mode m = Torch.noGrad()) {
            Tensor probs2d = probs.reshape(-1, numEvents);
            // one row of n draws per distribution, transposed so that the sample dims come first
            Tensor samples = Torch.multinomial(probs2d, n, true, generator).t();
            return samples.reshape(extendedShape(sampleShape));
        }
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor[] vl = Util.broadcastAll(value.to(DType.INT64).unsqueeze(-1), logits);
        Tensor index = vl[0].narrow(-1, 0, 1);
        return vl[1].gather(-1, index).squeeze(-1);
    }

    @Override
    public Tensor entropy() {
        double minReal = logits.dtype() == DType.FLOAT64 ? -Double.MAX_VALUE : -Float.MAX_VALUE;
        return logits.clampMin(minReal).mul(probs).sum(-1).neg();
    }

    /** The categories {@code 0 .. K-1} (int64) as {@code [K] + batchShape} (expanded) or {@code [K, 1, ...]}. */
    public Tensor enumerateSupport(boolean expand) {
        long[] shape = new long[batchShape().length + 1];
        Arrays.fill(shape, 1);
        shape[0] = numEvents;
        Tensor values = Torch.arange(numEvents).to(probs.device()).reshape(shape);
        return expand ? values.expand(Util.concat(new long[] {numEvents}, batchShape())) : values;
    }

    @Override
    public Categorical expand(long... batchShape) {
        long[] shape = Util.concat(batchShape, new long[] {numEvents});
        return new Categorical(fromProbs ? probs.expand(shape) : logits.expand(shape), fromProbs, validateArgs());
    }
}
