package org.torch4j.linalg;

/**
 * {@code torch.linalg} for Java: every method takes a tensor of one matrix {@code [m, n]} or a batch of them
 * {@code [..., m, n]}, computes in the tensor's floating dtype (float32 or float64) on its device, and is
 * differentiable (gradients flow through {@code backward()} as in PyTorch, including double backward).
 *
 * <pre>{@code
 * import static org.torch4j.linalg.Linalg.*;
 *
 * Tensor a = Torch.randn(4, 4, DType.FLOAT64);
 * Tensor x = solve(a, b);                  // a @ x == b
 * Tensor aInv = inv(a);
 * SvdResult usv = svd(a, false);          // usv.U(), usv.S(), usv.Vh()
 * }</pre>
 *
 * <p>Errors follow PyTorch's wording: shape and dtype errors are {@link IllegalArgumentException}s, a
 * singular or not positive-definite matrix a {@link LinAlgException}.
 */
public final class Linalg {

    private Linalg() {}

    // ==== LU family: solve, inv, det, slogdet, lu_factor, lu, lu_solve, solve_triangular, cholesky, ====
    // ==== matrix_power, cross, vector/matrix norms                                                   ====



    // ==== spectral family: qr, eigh, eigvalsh, svd, svdvals, pinv, lstsq, matrix_rank, cond,        ====
    // ==== the 2- and nuclear matrix norms                                                          ====

    /** {@link #qr(org.torch4j.Tensor, String)} in mode {@code "reduced"}. */
    public static QrResult qr(org.torch4j.Tensor a) {
        return qr(a, "reduced");
    }

    /**
     * The QR decomposition {@code A = Q R} ({@code torch.linalg.qr}) by Householder reflections, with LAPACK's
     * sign convention (R's diagonal may be negative). For {@code A [..., m, n]} and {@code k = min(m, n)}:
     * mode {@code "reduced"} gives Q {@code [..., m, k]} and R {@code [..., k, n]}; {@code "complete"} gives Q
     * {@code [..., m, m]} and R {@code [..., m, n]}; {@code "r"} gives R only (Q empty, not differentiable).
     * Differentiable for {@code "reduced"}, and for {@code "complete"} when {@code m <= n}.
     */
    public static QrResult qr(org.torch4j.Tensor a, String mode) {
        return Qr.qr(a, mode);
    }

    /** {@link #eigh(org.torch4j.Tensor, String)} reading the lower triangle. */
    public static EighResult eigh(org.torch4j.Tensor a) {
        return eigh(a, "L");
    }

    /**
     * The eigenvalues (ascending) and orthonormal eigenvectors of a batch of real symmetric matrices
     * ({@code torch.linalg.eigh}); only the triangle {@code uplo} ({@code "L"} or {@code "U"}) is read. Each
     * eigenvector is defined up to sign; gradients assume distinct eigenvalues.
     */
    public static EighResult eigh(org.torch4j.Tensor a, String uplo) {
        return SymmetricEigen.eigh(a, uplo);
    }

    /** {@link #eigvalsh(org.torch4j.Tensor, String)} reading the lower triangle. */
    public static org.torch4j.Tensor eigvalsh(org.torch4j.Tensor a) {
        return eigvalsh(a, "L");
    }

    /** The eigenvalues of a batch of symmetric matrices, ascending ({@code torch.linalg.eigvalsh}). */
    public static org.torch4j.Tensor eigvalsh(org.torch4j.Tensor a, String uplo) {
        return SymmetricEigen.eigvalsh(a, uplo);
    }

    /** {@link #svd(org.torch4j.Tensor, boolean)} with {@code fullMatrices = true}, PyTorch's default. */
    public static SvdResult svd(org.torch4j.Tensor a) {
        return svd(a, true);
    }

    /**
     * The singular value decomposition {@code A = U diag(S) Vh} ({@code torch.linalg.svd}), singular values
     * descending. With {@code fullMatrices}, U is {@code [..., m, m]} and Vh {@code [..., n, n]}; otherwise
     * {@code [..., m, k]} and {@code [..., k, n]} with {@code k = min(m, n)}. Singular vectors are defined up to
     * sign; gradients assume distinct singular values. Non-finite input raises {@link LinAlgException}.
     */
    public static SvdResult svd(org.torch4j.Tensor a, boolean fullMatrices) {
        return Svd.svd(a, fullMatrices);
    }

    /** The singular values of a batch of matrices, descending ({@code torch.linalg.svdvals}). */
    public static org.torch4j.Tensor svdvals(org.torch4j.Tensor a) {
        return Svd.svdvals(a);
    }

    /** The pseudoinverse with PyTorch's default tolerance ({@code torch.linalg.pinv}). */
    public static org.torch4j.Tensor pinv(org.torch4j.Tensor a) {
        return pinv(a, null, null, false);
    }

    /** The pseudoinverse; with {@code hermitian}, of a symmetric matrix through its eigendecomposition. */
    public static org.torch4j.Tensor pinv(org.torch4j.Tensor a, boolean hermitian) {
        return pinv(a, null, null, hermitian);
    }

