/**
 * {@code torchtext.data}: the BLEU metric ({@link org.torch4j.text.data.Metrics#bleuScore}) and the text-cleaning
 * helpers of {@code torchtext.data.functional} ({@link org.torch4j.text.data.DataFunctional}).
 */
@Export
@Version("0.1.0")
package org.torch4j.text.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
