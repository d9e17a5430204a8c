package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The QR decomposition {@code A = Q R} ({@code torch.return_types.linalg_qr}): Q with orthonormal columns,
 * R upper triangular. With mode {@code "r"}, Q is an empty tensor.
 */
public record QrResult(Tensor Q, Tensor R) {}
