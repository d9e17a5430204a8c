package org.torch4j.nn;

import org.torch4j.Tensor;

/** Zeroes whole channels of [N, C, D, H, W] (or [C, D, H, W]) inputs with probability p during training ({@code torch.nn.Dropout3d}). */
public class Dropout3d extends Module {
    /** The probability of dropping. */
    public final double p;

    /** p = 0.5. */
    public Dropout3d() {
        this(0.5);
    }

    /**
     * Drops with probability {@code p} in training (an identity in evaluation).
     *
     * @throws IllegalArgumentException for p outside [0, 1]
     */
    public Dropout3d(double p) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + Py.repr(p));
        this.p = p;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout3d(input, p, training);
    }

    @Override
    protected String extraRepr() {
        return "p=" + Py.repr(p) + ", inplace=False";
    }
}
