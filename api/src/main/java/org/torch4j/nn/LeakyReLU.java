package org.torch4j.nn;

import org.torch4j.Tensor;

/** x for x > 0, else slope * x ({@code torch.nn.LeakyReLU}). */
public class LeakyReLU extends Module {
    /** The slope for negative inputs. */
    public final double negativeSlope;

    /** With PyTorch's default {@code negative_slope = 0.01}. */
    public LeakyReLU() {
        this(0.01);
    }

    /**
     * The leaky ReLU of any input shape, elementwise; {@code inplace} is not an option.
     *
     * @param negativeSlope the slope for negative inputs (default 0.01)
     */
    public LeakyReLU(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.leakyRelu(input, negativeSlope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + Py.repr(negativeSlope);
    }
}
