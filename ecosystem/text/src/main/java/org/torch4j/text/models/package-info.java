/**
 * Text models: {@link org.torch4j.text.models.TextClassificationModel} (the torchtext tutorial's
 * EmbeddingBag + Linear classifier) and {@link org.torch4j.text.models.TextClassificationBatch} (its
 * {@code collate_batch}: concatenated ids with offsets), and torchtext's RoBERTa / XLM-R
 * ({@link org.torch4j.text.models.RobertaModel}, {@link org.torch4j.text.models.RobertaEncoderConf},
 * {@link org.torch4j.text.models.RobertaClassificationHead}).
 */
@Export
@Version("0.2.0")
package org.torch4j.text.models;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
