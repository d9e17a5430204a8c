package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Reduction;

/**
 * The geometric distribution: the number of failures before the first success in Bernoulli trials of
 * probability {@code probs} (or log-odds {@code logits}) ({@code torch.distributions.Geometric}), on
 * 0, 1, 2, ... Samples are {@code floor(log(u) / log1p(-probs))} for {@code u} uniform on
 * {@code [tiny, 1)}, PyTorch's draws for the same seed (up to the last bit of {@code log}).
 */
public final class Geometric extends Distribution {
    private final Tensor probs;
    private final Tensor logits;
    private final boolean fromProbs;

    /** Trials of success probability {@code probs}, in (0, 1]. */
    public static Geometric withProbs(Tensor probs) {
        return new Geometric(probs, null, null);
    }

    /** Trials of success log-odds {@code logits}. */
    public static Geometric withLogits(Tensor logits) {
        return new Geometric(null, logits, null);
    }

    /**
     * Exactly one of {@code probs} and {@code logits} must be given, the other null; {@code validateArgs}
     * as PyTorch's {@code validate_args} (null: the default).
     */
    public Geometric(Tensor probs, Tensor logits, Boolean validateArgs) {
        super(Bernoulli.given(probs, logits).shape(), new long[0], validateArgs);
        this.fromProbs = probs != null;
        this.probs = fromProbs ? probs : Util.logitsToProbs(logits, true);
        this.logits = fromProbs ? Util.probsToLogits(probs, true) : logits;
        validateParams();
        if (validateArgs() && fromProbs) {
            // PyTorch's check beyond unit_interval: a probability of 0 never succeeds
            Tensor valid = probs.gt(0.0);
            if (!valid.all().itemBool()) {
                throw new IllegalArgumentException("Expected parameter probs (Tensor of shape " + Util.tuple(probs.shape())
                        + ") of distribution " + this + " to be positive but found invalid values:\n"
                        + probs.detach().maskedSelect(valid.logicalNot()));
            }
        }
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
        return List.of(fromProbs ? new Param("probs", probs, Constraint.UNIT_INTERVAL) : new Param("logits", logits, Constraint.REAL));
    }

    @Override
    public Constraint support() {
        return Constraint.NONNEGATIVE_INTEGER;
    }

    @Override
    public Tensor mean() {
        return probs.reciprocal().sub(1.0);
    }

    @Override
    public Tensor mode() {
        return Torch.zerosLike(probs);
    }

    @Override
    public Tensor variance() {
        return probs.reciprocal().sub(1.0).div(probs);
    }

    @Override
    public Tensor sample(long[] sampleShape, Generator generator) {
        try (Torch.Mode m = Torch.noGrad()) {
            Tensor u = probs.newZeros(extendedShape(sampleShape)).uniform_(Util.tiny(probs.dtype()), 1, generator);
            return u.log().div(probs.neg().log1p()).floor();
        }
    }

    /** {@code value * log1p(-probs) + log(probs)}, with 0 * log(0) taken as 0 where probs is 1. */
    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor[] vp = Util.broadcastAll(value, probs);
        Tensor p = vp[1].where(vp[1].eq(1.0).logicalAnd(vp[0].eq(0.0)).logicalNot(), 0.0);
        return vp[0].mul(p.neg().log1p()).add(probs.log());
    }

    @Override
    public Tensor entropy() {
        return F.binaryCrossEntropyWithLogits(logits, probs, null, null, Reduction.NONE).div(probs);
    }

    @Override
    public Geometric expand(long... batchShape) {
        return fromProbs ? new Geometric(probs.expand(batchShape), null, validateArgs())
                : new Geometric(null, logits.expand(batchShape), validateArgs());
    }
}
