/** {@code torch.nn.parallel}: {@link org.torch4j.nn.parallel.DistributedDataParallel}, data-parallel training over a process group. */
@Export
@Version("0.1.0")
package org.torch4j.nn.parallel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
