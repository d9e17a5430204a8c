package org.torch4j.nn;

import org.torch4j.Tensor;

/** Binary cross entropy of probabilities ({@code torch.nn.BCELoss}). */
public class BCELoss extends Loss {
    private final Tensor weight;

    /** No weight and {@code reduction = MEAN}. */
    public BCELoss() {
        this(null, Reduction.MEAN);
    }

    /**
     * Binary cross entropy of probabilities in [0, 1] against targets of the same shape; the log terms are clamped
     * at -100 as in PyTorch.
     *
     * @param weight a rescaling weight broadcast against the elementwise loss, or null (the default); kept as buffer
     *        {@code weight}
     * @param reduction how to reduce the elementwise losses (default {@code MEAN})
     */
    public BCELoss(Tensor weight, Reduction reduction) {
        super(reduction);
        this.weight = weight == null ? null : registerBuffer("weight", weight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropy(input, target, weight == null ? null : buffer("weight"), reduction);
    }
}
