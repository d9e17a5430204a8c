/**
 * Text models: {@link org.torch4j.text.models.TextClassificationModel} (the torchtext tutorial's
 * EmbeddingBag + Linear classifier) and {@link org.torch4j.text.models.TextClassificationBatch} (its
 * {@code collate_batch}: concatenated ids with offsets).
 */
@Export
@Version("0.1.0")
package org.torch4j.text.models;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
