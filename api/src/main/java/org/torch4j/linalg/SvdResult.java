package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The singular value decomposition {@code A = U diag(S) Vh} ({@code torch.return_types.linalg_svd}): singular
 * values in descending order; the singular vectors (columns of U, rows of Vh) are each defined up to sign.
 *
 * @param U {@code [..., m, m]} (full matrices) or {@code [..., m, k]}, orthonormal columns
 * @param S {@code [..., k]} with {@code k = min(m, n)}, descending
 * @param Vh {@code [..., n, n]} (full matrices) or {@code [..., k, n]}, orthonormal rows
 */
public record SvdResult(Tensor U, Tensor S, Tensor Vh) {}
