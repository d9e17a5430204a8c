package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The result of {@link TorchLinalg#lobpcg}: k eigenpairs of the generalized problem {@code A x = e B x}.
 *
 * @param E the eigenvalues {@code [..., k]}, largest first (or smallest first when the smallest were asked for)
 * @param X the B-orthonormal eigenvectors {@code [..., m, k]}, each defined up to sign
 */
public record LobpcgResult(Tensor E, Tensor X) {}
