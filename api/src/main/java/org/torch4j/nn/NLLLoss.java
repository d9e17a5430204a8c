package org.torch4j.nn;

import org.torch4j.Tensor;

/** Negative log likelihood of log-probabilities ({@code torch.nn.NLLLoss}). */
public class NLLLoss extends Loss {
    private final Tensor weight;
    /** The class index whose targets are skipped (they add nothing to the loss nor to the mean's divisor). */
    public final long ignoreIndex;

    /** With PyTorch's defaults: no class weights, {@code ignore_index = -100, reduction = MEAN}. */
    public NLLLoss() {
        this(null, -100, Reduction.MEAN);
    }

    /**
     * The negative log likelihood of log-probabilities {@code (N, C, d1...)} or {@code (C)} at int64 class indices
     * {@code (N, d1...)} (or a scalar); {@code MEAN} divides by the total weight of the non-ignored targets.
     *
     * @param weight per-class weights {@code (C)}, or null (the default); kept as buffer {@code weight}
     * @param ignoreIndex the target class that is skipped (default -100)
     * @param reduction how to reduce the per-element losses (default {@code MEAN})
     */
    public NLLLoss(Tensor weight, long ignoreIndex, Reduction reduction) {
        super(reduction);
        this.weight = weight == null ? null : registerBuffer("weight", weight);
        this.ignoreIndex = ignoreIndex;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.nllLoss(input, target, weight == null ? null : buffer("weight"), ignoreIndex, reduction);
    }
}
