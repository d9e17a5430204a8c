package org.torch4j.nn;

import org.torch4j.Tensor;

/** Quadratic below delta, delta-scaled linear above ({@code torch.nn.HuberLoss}). */
public class HuberLoss extends Loss {
    /** Where the loss changes from quadratic to linear. */
    public final double delta;

    /** With PyTorch's defaults {@code reduction = MEAN, delta = 1.0}. */
    public HuberLoss() {
        this(Reduction.MEAN, 1.0);
    }

    /**
     * {@code 0.5 d^2} where {@code |d| < delta}, else {@code delta (|d| - 0.5 delta)}, with {@code d = input - target}
     * ({@link F#huberLoss(Tensor, Tensor, Reduction, double)}).
     *
     * @param reduction how to reduce the elementwise losses (default {@code MEAN})
     * @param delta the threshold (default 1.0)
     * @throws IllegalArgumentException if {@code delta} is not positive, as PyTorch words it
     */
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
