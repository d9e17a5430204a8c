/**
 * The backend SPI: what a device backend implements, and the registry that finds backends.
 *
 * <p>A backend implements a small set of primitive kernels; composite ops, autograd and views are
 * written once in the api above them. See {@code docs/development.md}, "Adding a backend".
 */
@Export
@Version("0.11.0")
package org.torch4j.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
