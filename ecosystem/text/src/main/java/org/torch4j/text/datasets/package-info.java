/**
 * Text datasets: {@link org.torch4j.text.datasets.TextLines} (a file's lines or records) and
 * {@link org.torch4j.text.datasets.Fortunes} (Debian's fortune cookies, labelled by category), items
 * as torchtext's {@code (label, text)} in {@link org.torch4j.text.datasets.LabeledText}. No network.
 */
@Export
@Version("0.1.0")
package org.torch4j.text.datasets;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
