package org.torch4j.nn;

/** Pads the last dim with a constant ({@code torch.nn.ConstantPad1d}). */
public class ConstantPad1d extends PadNd {
    /** The same size on every side, filled with {@code value}. */
    public ConstantPad1d(long padding, double value) {
        this(new long[] {padding}, value);
    }

    /** The sizes (left, right), or one for every side, filled with {@code value}. */
    public ConstantPad1d(long[] padding, double value) {
        super(1, padding, "constant", value);
    }
}
