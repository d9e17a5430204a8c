package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Reduction;

/**
 * The continuous Bernoulli distribution on [0, 1] with {@code probs} or {@code logits}
 * ({@code torch.distributions.ContinuousBernoulli}, Loaiza-Ganem and Cunningham 2019): density
 * proportional to {@code p^x (1 - p)^(1 - x)}. As in PyTorch, probabilities are clamped into
 * {@code [eps, 1 - eps]}, and near {@code p = 1/2} (within {@code lims}, by default (0.499, 0.501))
 * the normaliser, mean, variance, cdf and icdf use Taylor expansions or their limits. Samples are the
 * icdf of uniform draws, PyTorch's for the same seed (up to the last bit of {@code log}).
 */
public final class ContinuousBernoulli extends Distribution implements ExponentialFamily {
    private final Tensor probs;
    private final Tensor logits;
    private final boolean fromProbs;
    private final double lowLim;
    private final double highLim;

    /** A continuous Bernoulli of probabilities {@code probs}. */
    public static ContinuousBernoulli withProbs(Tensor probs) {
        return new ContinuousBernoulli(probs, null, null);
    }

    /** A continuous Bernoulli of log-odds {@code logits}. */
    public static ContinuousBernoulli withLogits(Tensor logits) {
        return new ContinuousBernoulli(null, logits, null);
    }

    /** As {@link #ContinuousBernoulli(Tensor, Tensor, double, double, Boolean)} with PyTorch's default lims (0.499, 0.501). */
    public ContinuousBernoulli(Tensor probs, Tensor logits, Boolean validateArgs) {
        this(probs, logits, 0.499, 0.501, validateArgs);
    }

    /**
     * Exactly one of {@code probs} and {@code logits} must be given, the other null; {@code lowLim} and
     * {@code highLim} bound the unstable region around 1/2. {@code validateArgs} as PyTorch's
     * {@code validate_args} (null: the default); as in PyTorch, probs are checked against [0, 1] before
     * clamping only when the flag is given explicitly (true or false), since clamped probs always pass.
     */
    public ContinuousBernoulli(Tensor probs, Tensor logits, double lowLim, double highLim, Boolean validateArgs) {
        super(Bernoulli.given(probs, logits).shape(), new long[0], validateArgs);
        this.fromProbs = probs != null;
        if (fromProbs && validateArgs != null && !Constraint.UNIT_INTERVAL.check(probs).all().itemBool()) {
            throw new IllegalArgumentException("The parameter probs has invalid values");
        }
        this.probs = fromProbs ? Util.clampProbs(probs) : Util.clampProbs(Util.logitsToProbs(logits, true));
        this.logits = fromProbs ? Util.probsToLogits(this.probs, true) : logits;
        this.lowLim = lowLim;
        this.highLim = highLim;
        validateParams();
    }

    /** The (clamped) probabilities. */
    public Tensor probs() {
        return probs;
    }

    /** The log-odds. */
    public Tensor logits() {
        return logits;
    }

    @Override
    protected List<Param> params() {
        return List.of(fromProbs ? new Param("probs", probs, Constraint.UNIT_INTERVAL) : new Param("logits", logits, Constraint.REAL));
    }

    @Override
    public Constraint support() {
        return Constraint.UNIT_INTERVAL;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    private Tensor outsideUnstableRegion() {
        return probs.le(lowLim).logicalOr(probs.gt(highLim));
    }

    /** probs outside the unstable region, lowLim inside (where the exact formulas are not used). */
    private Tensor cutProbs() {
        return probs.where(outsideUnstableRegion(), lowLim);
    }

    /** The log normalising constant: exact outside the unstable region, a Taylor expansion at 1/2 inside. */
    Tensor logNorm() {
        Tensor cut = cutProbs();
        Tensor belowHalf = cut.where(cut.le(0.5), 0.0);
        Tensor aboveHalf = cut.where(cut.ge(0.5), 1.0);
        Tensor logNorm = cut.neg().log1p().sub(cut.log()).abs().log()
                .sub(Torch.where(cut.le(0.5), belowHalf.mul(-2.0).log1p(), aboveHalf.mul(2.0).sub(1.0).log()));
        Tensor x = probs.sub(0.5).pow(2.0);
        Tensor taylor = x.mul(104.0 / 45.0).add(4.0 / 3.0).mul(x).add(Math.log(2.0));
        return Torch.where(outsideUnstableRegion(), logNorm, taylor);
    }

    @Override
    public Tensor mean() {
        Tensor cut = cutProbs();
        Tensor mus = cut.div(cut.mul(2.0).sub(1.0)).add(cut.neg().log1p().sub(cut.log()).reciprocal());
        Tensor x = probs.sub(0.5);
        Tensor taylor = x.pow(2.0).mul(16.0 / 45.0).add(1.0 / 3.0).mul(x).add(0.5);
        return Torch.where(outsideUnstableRegion(), mus, taylor);
    }

    @Override
    public Tensor variance() {
        Tensor cut = cutProbs();
        Tensor vars = cut.mul(cut.sub(1.0)).div(cut.mul(2.0).rsub(1.0).pow(2.0))
                .add(cut.neg().log1p().sub(cut.log()).pow(2.0).reciprocal());
        Tensor x = probs.sub(0.5).pow(2.0);
        Tensor taylor = x.mul(128.0 / 945.0).rsub(1.0 / 15.0).mul(x).rsub(1.0 / 12.0);
        return Torch.where(outsideUnstableRegion(), vars, taylor);
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        Tensor u = probs.newZeros(extendedShape(sampleShape)).uniform_(0, 1, generator);
        return icdf(u);
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor[] lv = Util.broadcastAll(logits, value);
        return F.binaryCrossEntropyWithLogits(lv[0], lv[1], null, null, Reduction.NONE).neg().add(logNorm());
    }

    @Override
    public Tensor cdf(Tensor value) {
        validateSample(value);
        Tensor cut = cutProbs();
        Tensor cdfs = cut.pow(value).mul(cut.rsub(1.0).pow(value.rsub(1.0))).add(cut).sub(1.0).div(cut.mul(2.0).sub(1.0));
        Tensor unbounded = Torch.where(outsideUnstableRegion(), cdfs, value);
        return Torch.where(value.le(0.0), Torch.zerosLike(value), Torch.where(value.ge(1.0), Torch.onesLike(value), unbounded));
    }

    @Override
    public Tensor icdf(Tensor value) {
        Tensor cut = cutProbs();
        Tensor exact = cut.neg().add(value.mul(cut.mul(2.0).sub(1.0))).log1p().sub(cut.neg().log1p())
                .div(cut.log().sub(cut.neg().log1p()));
        return Torch.where(outsideUnstableRegion(), exact, value);
    }

    @Override
    public Tensor entropy() {
        Tensor logProbs0 = probs.neg().log1p();
        Tensor logProbs1 = probs.log();
        return mean().mul(logProbs0.sub(logProbs1)).sub(logNorm()).sub(logProbs0);
    }

    @Override
    public ContinuousBernoulli expand(long... batchShape) {
        // (the explicit flag re-checks the clamped probs, which always pass)
        return fromProbs ? new ContinuousBernoulli(probs.expand(batchShape), null, lowLim, highLim, validateArgs())
                : new ContinuousBernoulli(null, logits.expand(batchShape), lowLim, highLim, validateArgs());
    }
}
