package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The result of {@link Linalg#solveEx} ({@code torch.return_types.linalg_solve_ex}).
 *
 * @param result the solution (infinities or NaNs for a singular matrix)
 * @param info int32 per matrix: 0, or the 1-based index of the zero diagonal element of A's U
 */
public record SolveEx(Tensor result, Tensor info) {}
