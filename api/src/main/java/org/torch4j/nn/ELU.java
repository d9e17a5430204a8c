package org.torch4j.nn;

import org.torch4j.Tensor;

/** x for x > 0, else alpha (exp(x) - 1) ({@code torch.nn.ELU}). */
public class ELU extends Module {
    /** The value negative inputs saturate to, {@code -alpha}. */
    public final double alpha;
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

    /** With PyTorch's default {@code alpha = 1.0}. */
    public ELU() {
        this(1.0);
    }

    /**
     * The ELU of any input shape, elementwise ({@link F#elu(Tensor, double)}).
     *
     * @param alpha the saturation value of the negative branch (default 1.0)
     */
    public ELU(double alpha) {
        this(alpha, false);
    }

    /** {@code nn.ELU(alpha, inplace)}: with {@code inplace} the result is written into the input. */
    public ELU(double alpha, boolean inplace) {
        this.alpha = alpha;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return InPlace.apply(inplace, input, x -> F.elu(x, alpha));
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + Py.repr(alpha) + InPlace.suffix(inplace);
    }
}
