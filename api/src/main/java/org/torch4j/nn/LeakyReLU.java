package org.torch4j.nn;

import org.torch4j.Tensor;

/** x for x > 0, else slope * x ({@code torch.nn.LeakyReLU}). */
public class LeakyReLU extends Module {
    public final double negativeSlope;

    public LeakyReLU() {
        this(0.01);
    }

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
