package org.torch4j.nn;

import org.torch4j.Tensor;

/** The mean squared error. ({@code torch.nn.MSELoss}) */
public class MSELoss extends Loss {
    /** With PyTorch's default {@code reduction = MEAN}. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /**
     * {@code (input - target)^2}, with input and target broadcast together ({@link F#mseLoss(Tensor, Tensor, Reduction)}).
     *
     * @param reduction how to reduce the elementwise losses
     */
    public MSELoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.mseLoss(input, target, reduction);
    }
}
