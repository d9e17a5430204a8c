package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The result of {@link Linalg#ldlFactorEx} ({@code torch.return_types.linalg_ldl_factor_ex}).
 *
 * @param ld as in {@link LdlFactors}
 * @param pivots as in {@link LdlFactors}
 * @param info int32 per matrix: 0, or the 1-based index of the first zero diagonal block of D (A singular)
 */
public record LdlFactorEx(Tensor ld, Tensor pivots, Tensor info) {}
