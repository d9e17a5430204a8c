package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The QR decomposition {@code A = Q R} ({@code torch.return_types.linalg_qr}): Q with orthonormal columns,
 * R upper triangular. With mode {@code "r"}, Q is an empty tensor.
 *
 * @param Q {@code [..., m, k]} (mode "reduced") or {@code [..., m, m]} (mode "complete"), orthonormal columns
 * @param R {@code [..., k, n]} or {@code [..., m, n]}, upper triangular
 */
public record QrResult(Tensor Q, Tensor R) {}
