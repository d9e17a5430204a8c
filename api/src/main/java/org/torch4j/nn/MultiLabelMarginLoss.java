package org.torch4j.nn;

import org.torch4j.Tensor;

/** The multi-label hinge loss against lists of class indices ended by -1 ({@code torch.nn.MultiLabelMarginLoss}). */
public class MultiLabelMarginLoss extends Loss {
    /** The mean over samples. */
    public MultiLabelMarginLoss() {
        this(Reduction.MEAN);
    }

    /** MultiLabelMarginLoss with the given reduction. */
    public MultiLabelMarginLoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.multilabelMarginLoss(input, target, reduction);
    }
}
