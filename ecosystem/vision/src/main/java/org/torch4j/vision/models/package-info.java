/** Vision models ({@code torchvision.models}). */
@Export
@Version("0.3.0")
package org.torch4j.vision.models;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
