/**
 * Sparse tensors, PyTorch's {@code torch.sparse}: {@link org.torch4j.sparse.SparseCooTensor} (the COO layout,
 * with hybrid dense dims), {@link org.torch4j.sparse.SparseCsrTensor} (compressed rows) and the functions of
 * {@link org.torch4j.sparse.Sparse} ({@code torch.sparse.mm}, {@code sum}, {@code softmax}, ...).
 *
 * <p>A sparse tensor holds dense {@link org.torch4j.Tensor}s (indices and values); every operation is written
 * with dense operations on them, so it runs on any backend and autograd records it through the values:
 * a loss computed from a sparse tensor gives its values (and the dense operands) their gradients. See
 * {@code docs/sparse.md} for the design and what differs from PyTorch.
 */
@Export
@Version("0.1.0")
package org.torch4j.sparse;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
