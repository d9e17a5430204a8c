package org.torch4j.nn;

import org.torch4j.Tensor;

/** The mean absolute error. ({@code torch.nn.L1Loss}) */
public class L1Loss extends Loss {
    /** With PyTorch's default {@code reduction = MEAN}. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    /**
     * {@code |input - target|}, with input and target broadcast together ({@link F#l1Loss(Tensor, Tensor, Reduction)}).
     *
     * @param reduction how to reduce the elementwise losses
     */
    public L1Loss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.l1Loss(input, target, reduction);
    }
}
