package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * Randomized leaky ReLU ({@code torch.nn.RReLU}): in training each non-positive element gets its own
 * slope drawn uniformly from [lower, upper) (seeded by {@code Torch.manualSeed}, as PyTorch's); in
 * evaluation the slope is (lower + upper) / 2.
 */
public class RReLU extends Module {
    public final double lower, upper;

    /** lower 1/8, upper 1/3. */
    public RReLU() {
        this(1.0 / 8, 1.0 / 3);
    }

    public RReLU(double lower, double upper) {
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.rrelu(input, lower, upper, training);
    }

    @Override
    protected String extraRepr() {
        return "lower=" + Py.repr(lower) + ", upper=" + Py.repr(upper);
    }
}