    /**
     * The pseudoinverse {@code V diag(1/S) U^T} ({@code torch.linalg.pinv}), where singular values (absolute
     * eigenvalues when {@code hermitian}; only the lower triangle is then read) at most
     * {@code max(atol, rtol * largest)} count as zero. Null means PyTorch's default: {@code atol = 0}, and
     * {@code rtol = eps * max(m, n)} unless a positive {@code atol} is given (then 0).
     */
    public static org.torch4j.Tensor pinv(org.torch4j.Tensor a, Double atol, Double rtol, boolean hermitian) {
        return LeastSquares.pinv(a, atol, rtol, hermitian);
    }

    /** {@link #lstsq(org.torch4j.Tensor, org.torch4j.Tensor, Double)} with the default {@code rcond}. */
    public static LstsqResult lstsq(org.torch4j.Tensor a, org.torch4j.Tensor b) {
        return lstsq(a, b, null);
    }

    /**
     * The minimum-norm least-squares solution of {@code A X = B} ({@code torch.linalg.lstsq} with the CPU's
     * default driver, gelsy): A {@code [..., m, n]}, B {@code [..., m, k]} or {@code [..., m]} (batch dims
     * broadcast). Singular values at most {@code rcond * largest} are treated as zero (null:
     * {@code eps * max(m, n)}); {@code rank} counts the others. Differentiable in A and B.
     */
    public static LstsqResult lstsq(org.torch4j.Tensor a, org.torch4j.Tensor b, Double rcond) {
        return LeastSquares.lstsq(a, b, rcond);
    }

    /** The numerical rank with PyTorch's default tolerance ({@code torch.linalg.matrix_rank}), int64. */
    public static org.torch4j.Tensor matrixRank(org.torch4j.Tensor a) {
        return matrixRank(a, null, null, false);
    }

    /** The numerical rank; with {@code hermitian}, from the eigenvalues of a symmetric matrix. */
    public static org.torch4j.Tensor matrixRank(org.torch4j.Tensor a, boolean hermitian) {
        return matrixRank(a, null, null, hermitian);
    }

    /**
     * The number of singular values greater than {@code max(atol, rtol * largest)}, with the defaults of
     * {@link #pinv(org.torch4j.Tensor, Double, Double, boolean)} ({@code torch.linalg.matrix_rank}).
     */
    public static org.torch4j.Tensor matrixRank(org.torch4j.Tensor a, Double atol, Double rtol, boolean hermitian) {
        return LeastSquares.matrixRank(a, atol, rtol, hermitian);
    }

    /** The Frobenius norm of each matrix over the last two dims ({@code torch.linalg.matrix_norm}). */
    public static org.torch4j.Tensor matrixNorm(org.torch4j.Tensor a) {
        return matrixNorm(a, "fro", new int[] {-2, -1}, false);
    }

    /** The {@code "fro"} or {@code "nuc"} (sum of singular values) norm of the matrices spanned by {@code dim}. */
    public static org.torch4j.Tensor matrixNorm(org.torch4j.Tensor a, String ord, int[] dim, boolean keepdim) {
        return MatrixNorms.matrixNorm(a, ord, dim, keepdim);
    }

    /**
     * The matrix norm of order 2 or -2 (largest or smallest singular value), 1 or -1 (max or min column sum of
     * absolute values), inf or -inf (row sums) over the two dims {@code dim}.
     */
    public static org.torch4j.Tensor matrixNorm(org.torch4j.Tensor a, double ord, int[] dim, boolean keepdim) {
        return MatrixNorms.matrixNorm(a, ord, dim, keepdim);
    }

    /** The 2-norm of all elements ({@code torch.linalg.norm(A)}). */
    public static org.torch4j.Tensor norm(org.torch4j.Tensor a) {
        return norm(a, (Double) null, null, false);
    }

    /**
     * {@code torch.linalg.norm}: a matrix norm when {@code dim} has two entries (or is null, with an order, for a
     * 2-d input), otherwise the vector norm over {@code dim} (null: all elements). A null {@code ord} is the
     * 2-norm of the flattened dims.
     */
    public static org.torch4j.Tensor norm(org.torch4j.Tensor a, Double ord, int[] dim, boolean keepdim) {
        return MatrixNorms.norm(a, ord, dim, keepdim);
    }

    /** {@code torch.linalg.norm} with {@code "fro"} or {@code "nuc"}: a matrix norm over {@code dim} (null: dims 0 and 1). */
    public static org.torch4j.Tensor norm(org.torch4j.Tensor a, String ord, int[] dim, boolean keepdim) {
        return MatrixNorms.norm(a, ord, dim, keepdim);
    }

    /** The 2-norm condition number {@code sigma_max / sigma_min} ({@code torch.linalg.cond}). */
    public static org.torch4j.Tensor cond(org.torch4j.Tensor a) {
        return cond(a, (Double) null);
    }

    /**
     * The condition number in the norm of order {@code p} (2, -2, 1, -1, inf, -inf; null means 2):
     * {@code ||A|| ||A^-1||}, or the ratio of extreme singular values for ±2. Inf for a singular matrix in the
     * norms that need the inverse, which also require square matrices.
     */
    public static org.torch4j.Tensor cond(org.torch4j.Tensor a, Double p) {
        return MatrixNorms.cond(a, p);
    }

    /** The condition number in the {@code "fro"} or {@code "nuc"} norm, of square matrices. */
    public static org.torch4j.Tensor cond(org.torch4j.Tensor a, String p) {
        return MatrixNorms.cond(a, p);
    }

}
