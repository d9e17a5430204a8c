package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The binomial distribution: the number of successes in {@code totalCount} trials of probability
 * {@code probs} (or log-odds {@code logits}) ({@code torch.distributions.Binomial}). Samples use
 * PyTorch's inversion and BTRS samplers in the same draw order (see {@link Samplers}). For float32
 * parameters PyTorch's kernel rounds some intermediates to float that are kept in double here, which
 * could rarely change a draw.
 */
public final class Binomial extends Distribution {
    private final Tensor totalCount;
    private final Tensor probs;
    private final Tensor logits;
    private final boolean fromProbs;

    /** {@code totalCount} trials of probability {@code probs}. */
    public static Binomial withProbs(Tensor totalCount, Tensor probs) {
        return new Binomial(totalCount, probs, null, null);
    }

    /** {@code totalCount} trials of log-odds {@code logits}. */
    public static Binomial withLogits(Tensor totalCount, Tensor logits) {
        return new Binomial(totalCount, null, logits, null);
    }

    /**
     * Exactly one of {@code probs} and {@code logits} must be given, the other null; {@code totalCount}
     * (nonnegative integers) broadcasts with it and takes its dtype. {@code validateArgs} as PyTorch's
     * {@code validate_args} (null: the default).
     */
    public Binomial(Tensor totalCount, Tensor probs, Tensor logits, Boolean validateArgs) {
        this(Util.broadcastAll(totalCount, Bernoulli.given(probs, logits)), probs != null, validateArgs);
    }

    private Binomial(Tensor[] p, boolean fromProbs, Boolean validateArgs) {
        super(p[1].shape(), new long[0], validateArgs);
        this.fromProbs = fromProbs;
        this.totalCount = p[0].to(p[1].dtype());
        this.probs = fromProbs ? p[1] : Util.logitsToProbs(p[1], true);
        this.logits = fromProbs ? Util.probsToLogits(p[1], true) : p[1];
        validateParams();
    }

    /** The number of trials. */
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
        return List.of(new Param("total_count", totalCount, Constraint.NONNEGATIVE_INTEGER),
                fromProbs ? new Param("probs", probs, Constraint.UNIT_INTERVAL) : new Param("logits", logits, Constraint.REAL));
    }

    @Override
    public Constraint support() {
        return Constraint.integerInterval(0, totalCount);
    }

    @Override
    public Tensor mean() {
        return totalCount.mul(probs);
    }

    @Override
    public Tensor mode() {
        return totalCount.add(1.0).mul(probs).floor().clamp(null, totalCount);
    }

    @Override
    public Tensor variance() {
        return totalCount.mul(probs).mul(probs.rsub(1.0));
    }

    @Override
    public Tensor sample(long[] sampleShape, Generator generator) {
        try (Torch.Mode m = Torch.noGrad()) {
            long[] shape = extendedShape(sampleShape);
            return Samplers.binomial(totalCount.expand(shape), probs.expand(shape), generator);
        }
    }

    /** {@code (|x| + x) / 2} written so that its gradient at 0 is 1/2, as PyTorch's {@code _clamp_by_zero}. */
    private static Tensor clampByZero(Tensor x) {
        return x.clampMin(0).add(x).sub(x.clampMax(0)).div(2.0);
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor logFactorialN = totalCount.add(1.0).lgamma();
        Tensor logFactorialK = value.add(1.0).lgamma();
        Tensor logFactorialNmk = totalCount.sub(value).add(1.0).lgamma();
        Tensor normalize = totalCount.mul(clampByZero(logits)).add(totalCount.mul(logits.abs().neg().exp().log1p())).sub(logFactorialN);
        return value.mul(logits).sub(logFactorialK).sub(logFactorialNmk).sub(normalize);
    }

    /** The entropy by summing over the support; as PyTorch, only when all total counts are equal. */
    @Override
    public Tensor entropy() {
        long n = (long) totalCount.max().item();
        if (totalCount.min().item() != n) {
            throw new UnsupportedOperationException("Inhomogeneous total count not supported by `entropy`.");
        }
        Tensor logProb = logProb(enumerateSupport(n));
        return logProb.exp().mul(logProb).sum(0).neg();
    }

    private Tensor enumerateSupport(long n) {
        long[] shape = new long[batchShape().length + 1];
        java.util.Arrays.fill(shape, 1);
        shape[0] = n + 1;
        return Torch.arange(n + 1).to(probs).reshape(shape);
    }

    @Override
    public Binomial expand(long... batchShape) {
        return new Binomial(new Tensor[] {totalCount.expand(batchShape), (fromProbs ? probs : logits).expand(batchShape)},
                fromProbs, validateArgs());
    }
}
