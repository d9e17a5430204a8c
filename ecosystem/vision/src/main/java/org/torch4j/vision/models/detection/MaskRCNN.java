package org.torch4j.vision.models.detection;

import java.util.List;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Module;
import org.torch4j.vision.models.ResNet;
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
        this(backbone, numClasses, options, null, null, null, null);
    }

    /**
     * A Mask R-CNN of the given parts; null parts take torchvision's defaults, built in its order (mask head and predictor,
     * then Faster R-CNN's anchors, RPN head, box head and predictor).
     *
     * @param backbone the backbone with its pyramid
     * @param numClasses the classes, background included
     * @param options the keyword arguments (null fields take torchvision's defaults)
     * @param anchorGenerator the RPN's anchors, or null for sizes 32 to 512 over five levels
     * @param rpnHead the RPN's head, or null for one 3x3 convolution
     * @param boxHead the box head, or null for a {@link TwoMLPHead} of 1024
     * @param maskHead the mask head, or null for four 256-channel blocks without norm
     */
    public MaskRCNN(BackboneWithFPN backbone, int numClasses, RCNNOptions options, AnchorGenerator anchorGenerator, RPNHead rpnHead,
                    Module boxHead, MaskRCNNHeads maskHead) {
        super(backbone, numClasses, options, anchorGenerator, rpnHead, boxHead, maskBranch(backbone.outChannels, numClasses, maskHead));
    }

    private static Branches maskBranch(long outChannels, int numClasses, MaskRCNNHeads maskHead) {
        MultiScaleRoIAlign pool = new MultiScaleRoIAlign(List.of("0", "1", "2", "3"), new int[] {14}, 2);
        MaskRCNNHeads head = maskHead != null ? maskHead : new MaskRCNNHeads(outChannels, new long[] {256, 256, 256, 256}, 1, null);
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

    /** {@code maskrcnn_resnet50_fpn_v2(num_classes=numClasses)} with torchvision's defaults. */
    public static MaskRCNN maskrcnnResnet50FpnV2(int numClasses) {
        return maskrcnnResnet50FpnV2(numClasses, RCNNOptions.DEFAULTS);
    }

    /**
     * {@code maskrcnn_resnet50_fpn_v2(weights=None, weights_backbone=None, num_classes=numClasses, **options)}: Faster R-CNN v2's
     * parts (pyramid with BatchNorm2d, two-convolution RPN head, {@link FastRCNNConvFCHead}) and a mask head with
     * BatchNorm2d; 46.4M parameters at 91 classes.
     *
     * @param numClasses the classes, background included (torchvision's default is 91)
     * @param options the keyword arguments
     * @return the model, in training mode
     */
    public static MaskRCNN maskrcnnResnet50FpnV2(int numClasses, RCNNOptions options) {
        BackboneWithFPN backbone = BackboneWithFPN.resnetFpnBackbone(ResNet.resnet50(1000), 5, null, null, BatchNorm2d::new);
        AnchorGenerator anchors = AnchorGenerator.defaultFpn();
        RPNHead rpnHead = new RPNHead(backbone.outChannels, anchors.numAnchorsPerLocation()[0], 2);
        FastRCNNConvFCHead boxHead = new FastRCNNConvFCHead(new long[] {backbone.outChannels, 7, 7}, new long[] {256, 256, 256, 256},
                new long[] {1024}, BatchNorm2d::new);
        MaskRCNNHeads maskHead = new MaskRCNNHeads(backbone.outChannels, new long[] {256, 256, 256, 256}, 1, BatchNorm2d::new);
        return new MaskRCNN(backbone, numClasses, options, anchors, rpnHead, boxHead, maskHead);
    }
}
