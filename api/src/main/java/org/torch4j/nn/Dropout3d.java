package org.torch4j.nn;

import org.torch4j.Tensor;

/** Zeroes whole channels of [N, C, D, H, W] (or [C, D, H, W]) inputs with probability p during training ({@code torch.nn.Dropout3d}). */
public class Dropout3d extends Module {
    /** The probability of dropping. */
    public final double p;
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

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
        this(p, false);
    }

    /** {@code nn.Dropout3d(p, inplace)}: with {@code inplace} the result is written into the input. */
    public Dropout3d(double p, boolean inplace) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + Py.repr(p));
        this.p = p;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return InPlace.apply(inplace, input, x -> F.dropout3d(x, p, training));
    }

    @Override
    protected String extraRepr() {
        return "p=" + Py.repr(p) + ", inplace=" + (inplace ? "True" : "False");
    }
}
