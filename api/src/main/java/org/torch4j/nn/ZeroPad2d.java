package org.torch4j.nn;

/** Pads the last two dims with zeros ({@code torch.nn.ZeroPad2d}). */
public class ZeroPad2d extends PadNd {
    /** The same size on every side. */
    public ZeroPad2d(long padding) {
        this(new long[] {padding});
    }

    /** The sizes (left, right, top, bottom), or one for every side. */
    public ZeroPad2d(long... padding) {
        super(2, padding, "constant", 0.0);
    }

    /** PyTorch prints only the sizes for zero padding. */
    @Override
    protected String extraRepr() {
        return Py.tuple(padding);
    }
}
