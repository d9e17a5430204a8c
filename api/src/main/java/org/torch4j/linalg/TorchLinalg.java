package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The linear algebra of PyTorch's {@code torch} namespace that lives outside {@code torch.linalg}:
 * {@code geqrf}, {@code orgqr}, {@code ormqr}, {@code cholesky_solve}, {@code cholesky_inverse},
 * {@code triangular_solve}, {@code lu_unpack}, {@code logdet}, {@code nuclear_norm}, {@code frobenius_norm} and
 * {@code lobpcg}. {@link org.torch4j.Torch} and {@link Tensor} delegate here;
 * the methods can be called directly as well. Shapes, dtypes and errors are PyTorch's; batch dims broadcast
 * where PyTorch's do.
 */
public final class TorchLinalg {

    private TorchLinalg() {}

    /**
     * {@code torch.geqrf(A)}: the QR decomposition of {@code [..., m, n]} matrices packed as LAPACK's geqrf
     * leaves it (R on and above the diagonal, Householder vectors below, their factors in tau), to be used
     * with {@link #orgqr} and {@link #ormqr}. Not differentiable, as in PyTorch.
     */
    public static GeqrfResult geqrf(Tensor a) {
        return Geqrf.geqrf(a);
    }

    /** {@code torch.orgqr(A, tau)}: the same as {@link Linalg#householderProduct}. */
    public static Tensor orgqr(Tensor a, Tensor tau) {
        return Reflectors.householderProduct(a, tau);
    }

    /**
     * {@code torch.ormqr(A, tau, C, left=True, transpose=False)}: {@code Q C} with Q the {@code m x m} product of the
     * Householder reflectors in {@link #geqrf}'s form, without forming Q.
     */
    public static Tensor ormqr(Tensor a, Tensor tau, Tensor c) {
        return Reflectors.ormqr(a, tau, c, true, false);
    }

    /**
     * {@code torch.ormqr(A, tau, C, left, transpose)}: {@code Q C} ({@code left}) or {@code C Q}, with Q^T in
     * place of Q when {@code transpose}. Differentiable (PyTorch 1.13 has no derivative for it).
     */
    public static Tensor ormqr(Tensor a, Tensor tau, Tensor c, boolean left, boolean transpose) {
        return Reflectors.ormqr(a, tau, c, left, transpose);
    }

    /**
     * {@code torch.cholesky_solve(B, L, upper=False)}: X with {@code A X = B} for {@code A = L L^T}, given the
     * lower Cholesky factor L {@code [..., n, n]} (only its lower triangle is read); batch dims broadcast.
     */
    public static Tensor choleskySolve(Tensor b, Tensor l) {
        return CholeskySolve.solve(b, l, false);
    }

    /** {@code torch.cholesky_solve(B, L, upper)}: with {@code upper}, the factor is U with {@code A = U^T U}. */
    public static Tensor choleskySolve(Tensor b, Tensor l, boolean upper) {
        return CholeskySolve.solve(b, l, upper);
    }

    /** {@code torch.cholesky_inverse(L, upper=False)}: {@code (L L^T)^-1} from the lower Cholesky factor. */
    public static Tensor choleskyInverse(Tensor l) {
        return CholeskySolve.inverse(l, false);
    }

    /** {@code torch.cholesky_inverse(L, upper)}: {@code (U^T U)^-1} when {@code upper}. */
    public static Tensor choleskyInverse(Tensor l, boolean upper) {
        return CholeskySolve.inverse(l, upper);
    }

    /**
     * The deprecated {@code torch.triangular_solve(b, A, upper=True, transpose=False, unitriangular=False)}:
     * X with {@code A X = b}, reading A's upper triangle; the solution and a copy of A.
     */
    public static TriangularSolveResult triangularSolve(Tensor b, Tensor a) {
        return LegacySolvers.triangularSolve(b, a, true, false, false);
    }

