package org.torch4j.nn;

import org.torch4j.Tensor;

/** Negative log likelihood of log-probabilities ({@code torch.nn.NLLLoss}). */
public class NLLLoss extends Loss {
    private final Tensor weight;
    public final long ignoreIndex;

    public NLLLoss() {
        this(null, -100, Reduction.MEAN);
    }

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
