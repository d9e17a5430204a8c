package org.torch4j.nn;

import org.torch4j.Tensor;

/** Quadratic below beta, linear above ({@code torch.nn.SmoothL1Loss}). */
public class SmoothL1Loss extends Loss {
    public final double beta;

    public SmoothL1Loss() {
        this(Reduction.MEAN, 1.0);
    }

    public SmoothL1Loss(Reduction reduction, double beta) {
        super(reduction);
        if (beta < 0) throw new IllegalArgumentException("smooth_l1_loss does not support negative values for beta.");
        this.beta = beta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.smoothL1Loss(input, target, reduction, beta);
    }
}
