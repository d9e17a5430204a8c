package org.torch4j.nn;

import org.torch4j.Tensor;

/** Zeroes whole channels with probability p during training ({@code torch.nn.Dropout2d}). */
public class Dropout2d extends Module {
    /** The probability of zeroing a channel. */
    public final double p;
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

    /** With PyTorch's default {@code p = 0.5}. */
    public Dropout2d() {
        this(0.5);
    }

    /**
     * In training mode, zeroes whole channels (dim 1) of {@code (N, C, H, W)} with probability {@code p} and scales
     * the others by {@code 1 / (1 - p)}; as in PyTorch 1.13 a 3-d input is taken as {@code (N, C, L)}. In eval mode
     * forward returns its input itself.
     *
     * @param p the probability of zeroing a channel (default 0.5)
     * @throws IllegalArgumentException if {@code p} is outside [0, 1], as PyTorch words it
     */
    public Dropout2d(double p) {
        this(p, false);
    }

    /** {@code nn.Dropout2d(p, inplace)}: with {@code inplace} the result is written into the input. */
    public Dropout2d(double p, boolean inplace) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        this.p = p;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return InPlace.apply(inplace, input, x -> F.dropout2d(x, p, training));
    }

    @Override
    protected String extraRepr() {
        return "p=" + Py.repr(p) + ", inplace=" + (inplace ? "True" : "False");
    }
}
