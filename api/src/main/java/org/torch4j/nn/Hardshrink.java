package org.torch4j.nn;

import org.torch4j.Tensor;

/** x where |x| > lambd, else 0 ({@code torch.nn.Hardshrink}). */
public class Hardshrink extends Module {
    /** The half-width of the zeroed band. */
    public final double lambd;

    /** lambd = 0.5. */
    public Hardshrink() {
        this(0.5);
    }

    /** Hardshrink with the given lambd. */
    public Hardshrink(double lambd) {
        this.lambd = lambd;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.hardshrink(input, lambd);
    }

    @Override
    protected String extraRepr() {
        return Py.repr(lambd);
    }
}
