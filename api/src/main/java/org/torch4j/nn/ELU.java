package org.torch4j.nn;

import org.torch4j.Tensor;

/** x for x > 0, else alpha (exp(x) - 1) ({@code torch.nn.ELU}). */
public class ELU extends Module {
    /** The value negative inputs saturate to, {@code -alpha}. */
    public final double alpha;

    /** With PyTorch's default {@code alpha = 1.0}. */
    public ELU() {
        this(1.0);
    }

    /**
     * The ELU of any input shape, elementwise ({@link F#elu(Tensor, double)}); {@code inplace} is not an option.
     *
     * @param alpha the saturation value of the negative branch (default 1.0)
     */
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
