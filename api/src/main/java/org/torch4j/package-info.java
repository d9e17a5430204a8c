/**
 * torch4j: PyTorch for the JVM. {@link org.torch4j.Torch} holds the factories and modes,
 * {@link org.torch4j.Tensor} the eager tensor with its autograd tape.
 */
@Export
@Version("0.7.0")
package org.torch4j;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
