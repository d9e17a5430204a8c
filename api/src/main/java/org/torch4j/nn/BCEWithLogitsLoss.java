package org.torch4j.nn;

import org.torch4j.Tensor;

/** Binary cross entropy on logits, numerically stable, with an optional positive weight ({@code torch.nn.BCEWithLogitsLoss}). */
public class BCEWithLogitsLoss extends Loss {
    private final Tensor weight, posWeight;

    public BCEWithLogitsLoss() {
        this(null, Reduction.MEAN, null);
    }

    public BCEWithLogitsLoss(Tensor weight, Reduction reduction, Tensor posWeight) {
        super(reduction);
        this.weight = weight == null ? null : registerBuffer("weight", weight);
        this.posWeight = posWeight == null ? null : registerBuffer("pos_weight", posWeight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropyWithLogits(input, target, weight == null ? null : buffer("weight"),
                posWeight == null ? null : buffer("pos_weight"), reduction);
    }
}
