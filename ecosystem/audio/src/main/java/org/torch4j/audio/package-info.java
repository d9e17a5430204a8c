/** Audio IO and processing ({@code torchaudio}). */
@Export
@Version("0.2.0")
package org.torch4j.audio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
