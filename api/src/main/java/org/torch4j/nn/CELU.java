package org.torch4j.nn;

import org.torch4j.Tensor;

/** Continuously differentiable ELU: {@code max(0, x) + min(0, alpha (exp(x / alpha) - 1))} ({@code torch.nn.CELU}). */
public class CELU extends Module {
    /** The alpha of the negative part. */
    public final double alpha;

    /** alpha = 1. */
    public CELU() {
        this(1.0);
    }

    /** CELU with the given alpha. */
    public CELU(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.celu(input, alpha);
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + Py.repr(alpha);
    }
}
