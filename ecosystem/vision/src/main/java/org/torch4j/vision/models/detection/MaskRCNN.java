package org.torch4j.vision.models.detection;

import java.util.List;
import org.torch4j.vision.ops.MultiScaleRoIAlign;

/**
 * Mask R-CNN ({@code torchvision.models.detection.MaskRCNN}, He et al. 2017): Faster R-CNN with a mask branch
 * ({@code mask_roi_pool} 14x14, {@link MaskRCNNHeads}, {@link MaskRCNNPredictor}); detections carry mask
 * probabilities pasted into the image, training adds {@code loss_mask}. As torchvision, the mask branch is built
 * (and initialised) before Faster R-CNN's heads, and registered after them.
 */
public class MaskRCNN extends FasterRCNN {
    /**
     * A Mask R-CNN with torchvision's default parts.
     *
     * @param backbone the backbone with its pyramid
     * @param numClasses the classes, background included
     * @param options the keyword arguments (null fields take torchvision's defaults)
     */
    public MaskRCNN(BackboneWithFPN backbone, int numClasses, RCNNOptions options) {
        super(backbone, numClasses, options, null, null, null, maskBranch(backbone.outChannels, numClasses));
    }

    private static Branches maskBranch(long outChannels, int numClasses) {
        MultiScaleRoIAlign pool = new MultiScaleRoIAlign(List.of("0", "1", "2", "3"), new int[] {14}, 2);
        MaskRCNNHeads head = new MaskRCNNHeads(outChannels, new long[] {256, 256, 256, 256}, 1, null);
        MaskRCNNPredictor predictor = new MaskRCNNPredictor(256, 256, numClasses);
        return new Branches(pool, head, predictor, null, null, null, new int[] {800});
    }

    /** {@code maskrcnn_resnet50_fpn(num_classes=numClasses)} with torchvision's defaults. */
    public static MaskRCNN maskrcnnResnet50Fpn(int numClasses) {
        return maskrcnnResnet50Fpn(numClasses, RCNNOptions.DEFAULTS);
    }

    /**
     * {@code maskrcnn_resnet50_fpn(weights=None, weights_backbone=None, num_classes=numClasses, **options)}: 44.4M parameters at
     * 91 classes.
     *
     * @param numClasses the classes, background included (torchvision's default is 91)
     * @param options the keyword arguments
     * @return the model, in training mode
     */
    public static MaskRCNN maskrcnnResnet50Fpn(int numClasses, RCNNOptions options) {
        return new MaskRCNN(resnet50Fpn(), numClasses, options);
    }
}
