package org.torch4j.vision.models.detection;

import java.util.List;
import org.torch4j.Tensor;

/**
 * Images of different sizes batched into one padded tensor, with each image's size before padding
 * ({@code torchvision.models.detection.image_list.ImageList}).
 *
 * @param tensors the {@code [N, C, H, W]} batch, zero-padded at the bottom and right
 * @param imageSizes per image, {@code {height, width}} inside the batch
 */
public record ImageList(Tensor tensors, List<long[]> imageSizes) {}
