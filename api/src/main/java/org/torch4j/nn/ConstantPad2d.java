package org.torch4j.nn;

/** Pads the last two dims with a constant ({@code torch.nn.ConstantPad2d}). */
public class ConstantPad2d extends PadNd {
    /** The same size on every side, filled with {@code value}. */
    public ConstantPad2d(long padding, double value) {
        this(new long[] {padding}, value);
    }

    /** The sizes (left, right, top, bottom), or one for every side, filled with {@code value}. */
    public ConstantPad2d(long[] padding, double value) {
        super(2, padding, "constant", value);
    }
}
