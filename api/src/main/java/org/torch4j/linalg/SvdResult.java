package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The singular value decomposition {@code A = U diag(S) Vh} ({@code torch.return_types.linalg_svd}): singular
 * values in descending order; the singular vectors (columns of U, rows of Vh) are each defined up to sign.
 */
public record SvdResult(Tensor U, Tensor S, Tensor Vh) {}
