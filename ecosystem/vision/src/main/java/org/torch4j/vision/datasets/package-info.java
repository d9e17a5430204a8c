/** Vision datasets ({@code torchvision.datasets}). */
@Export
@Version("0.1.0")
package org.torch4j.vision.datasets;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
