package org.torch4j.nn;

/** Pads the last three dims with a constant ({@code torch.nn.ConstantPad3d}). */
public class ConstantPad3d extends PadNd {
    /** The same size on every side, filled with {@code value}. */
    public ConstantPad3d(long padding, double value) {
        this(new long[] {padding}, value);
    }

    /** The sizes (left, right, top, bottom, front, back), or one for every side, filled with {@code value}. */
    public ConstantPad3d(long[] padding, double value) {
        super(3, padding, "constant", value);
    }
}
