package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * {@code torch.logdet}, {@code torch.nuclear_norm} and {@code torch.frobenius_norm}: the torch-namespace
 * forms of {@code slogdet} and the matrix norms, with their own argument rules and messages, composed from
 * {@link Linalg}'s so that their derivatives are those ops'.
 */
final class LegacyFunctions {

    private LegacyFunctions() {}

    /**
     * {@code log(det(A))}: NaN where the determinant is negative, -inf where it is zero; for complex A the
     * complex logarithm {@code log|det| + i arg(det)}.
     */
    static Tensor logdet(Tensor a) {
        Matrices.checkMatrix("logdet", a, "A");
        Matrices.checkSquareShape("logdet", a, "A");
        if (a.isComplex()) {
            SignLogAbsDet s = Linalg.slogdet(a);
            return s.sign().log().add(s.logabsdet());
        }
        Matrices.checkFloating("logdet", a);
        SignLogAbsDet s = Linalg.slogdet(a);
        return s.logabsdet().where(s.sign().ne(-1), Double.NaN);
    }

    /** The nuclear norm over {@code dim} (null: a 2-d input's two dims). */
    static Tensor nuclearNorm(Tensor a, int[] dim, boolean keepdim) {
        if (dim == null && a.dim() != 2) {
            throw new IllegalArgumentException("Expected a tensor with 2 dimensions, but got a tensor with " + a.dim() + " dimension"
                    + (a.dim() == 1 ? "" : "s") + " instead.");
        }
        if (dim != null && dim.length != 2) throw new IllegalArgumentException("nuclear norm requires a 'dim' argument of size 2");
        return Linalg.matrixNorm(a, "nuc", dim == null ? new int[] {0, 1} : dim, keepdim);
    }

    /** The square root of the sum of squares over {@code dim} (null: every element), at most two dims. */
    static Tensor frobeniusNorm(Tensor a, int[] dim, boolean keepdim) {
        if (dim != null && dim.length > 2) {
            throw new IllegalArgumentException("Expected at most 2 dimensions, but got " + dim.length + " dimensions instead.");
        }
        return Linalg.vectorNorm(a, 2, dim, keepdim);
    }
}
