package org.torch4j.nn;

import org.torch4j.Tensor;

/** The gated linear unit: the first half along dim times the sigmoid of the second ({@code torch.nn.GLU}). */
public class GLU extends Module {
    /** The dim that is halved. */
    public final int dim;

    /** dim = -1. */
    public GLU() {
        this(-1);
    }

    /** GLU halving {@code dim}. */
    public GLU(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.glu(input, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
