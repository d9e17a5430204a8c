/**
 * TensorBoard logging, PyTorch's {@code torch.utils.tensorboard}: {@link org.torch4j.tensorboard.SummaryWriter}
 * writes scalars, histograms, images, text, audio, precision-recall curves, hyperparameters, embeddings, meshes,
 * custom-scalar layouts, videos and model graphs to event files that TensorBoard reads
 * ({@code tensorboard --logdir runs}).
 *
 * <pre>{@code
 * try (SummaryWriter writer = new SummaryWriter(Path.of("runs/exp1"))) {
 *     writer.addScalar("loss", loss.item(), step);
 * }
 * }</pre>
 */
@Export
@Version("0.1.0")
package org.torch4j.tensorboard;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
