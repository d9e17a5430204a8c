package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The least-squares solution of {@code A X = B} ({@code torch.return_types.linalg_lstsq}) with the fields the
 * CPU default driver {@code gelsy} fills: {@code solution} and {@code rank} (int64, one per matrix of the
 * batch); {@code residuals} and {@code singularValues} are empty tensors, as PyTorch returns them for gelsy.
 *
 * @param solution {@code [..., n, k]} (or {@code [..., n]} for a vector right-hand side), minimum-norm
 * @param residuals empty ({@code [0]}), as for gelsy
 * @param rank int64 {@code [...]}, the numerical rank of each matrix
 * @param singularValues empty ({@code [0]}), as for gelsy
 */
public record LstsqResult(Tensor solution, Tensor residuals, Tensor rank, Tensor singularValues) {}
