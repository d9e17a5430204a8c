/**
 * {@code torch.special}: {@link org.torch4j.special.Special} holds PyTorch 1.13's special functions (Bessel,
 * Airy, incomplete gamma, zeta, the normal distribution's functions, orthogonal polynomials and the
 * special-function aliases of tensor ops) with PyTorch's dtype rules, special values and derivatives.
 */
@Export
@Version("0.1.0")
package org.torch4j.special;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
