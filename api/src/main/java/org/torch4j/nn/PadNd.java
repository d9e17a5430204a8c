package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The padding modules ({@code ZeroPad2d}, {@code ConstantPad1d/2d/3d}, {@code ReflectionPad1d/2d},
 * {@code ReplicationPad1d/2d/3d}): a fixed {@link Torch#pad} of the last d dims. A single size pads
 * every side; otherwise the sizes are (left, right, top, bottom, front, back), as PyTorch (which also
 * takes fewer, for the last dims only).
 */
public abstract class PadNd extends Module {
    /** The 2d sizes, last dim first. */
    public final long[] padding;
    /** "constant", "reflect" or "replicate". */
    public final String mode;
    /** The fill of constant padding. */
    public final double value;

    /** Padding of {@code dims} dims with {@code padding} (one size for every side, or the sizes). */
    protected PadNd(int dims, long[] padding, String mode, double value) {
        // as PyTorch: one size is repeated, a tuple is kept as given (F.pad checks it when called)
        if (padding.length == 1) {
            this.padding = new long[2 * dims];
            java.util.Arrays.fill(this.padding, padding[0]);
        } else {
            this.padding = padding.clone();
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
