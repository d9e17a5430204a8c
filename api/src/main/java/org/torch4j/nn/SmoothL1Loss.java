package org.torch4j.nn;

import org.torch4j.Tensor;

/** Quadratic below beta, linear above ({@code torch.nn.SmoothL1Loss}). */
public class SmoothL1Loss extends Loss {
    /** Where the loss changes from quadratic to linear. */
    public final double beta;

    /** With PyTorch's defaults {@code reduction = MEAN, beta = 1.0}. */
    public SmoothL1Loss() {
        this(Reduction.MEAN, 1.0);
    }

    /**
     * {@code 0.5 d^2 / beta} where {@code |d| < beta}, else {@code |d| - 0.5 beta}, with {@code d = input - target};
     * with {@code beta = 0} it is the L1 loss ({@link F#smoothL1Loss(Tensor, Tensor, Reduction, double)}).
     *
     * @param reduction how to reduce the elementwise losses (default {@code MEAN})
     * @param beta the threshold (default 1.0)
     * @throws IllegalArgumentException if {@code beta} is negative, as PyTorch words it
     */
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
