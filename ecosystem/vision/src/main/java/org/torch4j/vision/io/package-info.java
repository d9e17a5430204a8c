/** Image files to tensors and back, grids of images ({@code torchvision.io}, {@code torchvision.utils}). */
@Export
@Version("0.2.0")
package org.torch4j.vision.io;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