    /**
     * {@code torch.triangular_solve(b, A, upper, transpose, unitriangular)}: {@code A X = b}, or
     * {@code A^T X = b} when {@code transpose}, reading A's {@code upper} or lower triangle, with ones on its
     * diagonal when {@code unitriangular}. Use {@link Linalg#solveTriangular} in new code.
     */
    public static TriangularSolveResult triangularSolve(Tensor b, Tensor a, boolean upper, boolean transpose, boolean unitriangular) {
        return LegacySolvers.triangularSolve(b, a, upper, transpose, unitriangular);
    }

    /** {@code torch.lu_unpack(LU, pivots)}: P, L and U from {@link Linalg#luFactor}'s packed form. */
    public static PLU luUnpack(Tensor lu, Tensor pivots) {
        return LegacySolvers.luUnpack(lu, pivots, true, true);
    }

    /**
     * {@code torch.lu_unpack(LU, pivots, unpack_data, unpack_pivots)}: L and U only when {@code unpackData}, P
     * only when {@code unpackPivots} (the others are empty tensors). Differentiable through L and U.
     */
    public static PLU luUnpack(Tensor lu, Tensor pivots, boolean unpackData, boolean unpackPivots) {
        return LegacySolvers.luUnpack(lu, pivots, unpackData, unpackPivots);
    }

    /**
     * {@code torch.logdet(A)}: the natural logarithm of the determinant of square matrices, NaN where it is
     * negative and -inf where it is zero; differentiable as {@link Linalg#slogdet}'s logabsdet.
     */
    public static Tensor logdet(Tensor a) {
        return LegacyFunctions.logdet(a);
    }

    /** {@code torch.nuclear_norm(A, keepdim=False)}: the sum of the singular values of a 2-d tensor. */
    public static Tensor nuclearNorm(Tensor a) {
        return LegacyFunctions.nuclearNorm(a, null, false);
    }

    /** {@code torch.nuclear_norm(A, keepdim)}. */
    public static Tensor nuclearNorm(Tensor a, boolean keepdim) {
        return LegacyFunctions.nuclearNorm(a, null, keepdim);
    }

    /** {@code torch.nuclear_norm(A, dim, keepdim)}: the nuclear norm of the matrices over the two {@code dim}. */
    public static Tensor nuclearNorm(Tensor a, int[] dim, boolean keepdim) {
        return LegacyFunctions.nuclearNorm(a, dim, keepdim);
    }

    /** {@code torch.frobenius_norm(A)}: the square root of the sum of the squares of all elements. */
    public static Tensor frobeniusNorm(Tensor a) {
        return LegacyFunctions.frobeniusNorm(a, null, false);
    }

    /** {@code torch.frobenius_norm(A, dim, keepdim)}: over one or two {@code dim}. */
    public static Tensor frobeniusNorm(Tensor a, int[] dim, boolean keepdim) {
        return LegacyFunctions.frobeniusNorm(a, dim, keepdim);
    }

    /**
     * {@code torch.lobpcg(A, k=1)}: the largest eigenvalue and its eigenvector of a symmetric A {@code [..., m, m]}
     * ({@code m >= 3}) by LOBPCG from a random start (the global generator). Not differentiable in torch4j.
     */
    public static LobpcgResult lobpcg(Tensor a, int k) {
        return Lobpcg.lobpcg(a, k, null, null, null, null, null, null, null);
    }

    /**
     * {@code torch.lobpcg(A, k, B, X, n, iK, niter, tol, largest)}: k eigenpairs of {@code A x = e B x} (B
     * symmetric positive-definite, null for the identity), iterating a block of n vectors ({@code m >= 3n}) from
     * X {@code [..., m, n]} (null: random), preconditioned by iK (null: none), for at most niter steps (null:
     * 1000) until the residuals pass tol (null: the square root of the dtype's epsilon); the largest eigenvalues
     * unless {@code largest} is false. Null arguments take PyTorch's defaults.
     */
    public static LobpcgResult lobpcg(Tensor a, Integer k, Tensor b, Tensor x, Integer n, Tensor iK, Integer niter, Double tol,
                                      Boolean largest) {
        return Lobpcg.lobpcg(a, k, b, x, n, iK, niter, tol, largest);
    }
}
