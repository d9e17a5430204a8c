package org.torch4j.nn;

import org.torch4j.Tensor;

/** The mean absolute error. ({@code torch.nn.L1Loss}) */
public class L1Loss extends Loss {
    public L1Loss() {
        this(Reduction.MEAN);
    }

    public L1Loss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.l1Loss(input, target, reduction);
    }
}
