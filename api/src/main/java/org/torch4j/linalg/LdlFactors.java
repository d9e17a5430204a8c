package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The result of {@link Linalg#ldlFactor} ({@code torch.return_types.linalg_ldl_factor}): {@code A = P L D L^T P^T}
 * packed as LAPACK's {@code sytrf} packs it (see {@link Linalg#ldlFactor}).
 *
 * @param ld {@code [..., n, n]}: D's blocks on the diagonal, L's multipliers below, zeros above
 * @param pivots int32 {@code [..., n]}: LAPACK's 1-based pivots, negative for the two rows of a 2x2 block
 */
public record LdlFactors(Tensor ld, Tensor pivots) {}
