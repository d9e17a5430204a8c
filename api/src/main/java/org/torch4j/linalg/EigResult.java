package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The result of {@link Linalg#eig}: complex eigenvalues and eigenvectors ({@code torch.return_types.linalg_eig}).
 *
 * @param eigenvalues {@code [..., n]}, complex64 for float32 input, complex128 for float64
 * @param eigenvectors {@code [..., n, n]}, column {@code j} belonging to eigenvalue {@code j}, each of norm 1
 */
public record EigResult(Tensor eigenvalues, Tensor eigenvectors) {}
