/**
 * Discrete Fourier transforms ({@code torch.fft}): {@link org.torch4j.fft.Fft} computes the complex, real and
 * Hermitian FFTs in one, two and n dimensions with PyTorch's arguments (sizes, dims, normalisation), their
 * sample frequencies and the shifts of the zero frequency, all differentiable (twice) as in PyTorch.
 */
@Export
@Version("0.1.0")
package org.torch4j.fft;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
