package org.torch4j.vision.models.detection;

import org.torch4j.Tensor;

/**
 * One image's detections from a model in evaluation mode (torchvision's result dict), by decreasing score.
 *
 * @param boxes {@code [D, 4]} boxes {@code (x1, y1, x2, y2)} in the input image's pixels
 * @param labels {@code [D]} int64 classes
 * @param scores {@code [D]} scores
 * @param masks {@code [D, 1, H, W]} mask probabilities pasted into the image (Mask R-CNN), or null
 * @param keypoints {@code [D, K, 3]} keypoints {@code (x, y, 1)} (Keypoint R-CNN), or null
 * @param keypointsScores {@code [D, K]} the keypoints' heatmap scores (Keypoint R-CNN), or null
 */
public record Detection(Tensor boxes, Tensor labels, Tensor scores, Tensor masks, Tensor keypoints, Tensor keypointsScores) {
    /** This detection with other boxes, masks and keypoints. */
    Detection with(Tensor newBoxes, Tensor newMasks, Tensor newKeypoints) {
        return new Detection(newBoxes, labels, scores, newMasks, newKeypoints, keypointsScores);
    }
}
