package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The result of {@link TorchLinalg#geqrf} ({@code torch.return_types.geqrf}): the QR decomposition as LAPACK's
 * {@code geqrf} packs it.
 *
 * @param a {@code [..., m, n]}: R on and above the diagonal, the Householder vectors' tails below it
 * @param tau {@code [..., min(m, n)]}: the reflectors' scalar factors
 */
public record GeqrfResult(Tensor a, Tensor tau) {}
