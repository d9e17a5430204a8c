/** Optimizers and learning-rate schedulers ({@code torch.optim}). */
@Export
@Version("0.1.0")
package org.torch4j.optim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
