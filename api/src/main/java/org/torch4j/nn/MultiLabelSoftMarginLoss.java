package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * One-versus-all logistic loss for multi-label 0/1 targets, averaged over the classes
 * ({@code torch.nn.MultiLabelSoftMarginLoss}); a class weight is kept as the buffer {@code weight}.
 */
public class MultiLabelSoftMarginLoss extends Loss {
    private final boolean weighted;

    /** No class weights, mean. */
    public MultiLabelSoftMarginLoss() {
        this(null, Reduction.MEAN);
    }

    /** MultiLabelSoftMarginLoss with per-class weights [C] (or null). */
    public MultiLabelSoftMarginLoss(Tensor weight, Reduction reduction) {
        super(reduction);
        weighted = weight != null;
        if (weighted) registerBuffer("weight", weight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.multilabelSoftMarginLoss(input, target, weighted ? buffer("weight") : null, reduction);
    }
}
