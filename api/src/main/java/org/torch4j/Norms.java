package org.torch4j;

import java.util.Set;
import org.torch4j.internal.CppDouble;

/**
 * Norm-based ops: cdist (pairwise distances between row sets), dist (the norm of a difference) and
 * renorm (slices rescaled to a maximum norm). Composites of the p-norm reduction, whose gradient is
 * zero where the norm is zero, as PyTorch's cdist backward.
 */
final class Norms {
    private Norms() {}

    private static final Set<String> COMPUTE_MODES = Set.of("use_mm_for_euclid_dist_if_necessary", "use_mm_for_euclid_dist",
            "donot_use_mm_for_euclid_dist");

    /**
     * torch.cdist: the p-norm distance of every row of x1 [..., P, M] to every row of x2 [..., R, M],
     * batch dims broadcast. For p = 2, as PyTorch's {@code compute_mode}: by matrix products when asked
     * ("use_mm_for_euclid_dist") or by default (null, "use_mm_for_euclid_dist_if_necessary") when P or R
     * exceeds 25; otherwise from the differences directly.
     */
    static Tensor cdist(Tensor x1, Tensor x2, double p, String computeMode) {
        if (x1.dim() < 2) throw new IllegalArgumentException("cdist only supports at least 2D tensors, X1 got: " + x1.dim() + "D");
        if (x2.dim() < 2) throw new IllegalArgumentException("cdist only supports at least 2D tensors, X2 got: " + x2.dim() + "D");
        if (x1.size(-1) != x2.size(-1)) {
            throw new IllegalArgumentException("X1 and X2 must have the same number of columns. X1: " + x1.size(-1) + " X2: " + x2.size(-1));
        }
        for (Tensor x : new Tensor[] {x1, x2}) {
            if (!x.isFloatingPoint()) {
                throw new IllegalArgumentException("cdist only supports floating-point dtypes, " + (x == x1 ? "X1" : "X2") + " got: "
                        + Printer.cppName(x.dtype()));
            }
        }
        if (p < 0) throw new IllegalArgumentException("cdist only supports non-negative p values");
        if (computeMode != null && !COMPUTE_MODES.contains(computeMode)) {
            throw new IllegalArgumentException(computeMode + " is not a valid value for compute_mode");
        }
        Contractions.sameDtype(x1, x2);
        long[] b1 = java.util.Arrays.copyOf(x1.shape(), x1.dim() - 2), b2 = java.util.Arrays.copyOf(x2.shape(), x2.dim() - 2);
        Shapes.broadcast(b1, b2);
        boolean mm = "use_mm_for_euclid_dist".equals(computeMode) || (!"donot_use_mm_for_euclid_dist".equals(computeMode)
                && (x1.size(-2) > 25 || x2.size(-2) > 25));
        if (p == 2 && mm) return euclideanByProduct(x1, x2);
        return x1.unsqueeze(-2).sub(x2.unsqueeze(-3)).norm(p, new int[] {-1}, false);
    }

    /**
     * Euclidean distances as PyTorch's matrix-product path computes them, |a|^2 + |b|^2 - 2 a.b, in
     * [P, R] memory rather than [P, R, M]; the squares are clamped to 1e-30 before the root (rounding can
     * make them negative, and the root's gradient stays finite at zero distance).
     */
    private static Tensor euclideanByProduct(Tensor x1, Tensor x2) {
        Tensor n1 = x1.square().sum(new int[] {-1}, true), n2 = x2.square().sum(new int[] {-1}, true);
        Tensor d2 = x1.mul(-2.0).matmul(x2.mT()).add(n1).add(n2.mT());
        return d2.clampMin(1e-30).sqrt();
    }

    /** torch.dist: the p-norm of input - other (broadcast), a 0-d tensor. */
    static Tensor dist(Tensor input, Tensor other, double p) {
        Tensor diff = input.sub(other);
        if (!diff.isFloatingPoint() && !diff.isComplex()) {
            throw new IllegalArgumentException("norm(): input dtype should be either floating point or complex. Got "
                    + Printer.cppName(diff.dtype()) + " instead.");
        }
        return diff.norm(p);
    }

    /**
     * torch.renorm: each slice along {@code dim} whose p-norm exceeds maxnorm scaled down to
     * maxnorm (by maxnorm / (norm + 1e-7), PyTorch's factor); other slices unchanged.
     */
    static Tensor renorm(Tensor t, double p, int dim, double maxnorm) {
        if (!(p > 0)) throw new IllegalArgumentException("renorm: non-positive-norm not supported");
        if (maxnorm < 0) throw new IllegalArgumentException("renorm: expected maxnorm to be >= 0 but got " + CppDouble.format(maxnorm));
        if (t.dim() <= 1) throw new IllegalArgumentException("renorm: input needs at least 2 dimensions, got " + t.dim() + " dimensions");
        int d = Shapes.wrapDim(dim, t.dim());
        int[] others = new int[t.dim() - 1];
        for (int i = 0, k = 0; i < t.dim(); i++) if (i != d) others[k++] = i;
        Tensor norms = t.norm(p, others, true);
        Tensor factor = Pointwise.where(norms.gt(maxnorm), norms.add(1e-7).reciprocal().mul(maxnorm), Torch.onesLike(norms));
        return t.mul(factor);
    }
}
