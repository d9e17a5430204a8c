package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * Cross entropy of logits against class indices or probabilities ({@code torch.nn.CrossEntropyLoss}),
 * with optional class weights, an ignored index and label smoothing.
 */
public class CrossEntropyLoss extends Loss {
    private final Tensor weight;
    public final long ignoreIndex;
    public final double labelSmoothing;

    public CrossEntropyLoss() {
        this(null, -100, Reduction.MEAN, 0.0);
    }

    public CrossEntropyLoss(Tensor weight, long ignoreIndex, Reduction reduction, double labelSmoothing) {
        super(reduction);
        this.weight = weight == null ? null : registerBuffer("weight", weight);
        this.ignoreIndex = ignoreIndex;
        this.labelSmoothing = labelSmoothing;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.crossEntropy(input, target, weight == null ? null : buffer("weight"), ignoreIndex, reduction, labelSmoothing);
    }
}
