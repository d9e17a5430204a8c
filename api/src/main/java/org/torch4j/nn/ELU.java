package org.torch4j.nn;

import org.torch4j.Tensor;

/** x for x > 0, else alpha (exp(x) - 1) ({@code torch.nn.ELU}). */
public class ELU extends Module {
    public final double alpha;

    public ELU() {
        this(1.0);
    }

    public ELU(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.elu(input, alpha);
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + Py.repr(alpha);
    }
}
