package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The spectral-norm parametrization ({@code torch.nn.utils.parametrizations._SpectralNorm}, made by
 * {@link Parametrizations#spectralNorm}): the weight divided by its largest singular value, estimated by power
 * iteration on buffers {@code _u} and {@code _v} (15 iterations when made, {@code nPowerIterations} per
 * evaluation in training). A 1-d weight is normalised to unit length instead.
 */
final class SpectralNormParametrization extends Module implements RightInverse {
    private final int dim, nPowerIterations;
    private final double eps;

    SpectralNormParametrization(Tensor weight, int nPowerIterations, int dim, double eps) {
        int ndim = weight.dim();
        if (dim >= ndim || dim < -ndim) {
            throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of [-" + ndim + ", " + (ndim - 1)
                    + "] but got " + dim + ")");
        }
        if (nPowerIterations <= 0) {
            throw new IllegalArgumentException("Expected n_power_iterations to be positive, but got n_power_iterations=" + nPowerIterations);
        }
        this.dim = dim >= 0 ? dim : dim + ndim;
        this.eps = eps;
        this.nPowerIterations = nPowerIterations;
        if (ndim > 1) {
            try (var g = Torch.noGrad()) {
                Tensor mat = SpectralNorm.matrix(weight.detach(), dim);
                // u first, then v, from the default generator: PyTorch's order
                Tensor u = Torch.empty(new long[] {mat.size(0)}, weight.dtype(), weight.device()).normal_(0, 1);
                Tensor v = Torch.empty(new long[] {mat.size(1)}, weight.dtype(), weight.device()).normal_(0, 1);
                registerBuffer("_u", F.normalize(u, 2, 0, eps));
                registerBuffer("_v", F.normalize(v, 2, 0, eps));
                powerMethod(mat, 15);
            }
        }
    }

    /** u = normalize(W v), then v = normalize(W^T u), in place (PyTorch's order here; the hook form updates v first). */
    private void powerMethod(Tensor mat, int iterations) {
        try (var g = Torch.noGrad()) {
            for (int k = 0; k < iterations; k++) {
                buffer("_u").copy_(F.normalize(mat.mv(buffer("_v")), 2, 0, eps));
                buffer("_v").copy_(F.normalize(mat.t().mv(buffer("_u")), 2, 0, eps));
            }
        }
    }

    @Override
    public Tensor forward(Tensor weight) {
        if (weight.dim() == 1) return F.normalize(weight, 2, 0, eps);
        Tensor mat = SpectralNorm.matrix(weight, dim);
        if (training) powerMethod(mat.detach(), nPowerIterations);
        // copies: the buffers may be refined again in place before this graph's backward
        Tensor u = buffer("_u").clone(), v = buffer("_v").clone();
        return weight.div(u.dot(mat.mv(v)));
    }

    /** Assigning a weight keeps it as the original (the normalisation is not inverted, as in PyTorch). */
    @Override
    public Tensor rightInverse(Tensor value) {
        return value;
    }

    @Override
    protected String typeName() {
        return "_SpectralNorm";
    }
}
