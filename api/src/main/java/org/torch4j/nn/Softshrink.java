package org.torch4j.nn;

import org.torch4j.Tensor;

/** x shrunk towards 0 by lambd, 0 inside [-lambd, lambd] ({@code torch.nn.Softshrink}). */
public class Softshrink extends Module {
    /** The shrinkage, not negative. */
    public final double lambd;

    /** lambd = 0.5. */
    public Softshrink() {
        this(0.5);
    }

    /** Softshrink with the given lambd (checked when called, as PyTorch). */
    public Softshrink(double lambd) {
        this.lambd = lambd;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.softshrink(input, lambd);
    }

    @Override
    protected String extraRepr() {
        return Py.repr(lambd);
    }
}
