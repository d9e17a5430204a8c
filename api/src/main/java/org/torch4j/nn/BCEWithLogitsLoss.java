package org.torch4j.nn;

import org.torch4j.Tensor;

/** Binary cross entropy on logits, numerically stable, with an optional positive weight ({@code torch.nn.BCEWithLogitsLoss}). */
public class BCEWithLogitsLoss extends Loss {
    private final Tensor weight, posWeight;

    /** No weight, no {@code pos_weight} and {@code reduction = MEAN}. */
    public BCEWithLogitsLoss() {
        this(null, Reduction.MEAN, null);
    }

    /**
     * Binary cross entropy of {@code sigmoid(input)} against targets of the same shape, computed from the logits
     * without forming the sigmoid.
     *
     * @param weight a rescaling weight broadcast against the elementwise loss, or null (the default); kept as buffer
     *        {@code weight}
     * @param reduction how to reduce the elementwise losses (default {@code MEAN})
     * @param posWeight a weight of the positive term, broadcast against the target, or null (the default); kept as
     *        buffer {@code pos_weight}
     */
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
