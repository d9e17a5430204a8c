package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * Randomized leaky ReLU ({@code torch.nn.RReLU}): in training each non-positive element gets its own
 * slope drawn uniformly from [lower, upper) (seeded by {@code Torch.manualSeed}, as PyTorch's); in
 * evaluation the slope is (lower + upper) / 2.
 */
public class RReLU extends Module {
    /** The bounds of the uniform distribution the negative slopes are drawn from. */
    public final double lower, upper;
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

    /** lower 1/8, upper 1/3. */
    public RReLU() {
        this(1.0 / 8, 1.0 / 3);
    }

    /**
     * The randomized leaky ReLU of any input shape, elementwise.
     *
     * @param lower the lower bound of the slopes (default 1/8)
     * @param upper the upper bound of the slopes (default 1/3)
     */
    public RReLU(double lower, double upper) {
        this(lower, upper, false);
    }

    /** {@code nn.RReLU(lower, upper, inplace)}: with {@code inplace} the result is written into the input. */
    public RReLU(double lower, double upper, boolean inplace) {
        this.lower = lower;
        this.upper = upper;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return InPlace.apply(inplace, input, x -> F.rrelu(x, lower, upper, training));
    }

    @Override
    protected String extraRepr() {
        return "lower=" + Py.repr(lower) + ", upper=" + Py.repr(upper) + InPlace.suffix(inplace);
    }
}
