/** Datasets, samplers and the {@link org.torch4j.data.DataLoader} ({@code torch.utils.data}). */
@Export
@Version("0.2.0")
package org.torch4j.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
