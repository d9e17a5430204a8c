package org.torch4j.vision.models.detection;

import java.util.List;
import org.torch4j.vision.ops.MultiScaleRoIAlign;

/**
 * Keypoint R-CNN ({@code torchvision.models.detection.KeypointRCNN}): Faster R-CNN with a keypoint branch
 * ({@code keypoint_roi_pool} 14x14, {@link KeypointRCNNHeads} of eight 512-channel convolutions,
 * {@link KeypointRCNNPredictor}); detections carry keypoints and their scores, training adds {@code loss_keypoint}.
 * Unless given, images are resized to a shorter side drawn from 640 to 800 in training (800 in evaluation).
 */
public class KeypointRCNN extends FasterRCNN {
    /**
     * A Keypoint R-CNN with torchvision's default parts.
     *
     * @param backbone the backbone with its pyramid
     * @param numClasses the classes, background included
     * @param numKeypoints the keypoints per instance
     * @param options the keyword arguments (null fields take torchvision's defaults)
     */
    public KeypointRCNN(BackboneWithFPN backbone, int numClasses, int numKeypoints, RCNNOptions options) {
        super(backbone, numClasses, options, null, null, null, keypointBranch(backbone.outChannels, numKeypoints));
    }

    private static Branches keypointBranch(long outChannels, int numKeypoints) {
        MultiScaleRoIAlign pool = new MultiScaleRoIAlign(List.of("0", "1", "2", "3"), new int[] {14}, 2);
        long[] layers = new long[8];
        java.util.Arrays.fill(layers, 512);
        KeypointRCNNHeads head = new KeypointRCNNHeads(outChannels, layers);
        KeypointRCNNPredictor predictor = new KeypointRCNNPredictor(512, numKeypoints);
        return new Branches(null, null, null, pool, head, predictor, new int[] {640, 672, 704, 736, 768, 800});
    }

    /** {@code keypointrcnn_resnet50_fpn(num_classes=numClasses)}: 17 keypoints, torchvision's defaults. */
    public static KeypointRCNN keypointrcnnResnet50Fpn(int numClasses) {
        return keypointrcnnResnet50Fpn(numClasses, 17, RCNNOptions.DEFAULTS);
    }

    /**
     * {@code keypointrcnn_resnet50_fpn(weights=None, weights_backbone=None, num_classes=numClasses, num_keypoints=numKeypoints, **options)}:
     * 59.1M parameters at 2 classes and 17 keypoints.
     *
     * @param numClasses the classes, background included (torchvision's default is 2: background and person)
     * @param numKeypoints the keypoints per instance (torchvision's default is 17)
     * @param options the keyword arguments
     * @return the model, in training mode
     */
    public static KeypointRCNN keypointrcnnResnet50Fpn(int numClasses, int numKeypoints, RCNNOptions options) {
        return new KeypointRCNN(resnet50Fpn(), numClasses, numKeypoints, options);
    }
}
