/**
 * Neural network building blocks ({@code torch.nn}): {@link org.torch4j.nn.Module} and its
 * parameters, layers, losses and the functional forms in {@link org.torch4j.nn.F}.
 */
@Export
@Version("0.8.0")
package org.torch4j.nn;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
