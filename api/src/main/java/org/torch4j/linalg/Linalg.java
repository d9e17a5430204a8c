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
 * Tensor[] usv = svd(a, false);            // U, S, Vh
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
        Kernels.checkSquare("linalg.det", A, "lu_cpu");
        return new Determinant().apply1(A);
    }

    /**
     * The sign and the natural logarithm of the absolute value of the determinant ({@code torch.linalg.slogdet}),
     * which does not overflow or underflow where {@link #det} would; a singular matrix gives (0, -inf).
     */
    public static SignLogAbsDet slogdet(Tensor A) {
        Kernels.checkSquare("linalg.slogdet", A, "lu_cpu");
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
     * ({@code torch.linalg.cholesky}); only A's lower triangle is read.
     *
     * @throws LinAlgException if a matrix is not positive-definite
     */
    public static Tensor cholesky(Tensor A) {
        return cholesky(A, false);
    }

    /** {@link #cholesky(Tensor)}, or with {@code upper} the factor U = L^T, {@code A = U^T U}, read from A's upper triangle. */
    public static Tensor cholesky(Tensor A, boolean upper) {
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

    /** {@code A^n} for square matrices ({@code torch.linalg.matrix_power}): the identity for 0, {@code inv(A)^-n} for n < 0. */
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

}
