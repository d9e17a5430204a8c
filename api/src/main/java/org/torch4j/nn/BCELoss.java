package org.torch4j.nn;

import org.torch4j.Tensor;

/** Binary cross entropy of probabilities ({@code torch.nn.BCELoss}). */
public class BCELoss extends Loss {
    private final Tensor weight;

    public BCELoss() {
        this(null, Reduction.MEAN);
    }

    public BCELoss(Tensor weight, Reduction reduction) {
        super(reduction);
        this.weight = weight == null ? null : registerBuffer("weight", weight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropy(input, target, weight == null ? null : buffer("weight"), reduction);
    }
}
