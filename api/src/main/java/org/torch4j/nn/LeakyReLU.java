package org.torch4j.nn;

import org.torch4j.Tensor;

/** x for x > 0, else slope * x ({@code torch.nn.LeakyReLU}). */
public class LeakyReLU extends Module {
    /** The slope for negative inputs. */
    public final double negativeSlope;
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

    /** With PyTorch's default {@code negative_slope = 0.01}. */
    public LeakyReLU() {
        this(0.01);
    }

    /**
     * The leaky ReLU of any input shape, elementwise.
     *
     * @param negativeSlope the slope for negative inputs (default 0.01)
     */
    public LeakyReLU(double negativeSlope) {
        this(negativeSlope, false);
    }

    /** {@code nn.LeakyReLU(negative_slope, inplace)}: with {@code inplace} the result is written into the input. */
    public LeakyReLU(double negativeSlope, boolean inplace) {
        this.negativeSlope = negativeSlope;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return InPlace.apply(inplace, input, x -> F.leakyRelu(x, negativeSlope));
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + Py.repr(negativeSlope) + InPlace.suffix(inplace);
    }
}
