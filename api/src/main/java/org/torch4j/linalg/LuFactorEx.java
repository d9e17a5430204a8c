package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The result of {@link Linalg#luFactorEx} ({@code torch.return_types.linalg_lu_factor_ex}).
 *
 * @param lu L and U packed as in {@link LuFactors}
 * @param pivots int32 1-based row interchanges {@code [..., min(m, n)]}
 * @param info int32 per matrix: 0, or the 1-based index of U's first zero diagonal element
 */
public record LuFactorEx(Tensor lu, Tensor pivots, Tensor info) {}
