package org.torch4j.nn;

import org.torch4j.Tensor;

/** Zeroes elements with probability p during training ({@code torch.nn.Dropout}). */
public class Dropout extends Module {
    /** The probability of zeroing an element. */
    public final double p;
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

    /** With PyTorch's default {@code p = 0.5}. */
    public Dropout() {
        this(0.5);
    }

    /**
     * In training mode, zeroes each element with probability {@code p} and scales the others by {@code 1 / (1 - p)};
     * in eval mode (or with {@code p = 0}) forward returns its input itself. Any input shape.
     *
     * @param p the probability of zeroing an element (default 0.5)
     * @throws IllegalArgumentException if {@code p} is outside [0, 1], as PyTorch words it
     */
    public Dropout(double p) {
        this(p, false);
    }

    /** {@code nn.Dropout(p, inplace)}: with {@code inplace} the result is written into the input. */
    public Dropout(double p, boolean inplace) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        this.p = p;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return InPlace.apply(inplace, input, x -> F.dropout(x, p, training));
    }

    @Override
    protected String extraRepr() {
        return "p=" + Py.repr(p) + ", inplace=" + (inplace ? "True" : "False");
    }
}
