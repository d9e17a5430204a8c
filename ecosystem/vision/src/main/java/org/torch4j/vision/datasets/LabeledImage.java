package org.torch4j.vision.datasets;

import org.torch4j.Tensor;

/**
 * One item of an image classification dataset: the (transformed) image and its label, a 0-dim int64
 * tensor; a {@code DataLoader} collates these into (images [B, ...], labels [B]).
 *
 * @param image the image, as the dataset's transform left it
 * @param label the class index, a 0-dim int64 tensor
 */
public record LabeledImage(Tensor image, Tensor label) {}
