package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The padding modules ({@code ZeroPad2d}, {@code ConstantPad1d/2d/3d}, {@code ReflectionPad1d/2d},
 * {@code ReplicationPad1d/2d/3d}): a fixed {@link Torch#pad} of the last d dims. A single size pads
 * every side; otherwise the sizes are (left, right, top, bottom, front, back), as PyTorch.
 */
public abstract class PadNd extends Module {
    /** The 2d sizes, last dim first. */
    public final long[] padding;
    /** "constant", "reflect" or "replicate". */
    public final String mode;
    /** The fill of constant padding. */
    public final double value;

    /** Padding of {@code dims} dims with {@code padding} (one size, or 2 * dims). */
    protected PadNd(int dims, long[] padding, String mode, double value) {
        if (padding.length == 1) {
            this.padding = new long[2 * dims];
            java.util.Arrays.fill(this.padding, padding[0]);
        } else if (padding.length == 2 * dims) {
            this.padding = padding.clone();
        } else {
            throw new IllegalArgumentException(getClass().getSimpleName() + " expects " + 2 * dims + " padding sizes (or one), got "
                    + padding.length);
        }
        this.mode = mode;
        this.value = value;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Torch.pad(input, padding, mode, value);
    }

    @Override
    protected String extraRepr() {
        return mode.equals("constant") ? "padding=" + Py.tuple(padding) + ", value=" + Py.repr(value) : Py.tuple(padding);
    }
}
