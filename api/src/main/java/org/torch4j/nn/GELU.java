package org.torch4j.nn;

import org.torch4j.Tensor;

/** Gaussian error linear unit; approximate "none" or "tanh" ({@code torch.nn.GELU}). */
public class GELU extends Module {
    /** "none" (the exact erf form) or "tanh" (the tanh approximation). */
    public final String approximate;

    /** With PyTorch's default {@code approximate = "none"}: {@code x * Phi(x)}. */
    public GELU() {
        this("none");
    }

    /**
     * The GELU of any input shape, elementwise.
     *
     * @param approximate "none" (default) or "tanh"
     * @throws IllegalArgumentException for another value, as PyTorch words it
     */
    public GELU(String approximate) {
        if (!approximate.equals("none") && !approximate.equals("tanh")) {
            throw new IllegalArgumentException("approximate argument must be either none or tanh.");
        }
        this.approximate = approximate;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.gelu(approximate);
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}
