package org.torch4j;

/**
 * {@code cov} and {@code corrcoef} of variables in rows and observations in columns, composed from
 * reductions and a matrix product (differentiable as such), with PyTorch's weighting and checks.
 */
final class Covariance {
    private Covariance() {}

    /**
     * The covariance matrix: observations weighted by the integer {@code fweights} (repeat counts) and the
     * floating {@code aweights} (importance), normalised by their sum less {@code correction} (1: unbiased).
     */
    static Tensor cov(Tensor input, long correction, Tensor fweights, Tensor aweights) {
        if (input.dim() > 2) {
            throw new IllegalArgumentException("cov(): expected input to have two or fewer dimensions but got an input with "
                    + input.dim() + " dimensions");
        }
        Tensor x = input.dim() < 2 ? input.reshape(1, -1) : input;
        long observations = x.size(1);
        Tensor w = null;
        if (fweights != null) {
            checkWeights(fweights, "fweights", observations);
            if (fweights.isFloatingPoint() || fweights.isComplex()) {
                throw new IllegalArgumentException("cov(): expected fweights to have integral dtype but got fweights with "
                        + Printer.cppName(fweights.dtype()) + " dtype");
            }
            if (fweights.lt(0.0).any().itemBool()) throw new IllegalArgumentException("cov(): fweights cannot be negative");
            w = fweights;
        }
        if (aweights != null) {
            checkWeights(aweights, "aweights", observations);
            if (!aweights.isFloatingPoint()) {
                throw new IllegalArgumentException("cov(): expected aweights to have floating point dtype but got aweights with "
                        + Printer.cppName(aweights.dtype()) + " dtype");
            }
            if (aweights.lt(0.0).any().itemBool()) throw new IllegalArgumentException("cov(): aweights cannot be negative");
            w = w == null ? aweights : w.mul(aweights);
        }
        Tensor wSum = w == null ? Torch.scalarTensor((double) observations).to(resultType(x)) : w.sum();
        Tensor mean = (w == null ? x : x.mul(w)).sum(new int[] {1}, false).div(wSum);
        Tensor norm;
        if (w == null) {
            norm = wSum.sub((double) correction);
        } else if (correction == 0) {
            norm = wSum;
        } else if (aweights == null) {
            norm = wSum.sub((double) correction);
        } else {
            norm = wSum.sub(w.mul(aweights).sum().mul((double) correction).div(wSum));
        }
        // too few observations: PyTorch warns and divides by zero (inf or NaN), so does this
        norm = norm.clampMin(0.0);
        Tensor centered = x.sub(mean.unsqueeze(1));
        Tensor weighted = w == null ? centered : centered.mul(w);
        return centered.matmul(weighted.t().conj()).div(norm).squeeze();
    }

    /** The Pearson correlation coefficients: the covariance scaled by the standard deviations, clipped to [-1, 1]. */
    static Tensor corrcoef(Tensor input) {
        Tensor c = cov(input, 1, null, null);
        if (c.dim() == 0) return c.div(c);
        Tensor std = c.diagonal().sqrt();
        c = c.div(std.unsqueeze(1)).div(std.unsqueeze(0));
        return c.isComplex() ? c : c.clamp(-1.0, 1.0);
    }

    private static DType resultType(Tensor x) {
        return x.isFloatingPoint() || x.isComplex() ? x.dtype() : Torch.getDefaultDtype();
    }

    private static void checkWeights(Tensor w, String name, long observations) {
        if (w.dim() > 1) {
            throw new IllegalArgumentException("cov(): expected " + name + " to have one or fewer dimensions but got " + name + " with "
                    + w.dim() + " dimensions");
        }
        if (w.numel() != observations) {
            throw new IllegalArgumentException("cov(): expected " + name + " to have the same numel as there are observations in the "
                    + "input but got " + w.numel() + " != " + observations);
        }
    }
}
