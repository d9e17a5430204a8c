package org.torch4j.nn;

import org.torch4j.Tensor;

/** x clamped to [min_val, max_val] ({@code torch.nn.Hardtanh}). */
public class Hardtanh extends Module {
    /** The bounds. */
    public final double minVal, maxVal;
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

    /** The bounds -1 and 1. */
    public Hardtanh() {
        this(-1.0, 1.0);
    }

    /** Hardtanh with the given bounds; {@code maxVal} must exceed {@code minVal}. */
    public Hardtanh(double minVal, double maxVal) {
        this(minVal, maxVal, false);
    }

    /** {@code nn.Hardtanh(min_val, max_val, inplace)}: with {@code inplace} the result is written into the input. */
    public Hardtanh(double minVal, double maxVal, boolean inplace) {
        // PyTorch asserts this (an AssertionError without a message)
        if (!(maxVal > minVal)) throw new IllegalArgumentException("Hardtanh: max_val must be greater than min_val");
        this.minVal = minVal;
        this.maxVal = maxVal;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return InPlace.apply(inplace, input, x -> F.hardtanh(x, minVal, maxVal));
    }

    @Override
    protected String extraRepr() {
        return "min_val=" + Py.repr(minVal) + ", max_val=" + Py.repr(maxVal) + InPlace.suffix(inplace);
    }
}
