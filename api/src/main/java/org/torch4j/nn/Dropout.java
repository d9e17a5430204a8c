package org.torch4j.nn;

import org.torch4j.Tensor;

/** Zeroes elements with probability p during training ({@code torch.nn.Dropout}). */
public class Dropout extends Module {
    public final double p;

    public Dropout() {
        this(0.5);
    }

    public Dropout(double p) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        this.p = p;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout(input, p, training);
    }

    @Override
    protected String extraRepr() {
        return "p=" + Py.repr(p) + ", inplace=False";
    }
}
