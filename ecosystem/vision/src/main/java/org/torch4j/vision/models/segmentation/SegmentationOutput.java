package org.torch4j.vision.models.segmentation;

import org.torch4j.Tensor;

/**
 * What torchvision's segmentation models return as a dict: {@code "out"} and, with an auxiliary
 * classifier, {@code "aux"}; both [N, numClasses, H, W] at the input's size.
 *
 * @param out the main classifier's logits
 * @param aux the auxiliary classifier's logits, or null without one
 */
public record SegmentationOutput(Tensor out, Tensor aux) {}
