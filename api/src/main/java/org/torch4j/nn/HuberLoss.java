package org.torch4j.nn;

import org.torch4j.Tensor;

/** Quadratic below delta, delta-scaled linear above ({@code torch.nn.HuberLoss}). */
public class HuberLoss extends Loss {
    public final double delta;

    public HuberLoss() {
        this(Reduction.MEAN, 1.0);
    }

    public HuberLoss(Reduction reduction, double delta) {
        super(reduction);
        if (delta <= 0) throw new IllegalArgumentException("huber_loss does not support non-positive values for delta.");
        this.delta = delta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.huberLoss(input, target, reduction, delta);
    }
}
