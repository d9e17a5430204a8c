package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The result of the deprecated {@link TorchLinalg#triangularSolve} ({@code torch.return_types.triangular_solve}).
 *
 * @param solution X with {@code A X = b} (or {@code A^T X = b})
 * @param clonedCoefficient a copy of A, broadcast to the batch shape of the solution
 */
public record TriangularSolveResult(Tensor solution, Tensor clonedCoefficient) {}
