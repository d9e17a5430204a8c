package org.torch4j.linalg;

import org.torch4j.Tensor;

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

    /**
     * The solution X of {@code A X = B} ({@code torch.linalg.solve}) for square, invertible A {@code [..., n, n]}.
     * B is {@code [..., n, k]}, or a (batch of) vector(s) {@code [..., n]} when it is 1-d or has exactly A's
     * shape without the last dim; batch dims broadcast.
     *
     * @throws LinAlgException if a matrix of A is singular
     */
    public static Tensor solve(Tensor A, Tensor B) {
        return Systems.solve(A, B, true);
    }

    /** {@link #solve(Tensor, Tensor)}, or with {@code left = false} the solution of {@code X A = B}. */
    public static Tensor solve(Tensor A, Tensor B, boolean left) {
        return Systems.solve(A, B, left);
    }

    /**
     * The inverse of square matrices ({@code torch.linalg.inv}).
     *
     * @throws LinAlgException if a matrix is singular ("The diagonal element k is zero, ...")
     */
    public static Tensor inv(Tensor A) {
        if (A.isComplex()) return ComplexSolve.inverse(A);
        Matrices.checkSquare("linalg.inv", A, "A");
        return new Inverse(Inverse.Singular.THROW).apply1(A);
    }

    /**
     * {@link #inv} that reports singular matrices in {@code info} instead of throwing
     * ({@code torch.linalg.inv_ex}); the inverse of a singular matrix then holds infinities or NaNs.
     */
    public static InvEx invEx(Tensor A) {
        return Factorizations.invEx(A);
    }

    /** The determinant of square matrices ({@code torch.linalg.det}); 0 for a singular matrix. */
    public static Tensor det(Tensor A) {
        if (A.isComplex()) return ComplexDeterminant.det(A);
        Kernels.checkSquare("linalg.det", A, "lu_cpu");
        return new Determinant().apply1(A);
    }

    /**
     * The sign and the natural logarithm of the absolute value of the determinant ({@code torch.linalg.slogdet}),
     * which does not overflow or underflow where {@link #det} would; a singular matrix gives (0, -inf). For
     * complex A the sign is complex ({@code det / |det|}) and logabsdet real; both are differentiable.
     */
    public static SignLogAbsDet slogdet(Tensor A) {
        if (A.isComplex()) return ComplexSlogDet.slogdet(A);
        Matrices.checkSquare("linalg.slogdet", A, "A");
        Tensor[] r = new SlogDet().apply(A);
        return new SignLogAbsDet(r[0], r[1]);
    }

    /**
     * The LU decomposition with partial pivoting of {@code [..., m, n]} matrices in LAPACK's packed form
     * ({@code torch.linalg.lu_factor}), differentiable (through LU; pivots are int32 and 1-based).
     *
     * @throws LinAlgException if U has a zero diagonal element (use {@link #lu} for singular matrices)
     */
    public static LuFactors luFactor(Tensor A) {
        return Factorizations.luFactor(A);
    }

    /**
     * The LU decomposition with partial pivoting {@code A = P L U} of {@code [..., m, n]} matrices
     * ({@code torch.linalg.lu}); singular matrices are fine. Differentiable through L and U.
     */
    public static PLU lu(Tensor A) {
        return Factorizations.lu(A);
    }

    /**
     * Solves {@code A X = B} from A's {@link #luFactor} ({@code torch.linalg.lu_solve} with its defaults).
     *
     * @param pivots int32 pivots as luFactor returns them
     */
    public static Tensor luSolve(Tensor LU, Tensor pivots, Tensor B) {
        return Systems.luSolve(LU, pivots, B, true, false);
    }

    /**
     * {@code torch.linalg.lu_solve}: solves {@code A X = B} ({@code left}) or {@code X A = B}, with A replaced by
     * A^T when {@code adjoint}, from A's {@link #luFactor}.
     */
    public static Tensor luSolve(Tensor LU, Tensor pivots, Tensor B, boolean left, boolean adjoint) {
        return Systems.luSolve(LU, pivots, B, left, adjoint);
    }

    /**
     * Solves {@code A X = B} for triangular A ({@code torch.linalg.solve_triangular} with {@code left} true and
     * {@code unitriangular} false); only A's {@code upper} or lower triangle is read.
     */
    public static Tensor solveTriangular(Tensor A, Tensor B, boolean upper) {
        return Systems.solveTriangular(A, B, upper, true, false);
    }

    /**
     * {@code torch.linalg.solve_triangular}: {@code A X = B} ({@code left}) or {@code X A = B} for triangular A,
     * reading its {@code upper} or lower triangle, with ones on the diagonal when {@code unitriangular}. Batch
     * dims broadcast; a zero on the diagonal gives infinities or NaNs, not an error.
     */
    public static Tensor solveTriangular(Tensor A, Tensor B, boolean upper, boolean left, boolean unitriangular) {
        return Systems.solveTriangular(A, B, upper, left, unitriangular);
    }

    /**
     * The lower Cholesky factor L, {@code A = L L^T}, of symmetric positive-definite matrices
     * ({@code torch.linalg.cholesky}); only A's lower triangle is read. Complex A: Hermitian positive-definite,
     * {@code A = L L^H} with a real positive diagonal.
     *
     * @throws LinAlgException if a matrix is not positive-definite
     */
    public static Tensor cholesky(Tensor A) {
        return cholesky(A, false);
    }

    /**
     * {@link #cholesky(Tensor)}, or with {@code upper} the factor U = L^T ({@code L^H} for complex A),
     * {@code A = U^T U}, read from A's upper triangle.
     */
    public static Tensor cholesky(Tensor A, boolean upper) {
        if (A.isComplex()) return new ComplexCholesky("linalg.cholesky", true).factor(A, upper);
        Kernels.checkSquare("linalg.cholesky", A, "cholesky_cpu");
        return upper ? new Cholesky("linalg.cholesky", true).apply1(A.mT()).mT() : new Cholesky("linalg.cholesky", true).apply1(A);
    }

    /**
     * {@link #cholesky(Tensor, boolean)} that reports matrices that are not positive-definite in {@code info}
     * instead of throwing ({@code torch.linalg.cholesky_ex}).
     */
    public static CholeskyEx choleskyEx(Tensor A, boolean upper) {
        return Factorizations.choleskyEx(A, upper);
    }

    /** {@code A^n} for square matrices ({@code torch.linalg.matrix_power}): the identity for 0, {@code inv(A)^-n} for n &lt; 0. */
    public static Tensor matrixPower(Tensor A, long n) {
        return MatrixFunctions.power(A, n);
    }

    /** The matrix exponential of square matrices ({@code torch.linalg.matrix_exp}), by scaling and squaring with Padé 13. */
    public static Tensor matrixExp(Tensor A) {
        return MatrixFunctions.exp(A);
    }

    /**
     * The product of two or more matrices in the cheapest order ({@code torch.linalg.multi_dot}); the first may be a
     * 1-d row vector and the last a 1-d column vector.
     */
    public static Tensor multiDot(Tensor... tensors) {
        return Products.multiDot(tensors);
    }

    /** The cross product of 3-vectors along the last dim ({@code torch.linalg.cross}), broadcasting the others. */
    public static Tensor cross(Tensor a, Tensor b) {
        return Products.cross(a, b, -1);
    }

    /** The cross product of 3-vectors along {@code dim} ({@code torch.linalg.cross}). */
    public static Tensor cross(Tensor a, Tensor b, int dim) {
        return Products.cross(a, b, dim);
    }

    /** The dot product of vectors along the last dim ({@code torch.linalg.vecdot}), broadcasting the others. */
    public static Tensor vecdot(Tensor x, Tensor y) {
        return Products.vecdot(x, y, -1);
    }

    /** The dot product of vectors along {@code dim} ({@code torch.linalg.vecdot}). */
    public static Tensor vecdot(Tensor x, Tensor y, int dim) {
        return Products.vecdot(x, y, dim);
    }

    /** The 2-norm of all elements ({@code torch.linalg.vector_norm} with its defaults). */
    public static Tensor vectorNorm(Tensor x) {
        return x.norm(2);
    }

    /**
     * The vector {@code ord}-norm over {@code dims} ({@code torch.linalg.vector_norm}): ord may be any real, 0
     * (count of non-zeros) or +-infinity; all dims when {@code dims} is empty.
     */
    public static Tensor vectorNorm(Tensor x, double ord, int[] dims, boolean keepdim) {
        return x.norm(ord, dims, keepdim);
    }

    /** The main diagonal of each matrix of a batch ({@code torch.linalg.diagonal} with its defaults). */
    public static Tensor diagonal(Tensor A) {
        return A.diagonal(0, -2, -1);
    }

    /** The {@code offset} diagonal of the matrices in dims {@code dim1} and {@code dim2} ({@code torch.linalg.diagonal}). */
    public static Tensor diagonal(Tensor A, long offset, int dim1, int dim2) {
        return A.diagonal(offset, dim1, dim2);
    }

    // ==== spectral family: qr, eigh, eigvalsh, svd, svdvals, pinv, lstsq, matrix_rank, cond,        ====
    // ==== the 2- and nuclear matrix norms                                                          ====

    /** {@link #qr(Tensor, String)} in mode {@code "reduced"}. */
    public static QrResult qr(Tensor a) {
        return qr(a, "reduced");
    }

    /**
     * The QR decomposition {@code A = Q R} ({@code torch.linalg.qr}) by Householder reflections, with LAPACK's
     * sign convention (R's diagonal may be negative). For {@code A [..., m, n]} and {@code k = min(m, n)}:
     * mode {@code "reduced"} gives Q {@code [..., m, k]} and R {@code [..., k, n]}; {@code "complete"} gives Q
     * {@code [..., m, m]} and R {@code [..., m, n]}; {@code "r"} gives R only (Q empty, not differentiable).
     * Differentiable for {@code "reduced"}, and for {@code "complete"} when {@code m <= n}. Complex matrices too
     * (unitary Q, R with a real diagonal, as LAPACK's {@code zgeqrf}).
     */
    public static QrResult qr(Tensor a, String mode) {
        return Qr.qr(a, mode);
    }

    /** {@link #eigh(Tensor, String)} reading the lower triangle. */
    public static EighResult eigh(Tensor a) {
        return eigh(a, "L");
    }

    /**
     * The eigenvalues (ascending) and orthonormal eigenvectors of a batch of real symmetric matrices
     * ({@code torch.linalg.eigh}); only the triangle {@code uplo} ({@code "L"} or {@code "U"}) is read. Each
     * eigenvector is defined up to sign; gradients assume distinct eigenvalues.
     */
    public static EighResult eigh(Tensor a, String uplo) {
        return SymmetricEigen.eigh(a, uplo);
    }

    /**
     * The eigenvalues and eigenvectors of a batch of square matrices ({@code torch.linalg.eig}):
     * {@code A V = V diag(L)}, complex results (complex64 for float32 or complex64 input, complex128 for float64 or
     * complex128). Computed as LAPACK's {@code dgeev} does (Hessenberg reduction, Francis double-shift QR,
     * back-substitution; complex input: complex Hessenberg and shifted QR by Givens rotations, as {@code zgeev}), in double:
     * real eigenvalues have an imaginary part of exactly 0 and real eigenvectors, complex ones come in exact
     * conjugate pairs (positive imaginary part first). Each eigenvector has norm 1 and its largest component real
     * and positive (LAPACK's convention makes it real; its sign can differ). The order of the eigenvalues is that
     * of the Schur form, as LAPACK's, and can differ from LAPACK's on the same matrix. Differentiable with
     * PyTorch's backward for losses that do not depend on the eigenvectors' phases (others are refused in
     * backward, as PyTorch refuses them); distinct eigenvalues are assumed.
     *
     * <pre>{@code
     * EigResult r = Linalg.eig(Torch.tensor(new double[] {0, -1, 1, 0}, 2, 2)); // a rotation: eigenvalues +-i
     * Tensor l = r.eigenvalues();   // tensor([0.+1.j, 0.-1.j], dtype=torch.complex128)
     * }</pre>
     */
    public static EigResult eig(Tensor a) {
        return GeneralEigen.eig(a);
    }

    /** The eigenvalues of a batch of square matrices ({@code torch.linalg.eigvals}), as {@link #eig} computes them. */
    public static Tensor eigvals(Tensor a) {
        return GeneralEigen.eigvals(a);
    }

    /** {@link #eigvalsh(Tensor, String)} reading the lower triangle. */
    public static Tensor eigvalsh(Tensor a) {
        return eigvalsh(a, "L");
    }

    /** The eigenvalues of a batch of symmetric matrices, ascending ({@code torch.linalg.eigvalsh}). */
    public static Tensor eigvalsh(Tensor a, String uplo) {
        return SymmetricEigen.eigvalsh(a, uplo);
    }

    /** {@link #svd(Tensor, boolean)} with {@code fullMatrices = true}, PyTorch's default. */
    public static SvdResult svd(Tensor a) {
        return svd(a, true);
    }

    /**
     * The singular value decomposition {@code A = U diag(S) Vh} ({@code torch.linalg.svd}), singular values
     * descending. With {@code fullMatrices}, U is {@code [..., m, m]} and Vh {@code [..., n, n]}; otherwise
     * {@code [..., m, k]} and {@code [..., k, n]} with {@code k = min(m, n)}. Singular vectors are defined up to
     * sign; gradients assume distinct singular values. Non-finite input raises {@link LinAlgException}.
     */
    public static SvdResult svd(Tensor a, boolean fullMatrices) {
        return Svd.svd(a, fullMatrices);
    }

    /** The singular values of a batch of matrices, descending ({@code torch.linalg.svdvals}). */
    public static Tensor svdvals(Tensor a) {
        return Svd.svdvals(a);
    }

    /** The pseudoinverse with PyTorch's default tolerance ({@code torch.linalg.pinv}). */
    public static Tensor pinv(Tensor a) {
        return pinv(a, null, null, false);
    }

    /** The pseudoinverse; with {@code hermitian}, of a symmetric matrix through its eigendecomposition. */
    public static Tensor pinv(Tensor a, boolean hermitian) {
        return pinv(a, null, null, hermitian);
    }

    /**
     * The pseudoinverse {@code V diag(1/S) U^H} ({@code torch.linalg.pinv}; real or complex), where singular values (absolute
     * eigenvalues when {@code hermitian}; only the lower triangle is then read) at most
     * {@code max(atol, rtol * largest)} count as zero. Null means PyTorch's default: {@code atol = 0}, and
     * {@code rtol = eps * max(m, n)} unless a positive {@code atol} is given (then 0).
     */
    public static Tensor pinv(Tensor a, Double atol, Double rtol, boolean hermitian) {
        return LeastSquares.pinv(a, atol, rtol, hermitian);
    }

    /** {@link #lstsq(Tensor, Tensor, Double)} with the default {@code rcond}. */
    public static LstsqResult lstsq(Tensor a, Tensor b) {
        return lstsq(a, b, null);
    }

    /**
     * The minimum-norm least-squares solution of {@code A X = B} ({@code torch.linalg.lstsq} with the CPU's
     * default driver, gelsy): A {@code [..., m, n]}, B {@code [..., m, k]} or {@code [..., m]} (batch dims
     * broadcast). Singular values at most {@code rcond * largest} are treated as zero (null:
     * {@code eps * max(m, n)}); {@code rank} counts the others. Differentiable in A and B.
     */
    public static LstsqResult lstsq(Tensor a, Tensor b, Double rcond) {
        return LeastSquares.lstsq(a, b, rcond);
    }

    /** The numerical rank with PyTorch's default tolerance ({@code torch.linalg.matrix_rank}), int64. */
    public static Tensor matrixRank(Tensor a) {
        return matrixRank(a, null, null, false);
    }

    /** The numerical rank; with {@code hermitian}, from the eigenvalues of a symmetric matrix. */
    public static Tensor matrixRank(Tensor a, boolean hermitian) {
        return matrixRank(a, null, null, hermitian);
    }

    /**
     * The number of singular values greater than {@code max(atol, rtol * largest)}, with the defaults of
     * {@link #pinv(Tensor, Double, Double, boolean)} ({@code torch.linalg.matrix_rank}).
     */
    public static Tensor matrixRank(Tensor a, Double atol, Double rtol, boolean hermitian) {
        return LeastSquares.matrixRank(a, atol, rtol, hermitian);
    }

    /** The Frobenius norm of each matrix over the last two dims ({@code torch.linalg.matrix_norm}). */
    public static Tensor matrixNorm(Tensor a) {
        return matrixNorm(a, "fro", new int[] {-2, -1}, false);
    }

    /** The {@code "fro"} or {@code "nuc"} (sum of singular values) norm of the matrices spanned by {@code dim}. */
    public static Tensor matrixNorm(Tensor a, String ord, int[] dim, boolean keepdim) {
        return MatrixNorms.matrixNorm(a, ord, dim, keepdim);
    }

    /**
     * The matrix norm of order 2 or -2 (largest or smallest singular value), 1 or -1 (max or min column sum of
     * absolute values), inf or -inf (row sums) over the two dims {@code dim}.
     */
    public static Tensor matrixNorm(Tensor a, double ord, int[] dim, boolean keepdim) {
        return MatrixNorms.matrixNorm(a, ord, dim, keepdim);
    }

    /** The 2-norm of all elements ({@code torch.linalg.norm(A)}). */
    public static Tensor norm(Tensor a) {
        return norm(a, (Double) null, null, false);
    }

    /**
     * {@code torch.linalg.norm}: a matrix norm when {@code dim} has two entries (or is null, with an order, for a
     * 2-d input), otherwise the vector norm over {@code dim} (null: all elements). A null {@code ord} is the
     * 2-norm of the flattened dims.
     */
    public static Tensor norm(Tensor a, Double ord, int[] dim, boolean keepdim) {
        return MatrixNorms.norm(a, ord, dim, keepdim);
    }

    /** {@code torch.linalg.norm} with {@code "fro"} or {@code "nuc"}: a matrix norm over {@code dim} (null: dims 0 and 1). */
    public static Tensor norm(Tensor a, String ord, int[] dim, boolean keepdim) {
        return MatrixNorms.norm(a, ord, dim, keepdim);
    }

    /** The 2-norm condition number {@code sigma_max / sigma_min} ({@code torch.linalg.cond}). */
    public static Tensor cond(Tensor a) {
        return cond(a, (Double) null);
    }

    /**
     * The condition number in the norm of order {@code p} (2, -2, 1, -1, inf, -inf; null means 2):
     * {@code ||A|| ||A^-1||}, or the ratio of extreme singular values for ±2. Inf for a singular matrix in the
     * norms that need the inverse, which also require square matrices.
     */
    public static Tensor cond(Tensor a, Double p) {
        return MatrixNorms.cond(a, p);
    }

    /** The condition number in the {@code "fro"} or {@code "nuc"} norm, of square matrices. */
    public static Tensor cond(Tensor a, String p) {
        return MatrixNorms.cond(a, p);
    }

    // ---- autofunc: householder_product, ldl, the _ex forms, tensorinv/tensorsolve ----

    /**
     * The first n columns of the product {@code H_0 ... H_{k-1}} of Householder reflectors
     * ({@code torch.linalg.householder_product}, {@code torch.orgqr}): A {@code [..., m, n]} ({@code m >= n})
     * holds reflector i's vector below its diagonal in column i (as {@link TorchLinalg#geqrf} leaves it), tau
     * {@code [..., k]} ({@code k <= n}) their factors. Differentiable with respect to both, twice.
     */
    public static Tensor householderProduct(Tensor A, Tensor tau) {
        return Reflectors.householderProduct(A, tau);
    }

    /**
     * The Bunch-Kaufman factorization {@code A = P L D L^T P^T} of symmetric (possibly indefinite) real or complex
     * matrices from their lower triangle ({@code torch.linalg.ldl_factor} with {@code hermitian=False}, LAPACK's
     * sytrf): LD and pivots as LAPACK returns them, for {@link #ldlSolve}. Not differentiable, as in PyTorch.
     *
     * @throws LinAlgException if a matrix is singular (PyTorch 1.13 fails there with an internal assertion)
     */
    public static LdlFactors ldlFactor(Tensor A) {
        return Ldl.factor(A, false);
    }

    /**
     * {@code torch.linalg.ldl_factor(A, hermitian)}: with {@code hermitian}, {@code A = P L D L^H P^T} of Hermitian
     * matrices (LAPACK's hetrf; D's diagonal real). For real matrices symmetric and Hermitian coincide.
     */
    public static LdlFactors ldlFactor(Tensor A, boolean hermitian) {
        return Ldl.factor(A, hermitian);
    }

    /**
     * {@link #ldlFactor} reporting singular matrices in {@code info} instead of throwing
     * ({@code torch.linalg.ldl_factor_ex} with {@code hermitian=False, check_errors=False}).
     */
    public static LdlFactorEx ldlFactorEx(Tensor A) {
        return Ldl.factorEx(A, false, false);
    }

    /** {@code torch.linalg.ldl_factor_ex(A, hermitian, check_errors)}: throws for a singular matrix when {@code checkErrors}. */
    public static LdlFactorEx ldlFactorEx(Tensor A, boolean hermitian, boolean checkErrors) {
        return Ldl.factorEx(A, hermitian, checkErrors);
    }

    /**
     * Solves {@code A X = B} from {@link #ldlFactor}'s LD and pivots ({@code torch.linalg.ldl_solve}); B is
     * {@code [..., n, k]} and batch dims broadcast. Not differentiable, as in PyTorch.
     */
    public static Tensor ldlSolve(Tensor LD, Tensor pivots, Tensor B) {
        return Ldl.solve(LD, pivots, B, false);
    }

    /**
     * {@code torch.linalg.ldl_solve(LD, pivots, B, hermitian)}: {@code hermitian} must be the factorization's; for
     * real matrices it changes nothing.
     */
    public static Tensor ldlSolve(Tensor LD, Tensor pivots, Tensor B, boolean hermitian) {
        return Ldl.solve(LD, pivots, B, hermitian);
    }

    /**
     * {@link #luFactor} with LAPACK's {@code info} per matrix instead of an error for a singular one
     * ({@code torch.linalg.lu_factor_ex} with {@code pivot=True, check_errors=False}).
     */
    public static LuFactorEx luFactorEx(Tensor A) {
        return ExFactorizations.luFactorEx(A, true, false);
    }

    /**
     * {@code torch.linalg.lu_factor_ex(A, pivot, check_errors)}: {@code pivot=False} is not implemented on the
     * CPU (as in PyTorch); {@code checkErrors} throws for a singular matrix.
     */
    public static LuFactorEx luFactorEx(Tensor A, boolean pivot, boolean checkErrors) {
        return ExFactorizations.luFactorEx(A, pivot, checkErrors);
    }

    /**
     * {@link #solve} with the {@code info} of A's LU instead of an error for a singular matrix
     * ({@code torch.linalg.solve_ex} with {@code left=True, check_errors=False}); the result of a singular system
     * then holds infinities or NaNs.
     */
    public static SolveEx solveEx(Tensor A, Tensor B) {
        return ExFactorizations.solveEx(A, B, true, false);
    }

    /** {@code torch.linalg.solve_ex(A, B, left, check_errors)}. */
    public static SolveEx solveEx(Tensor A, Tensor B, boolean left, boolean checkErrors) {
        return ExFactorizations.solveEx(A, B, left, checkErrors);
    }

    /**
     * The inverse of A with respect to {@code tensordot} ({@code torch.linalg.tensorinv} with {@code ind=2}):
     * A's first two dims against the rest, result of shape {@code A.shape[2:] + A.shape[:2]}.
     */
    public static Tensor tensorinv(Tensor A) {
        return TensorSystems.tensorinv(A, 2);
    }

    /** {@code torch.linalg.tensorinv(A, ind)}: A's first {@code ind} dims against the rest. */
    public static Tensor tensorinv(Tensor A, int ind) {
        return TensorSystems.tensorinv(A, ind);
    }

    /**
     * X with {@code tensordot(A, X, X.ndim) == B} ({@code torch.linalg.tensorsolve}), of shape
     * {@code A.shape[B.ndim:]}.
     */
    public static Tensor tensorsolve(Tensor A, Tensor B) {
        return TensorSystems.tensorsolve(A, B, null);
    }

    /** {@code torch.linalg.tensorsolve(A, B, dims)}: A's {@code dims} are moved to its end first. */
    public static Tensor tensorsolve(Tensor A, Tensor B, int[] dims) {
        return TensorSystems.tensorsolve(A, B, dims);
    }

    // ---- construction, shape, joining and matrix-product conveniences ----

    /** {@code torch.linalg.vander}: x^0, x^1, ..., x^(n-1) along a new last dim, n = x.size(-1) (at least 2). */
    public static Tensor vander(Tensor x) {
        return Vandermonde.vander(x, null);
    }

    /** {@code torch.linalg.vander} with {@code n} columns (null: x.size(-1)); n must exceed 1; integers in int64. */
    public static Tensor vander(Tensor x, Long n) {
        return Vandermonde.vander(x, n);
    }
}
