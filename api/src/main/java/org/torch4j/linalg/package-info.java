/**
 * Linear algebra ({@code torch.linalg}): {@link org.torch4j.linalg.Linalg} solves linear systems, inverts
 * matrices, computes determinants, norms and the LU, Cholesky, QR, symmetric eigen- and singular value
 * decompositions, each over batches of matrices ({@code [..., m, n]}) and differentiable as in PyTorch.
 * A singular or non-positive-definite input raises {@link org.torch4j.linalg.LinAlgException}.
 */
@Export
@Version("0.3.0")
package org.torch4j.linalg;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
