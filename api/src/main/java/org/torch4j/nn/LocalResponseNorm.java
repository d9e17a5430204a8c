package org.torch4j.nn;

import org.torch4j.Tensor;

/** Normalisation by the squares of neighbouring channels ({@code torch.nn.LocalResponseNorm}). */
public class LocalResponseNorm extends Module {
    /** The number of neighbouring channels. */
    public final long size;
    /** The scale, exponent and additive constant of the denominator. */
    public final double alpha, beta, k;

    /** alpha = 1e-4, beta = 0.75, k = 1. */
    public LocalResponseNorm(long size) {
        this(size, 1e-4, 0.75, 1.0);
    }

    /** LocalResponseNorm with every option. */
    public LocalResponseNorm(long size, double alpha, double beta, double k) {
        this.size = size;
        this.alpha = alpha;
        this.beta = beta;
        this.k = k;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.localResponseNorm(input, size, alpha, beta, k);
    }

    @Override
    protected String extraRepr() {
        return size + ", alpha=" + Py.repr(alpha) + ", beta=" + Py.repr(beta) + ", k=" + Py.repr(k);
    }
}
