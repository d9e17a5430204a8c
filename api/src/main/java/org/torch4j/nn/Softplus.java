package org.torch4j.nn;

import org.torch4j.Tensor;

/** log(1 + exp(beta x)) / beta, linear above threshold ({@code torch.nn.Softplus}). */
public class Softplus extends Module {
    public final double beta, threshold;

    public Softplus() {
        this(1, 20);
    }

    public Softplus(double beta, double threshold) {
        this.beta = beta;
        this.threshold = threshold;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.softplus(beta, threshold);
    }

    @Override
    protected String extraRepr() {
        return "beta=" + beta + ", threshold=" + threshold;
    }
}
