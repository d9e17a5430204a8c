package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * Cross entropy of logits against class indices or probabilities ({@code torch.nn.CrossEntropyLoss}),
 * with optional class weights, an ignored index and label smoothing.
 */
public class CrossEntropyLoss extends Loss {
    private final Tensor weight;
    /** The class index whose targets are skipped (they add nothing to the loss nor to the mean's divisor). */
    public final long ignoreIndex;
    /** The amount of label smoothing in [0, 1]. */
    public final double labelSmoothing;

    /** With PyTorch's defaults: no class weights, {@code ignore_index = -100, reduction = MEAN, label_smoothing = 0.0}. */
    public CrossEntropyLoss() {
        this(null, -100, Reduction.MEAN, 0.0);
    }

    /**
     * Cross entropy of logits {@code (N, C, d1...)} or {@code (C)} against class indices {@code (N, d1...)} (int64) or
     * class probabilities of the input's shape ({@link F#crossEntropy}).
     *
     * @param weight per-class weights {@code (C)}, or null (the default); kept as buffer {@code weight}
     * @param ignoreIndex the target class that is skipped (default -100)
     * @param reduction how to reduce the per-element losses (default {@code MEAN})
     * @param labelSmoothing the amount of smoothing in [0, 1] (default 0.0); out of range fails in forward with
     *        PyTorch's message
     */
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
