package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The result of {@link Linalg#lu}: {@code A = P L U} for {@code [..., m, n]} matrices, with k = min(m, n).
 *
 * @param p the permutation matrices {@code [..., m, m]} (in A's dtype)
 * @param l unit lower triangular {@code [..., m, k]}
 * @param u upper triangular {@code [..., k, n]}
 */
public record PLU(Tensor p, Tensor l, Tensor u) {}
