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



    // ==== spectral family: qr, eigh, eigvalsh, svd, svdvals, pinv, lstsq, matrix_rank, cond,        ====
    // ==== the 2- and nuclear matrix norms                                                          ====

}
