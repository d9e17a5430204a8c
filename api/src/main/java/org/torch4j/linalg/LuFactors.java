package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The result of {@link Linalg#luFactor}: {@code A = P L U} packed as LAPACK's {@code getrf} packs it.
 *
 * @param lu L below the diagonal (its unit diagonal implicit) and U on and above it, {@code [..., m, n]}
 * @param pivots int32 1-based row interchanges {@code [..., min(m, n)]}: row i was swapped with row
 *     {@code pivots[i]}, in order
 */
public record LuFactors(Tensor lu, Tensor pivots) {}
