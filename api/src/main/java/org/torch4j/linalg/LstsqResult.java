package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The least-squares solution of {@code A X = B} ({@code torch.return_types.linalg_lstsq}) with the fields the
 * CPU default driver {@code gelsy} fills: {@code solution} and {@code rank} (int64, one per matrix of the
 * batch); {@code residuals} and {@code singularValues} are empty tensors, as PyTorch returns them for gelsy.
 */
public record LstsqResult(Tensor solution, Tensor residuals, Tensor rank, Tensor singularValues) {}
