package org.torch4j.nn;

import org.torch4j.Tensor;

/** Zeroes elements with probability p during training ({@code torch.nn.Dropout}). */
public class Dropout extends Module {
    /** The probability of zeroing an element. */
    public final double p;

    /** With PyTorch's default {@code p = 0.5}. */
    public Dropout() {
        this(0.5);
    }

    /**
     * In training mode, zeroes each element with probability {@code p} and scales the others by {@code 1 / (1 - p)};
     * in eval mode (or with {@code p = 0}) forward returns its input itself. Any input shape; {@code inplace} is not an
     * option.
     *
     * @param p the probability of zeroing an element (default 0.5)
     * @throws IllegalArgumentException if {@code p} is outside [0, 1], as PyTorch words it
     */
    public Dropout(double p) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        this.p = p;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout(input, p, training);
    }

    @Override
    protected String extraRepr() {
        return "p=" + Py.repr(p) + ", inplace=False";
    }
}
