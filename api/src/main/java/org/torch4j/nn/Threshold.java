package org.torch4j.nn;

import org.torch4j.Tensor;

/** x where x > threshold, else value ({@code torch.nn.Threshold}). */
public class Threshold extends Module {
    /** The value to exceed, and the replacement below it. */
    public final double threshold, value;
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

    /** Threshold with PyTorch's two required arguments. */
    public Threshold(double threshold, double value) {
        this(threshold, value, false);
    }

    /** {@code nn.Threshold(threshold, value, inplace)}: with {@code inplace} the result is written into the input. */
    public Threshold(double threshold, double value, boolean inplace) {
        this.threshold = threshold;
        this.value = value;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return InPlace.apply(inplace, input, x -> F.threshold(x, threshold, value));
    }

    @Override
    protected String extraRepr() {
        return "threshold=" + Py.repr(threshold) + ", value=" + Py.repr(value) + InPlace.suffix(inplace);
    }
}
