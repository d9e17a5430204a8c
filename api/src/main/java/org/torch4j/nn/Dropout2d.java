package org.torch4j.nn;

import org.torch4j.Tensor;

/** Zeroes whole channels with probability p during training ({@code torch.nn.Dropout2d}). */
public class Dropout2d extends Module {
    public final double p;

    public Dropout2d() {
        this(0.5);
    }

    public Dropout2d(double p) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        this.p = p;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout2d(input, p, training);
    }

    @Override
    protected String extraRepr() {
        return "p=" + Py.repr(p) + ", inplace=False";
    }
}
