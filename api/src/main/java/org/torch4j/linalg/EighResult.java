package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The eigendecomposition of a symmetric matrix {@code A = V diag(w) V^T} ({@code torch.return_types.linalg_eigh}):
 * eigenvalues in ascending order, and the orthonormal eigenvectors as the columns of {@code eigenvectors}
 * (each defined up to sign).
 *
 * @param eigenvalues {@code [..., n]}, ascending
 * @param eigenvectors {@code [..., n, n]}, column {@code j} belonging to eigenvalue {@code j}
 */
public record EighResult(Tensor eigenvalues, Tensor eigenvectors) {}
