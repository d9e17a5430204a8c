package org.torch4j.nn;

import org.torch4j.Tensor;

/** x where x > threshold, else value ({@code torch.nn.Threshold}). */
public class Threshold extends Module {
    /** The value to exceed, and the replacement below it. */
    public final double threshold, value;

    /** Threshold with PyTorch's two required arguments. */
    public Threshold(double threshold, double value) {
        this.threshold = threshold;
        this.value = value;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.threshold(input, threshold, value);
    }

    @Override
    protected String extraRepr() {
        return "threshold=" + Py.repr(threshold) + ", value=" + Py.repr(value);
    }
}
