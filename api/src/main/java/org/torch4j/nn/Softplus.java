package org.torch4j.nn;

import org.torch4j.Tensor;

/** log(1 + exp(beta x)) / beta, linear above threshold ({@code torch.nn.Softplus}). */
public class Softplus extends Module {
    /** The sharpness and the value of {@code beta * x} above which the function is taken as linear. */
    public final double beta, threshold;
    private final String repr;

    /** With PyTorch's defaults {@code beta = 1, threshold = 20}. */
    public Softplus() {
        this(1, 20);
    }

    /** Integer options, printed as PyTorch prints its int defaults ({@code beta=1, threshold=20}). */
    public Softplus(int beta, int threshold) {
        this.beta = beta;
        this.threshold = threshold;
        this.repr = "beta=" + beta + ", threshold=" + threshold;
    }

    /**
     * {@code log(1 + exp(beta x)) / beta}, and {@code x} where {@code beta x > threshold}, elementwise on any input
     * shape; the options print as Python floats.
     *
     * @param beta the sharpness (default 1)
     * @param threshold the linear threshold (default 20)
     */
    public Softplus(double beta, double threshold) {
        this.beta = beta;
        this.threshold = threshold;
        this.repr = "beta=" + Py.repr(beta) + ", threshold=" + Py.repr(threshold);
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.softplus(beta, threshold);
    }

    @Override
    protected String extraRepr() {
        return repr;
    }
}
