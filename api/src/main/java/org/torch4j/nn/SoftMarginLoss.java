package org.torch4j.nn;

import org.torch4j.Tensor;

/** The two-class logistic loss {@code log(1 + exp(-y x))} ({@code torch.nn.SoftMarginLoss}). */
public class SoftMarginLoss extends Loss {
    /** The mean over elements. */
    public SoftMarginLoss() {
        this(Reduction.MEAN);
    }

    /** SoftMarginLoss with the given reduction. */
    public SoftMarginLoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.softMarginLoss(input, target, reduction);
    }
}
