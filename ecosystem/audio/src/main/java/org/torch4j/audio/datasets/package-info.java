/**
 * Audio datasets: {@link org.torch4j.audio.datasets.SpeechFolder} (one folder of WAV files per class)
 * and {@link org.torch4j.audio.datasets.SpokenDigits} (spoken digits synthesised locally with espeak-ng).
 */
@Export
@Version("0.1.0")
package org.torch4j.audio.datasets;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
