package org.torch4j.vision.models.detection;

import org.torch4j.Tensor;

/**
 * One image's ground truth for training a detection model (torchvision's target dict).
 *
 * @param boxes {@code [N, 4]} float boxes {@code (x1, y1, x2, y2)} in the image's pixels
 * @param labels {@code [N]} int64 class of each box (0 is background)
 * @param masks {@code [N, H, W]} uint8 instance masks (Mask R-CNN), or null
 * @param keypoints {@code [N, K, 3]} float32 {@code (x, y, visibility)} (Keypoint R-CNN), or null
 */
public record Target(Tensor boxes, Tensor labels, Tensor masks, Tensor keypoints) {
    /**
     * A target of boxes and labels only.
     *
     * @param boxes {@code [N, 4]} boxes
     * @param labels {@code [N]} int64 labels
     */
    public Target(Tensor boxes, Tensor labels) {
        this(boxes, labels, null, null);
    }

    /** This target with other boxes (and keypoints, masks). */
    Target with(Tensor newBoxes, Tensor newMasks, Tensor newKeypoints) {
        return new Target(newBoxes, labels, newMasks, newKeypoints);
    }
}
