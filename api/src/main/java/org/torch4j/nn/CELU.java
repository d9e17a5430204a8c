package org.torch4j.nn;

import org.torch4j.Tensor;

/** Continuously differentiable ELU: {@code max(0, x) + min(0, alpha (exp(x / alpha) - 1))} ({@code torch.nn.CELU}). */
public class CELU extends Module {
    /** The alpha of the negative part. */
    public final double alpha;
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

    /** alpha = 1. */
    public CELU() {
        this(1.0);
    }

    /** CELU with the given alpha. */
    public CELU(double alpha) {
        this(alpha, false);
    }

    /** {@code nn.CELU(alpha, inplace)}: with {@code inplace} the result is written into the input. */
    public CELU(double alpha, boolean inplace) {
        this.alpha = alpha;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return InPlace.apply(inplace, input, x -> F.celu(x, alpha));
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + Py.repr(alpha) + InPlace.suffix(inplace);
    }
}
