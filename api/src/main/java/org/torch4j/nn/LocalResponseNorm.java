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

    /**
     * {@code x / (k + alpha * mean of x^2 over the size channels around)^beta} across dim 1 of {@code (N, C, *)}
     * (the channel window zero-padded at the ends); the output has the input's shape.
     *
     * @param size the number of neighbouring channels
     * @param alpha the scale (default 1e-4)
     * @param beta the exponent (default 0.75)
     * @param k the additive constant (default 1.0)
     */
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
