package org.torch4j.vision.models.detection;

import java.util.List;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Module;
import org.torch4j.vision.models.MobileNetV3;
import org.torch4j.vision.models.ResNet;
import org.torch4j.vision.ops.MultiScaleRoIAlign;

/**
 * Faster R-CNN ({@code torchvision.models.detection.FasterRCNN}, Ren et al. 2015): a backbone with a feature pyramid,
 * a region proposal network and RoI heads with a box branch. The builders make torchvision's models without
 * pretrained weights ({@code weights=None, weights_backbone=None}): BatchNorm2d in the backbone, every layer trainable,
 * and torchvision's initialisation order, so after the same seed the weights are torchvision's.
 */
public class FasterRCNN extends GeneralizedRCNN {
    /** The parts a subclass adds to the RoI heads (Mask and Keypoint R-CNN), built before Faster R-CNN's own heads. */
    record Branches(MultiScaleRoIAlign maskRoiPool, Module maskHead, Module maskPredictor, MultiScaleRoIAlign keypointRoiPool,
                    Module keypointHead, Module keypointPredictor, int[] defaultMinSize) {
        static final Branches NONE = new Branches(null, null, null, null, null, null, new int[] {800});
    }

    /**
     * A Faster R-CNN with torchvision's default anchors, RPN head, box pooling, box head and predictor.
     *
     * @param backbone the backbone with its pyramid
     * @param numClasses the classes, background included
     * @param options the keyword arguments (null fields take torchvision's defaults)
     */
    public FasterRCNN(BackboneWithFPN backbone, int numClasses, RCNNOptions options) {
        this(backbone, numClasses, options, null, null, null, Branches.NONE);
    }

    /**
     * A Faster R-CNN of the given parts; null parts take torchvision's defaults, built in its order (anchors, RPN head,
     * box pooling, box head, predictor).
     *
     * @param backbone the backbone with its pyramid
     * @param numClasses the classes, background included
     * @param options the keyword arguments (null fields take torchvision's defaults)
     * @param anchorGenerator the RPN's anchors, or null for sizes 32 to 512 over five levels
     * @param rpnHead the RPN's head, or null for one 3x3 convolution
     * @param boxHead the box head, or null for a {@link TwoMLPHead} of 1024
     */
    public FasterRCNN(BackboneWithFPN backbone, int numClasses, RCNNOptions options, AnchorGenerator anchorGenerator, RPNHead rpnHead,
                      Module boxHead) {
        this(backbone, numClasses, options, anchorGenerator, rpnHead, boxHead, Branches.NONE);
    }

    FasterRCNN(BackboneWithFPN backbone, int numClasses, RCNNOptions o, AnchorGenerator anchorGenerator, RPNHead rpnHead, Module boxHead,
               Branches branches) {
        this(backbone, o, anchorGenerator == null ? AnchorGenerator.defaultFpn() : anchorGenerator, rpnHead, boxHead, numClasses, branches);
    }

    private FasterRCNN(BackboneWithFPN backbone, RCNNOptions o, AnchorGenerator anchors, RPNHead rpnHead, Module boxHead, int numClasses,
                       Branches b) {
        super(backbone, rpn(o, anchors, rpnHead != null ? rpnHead : new RPNHead(backbone.outChannels, anchors.numAnchorsPerLocation()[0])),
                roiHeads(o, backbone.outChannels, boxHead, numClasses, b), transform(o, b.defaultMinSize()));
    }

    private static RegionProposalNetwork rpn(RCNNOptions o, AnchorGenerator anchors, RPNHead head) {
        return new RegionProposalNetwork(anchors, head, RCNNOptions.or(o.rpnFgIouThresh(), 0.7), RCNNOptions.or(o.rpnBgIouThresh(), 0.3),
                RCNNOptions.or(o.rpnBatchSizePerImage(), 256), RCNNOptions.or(o.rpnPositiveFraction(), 0.5),
                new int[] {RCNNOptions.or(o.rpnPreNmsTopNTrain(), 2000), RCNNOptions.or(o.rpnPreNmsTopNTest(), 1000)},
                new int[] {RCNNOptions.or(o.rpnPostNmsTopNTrain(), 2000), RCNNOptions.or(o.rpnPostNmsTopNTest(), 1000)},
                RCNNOptions.or(o.rpnNmsThresh(), 0.7), RCNNOptions.or(o.rpnScoreThresh(), 0.0));
    }

    private static RoIHeads roiHeads(RCNNOptions o, long outChannels, Module boxHead, int numClasses, Branches b) {
        MultiScaleRoIAlign pool = new MultiScaleRoIAlign(List.of("0", "1", "2", "3"), new int[] {7}, 2);
        Module head = boxHead != null ? boxHead : new TwoMLPHead(outChannels * 7 * 7, 1024);
        FastRCNNPredictor predictor = new FastRCNNPredictor(1024, numClasses);
        return new RoIHeads(pool, head, predictor, RCNNOptions.or(o.boxFgIouThresh(), 0.5), RCNNOptions.or(o.boxBgIouThresh(), 0.5),
                RCNNOptions.or(o.boxBatchSizePerImage(), 512), RCNNOptions.or(o.boxPositiveFraction(), 0.25), null,
                RCNNOptions.or(o.boxScoreThresh(), 0.05), RCNNOptions.or(o.boxNmsThresh(), 0.5), RCNNOptions.or(o.boxDetectionsPerImg(), 100),
                b.maskRoiPool(), b.maskHead(), b.maskPredictor(), b.keypointRoiPool(), b.keypointHead(), b.keypointPredictor());
    }

    /** The transform with ImageNet's mean and std; {@code minSize} as given, else {@code defaultMinSize}. */
    private static GeneralizedRCNNTransform transform(RCNNOptions o, int[] defaultMinSize) {
        int[] minSize = o.minSize() != null ? new int[] {o.minSize()} : defaultMinSize;
        return new GeneralizedRCNNTransform(minSize, RCNNOptions.or(o.maxSize(), 1333), new double[] {0.485, 0.456, 0.406},
                new double[] {0.229, 0.224, 0.225}, 32);
    }

    /** {@code fasterrcnn_resnet50_fpn(num_classes=numClasses)} with torchvision's defaults. */
    public static FasterRCNN fasterrcnnResnet50Fpn(int numClasses) {
        return fasterrcnnResnet50Fpn(numClasses, RCNNOptions.DEFAULTS);
    }

    /**
     * {@code fasterrcnn_resnet50_fpn(weights=None, weights_backbone=None, num_classes=numClasses, **options)}: ResNet-50 with
     * an FPN on its four stages; 41.8M parameters at 91 classes.
     *
     * @param numClasses the classes, background included (torchvision's default is 91)
     * @param options the keyword arguments
     * @return the model, in training mode
     */
    public static FasterRCNN fasterrcnnResnet50Fpn(int numClasses, RCNNOptions options) {
        return new FasterRCNN(resnet50Fpn(), numClasses, options);
    }

    /** ResNet-50 (BatchNorm2d, all layers trainable) with an FPN on its four stages, as the ResNet-50 builders make it. */
    static BackboneWithFPN resnet50Fpn() {
        return BackboneWithFPN.resnetFpnBackbone(ResNet.resnet50(1000), 5, null, null, null);
    }

    /** {@code fasterrcnn_resnet50_fpn_v2(num_classes=numClasses)} with torchvision's defaults. */
    public static FasterRCNN fasterrcnnResnet50FpnV2(int numClasses) {
        return fasterrcnnResnet50FpnV2(numClasses, RCNNOptions.DEFAULTS);
    }

    /**
     * {@code fasterrcnn_resnet50_fpn_v2(weights=None, weights_backbone=None, num_classes=numClasses, **options)} (Li et al. 2021):
     * the pyramid with BatchNorm2d, an RPN head of two convolutions and a {@link FastRCNNConvFCHead} box head (four 3x3
     * convolution blocks with batch norm, one linear layer); 43.7M parameters at 91 classes.
     *
     * @param numClasses the classes, background included (torchvision's default is 91)
     * @param options the keyword arguments
     * @return the model, in training mode
     */
    public static FasterRCNN fasterrcnnResnet50FpnV2(int numClasses, RCNNOptions options) {
        BackboneWithFPN backbone = BackboneWithFPN.resnetFpnBackbone(ResNet.resnet50(1000), 5, null, null, BatchNorm2d::new);
        AnchorGenerator anchors = AnchorGenerator.defaultFpn();
        RPNHead rpnHead = new RPNHead(backbone.outChannels, anchors.numAnchorsPerLocation()[0], 2);
        Module boxHead = new FastRCNNConvFCHead(new long[] {backbone.outChannels, 7, 7}, new long[] {256, 256, 256, 256}, new long[] {1024},
                BatchNorm2d::new);
        return new FasterRCNN(backbone, numClasses, options, anchors, rpnHead, boxHead);
    }

    /** {@code fasterrcnn_mobilenet_v3_large_fpn(num_classes=numClasses)} with torchvision's defaults. */
    public static FasterRCNN fasterrcnnMobilenetV3LargeFpn(int numClasses) {
        return fasterrcnnMobilenetV3LargeFpn(numClasses, RCNNOptions.DEFAULTS);
    }

    /**
     * {@code fasterrcnn_mobilenet_v3_large_fpn(weights=None, weights_backbone=None, num_classes=numClasses, **options)}: MobileNetV3-Large
     * (BatchNorm2d) with an FPN on its last two stages, anchors of sizes 32 to 512 on each of the three levels, and
     * {@code rpn_score_thresh} 0.05 unless given; 19.4M parameters at 91 classes.
     *
     * @param numClasses the classes, background included (torchvision's default is 91)
     * @param options the keyword arguments
     * @return the model, in training mode
     */
    public static FasterRCNN fasterrcnnMobilenetV3LargeFpn(int numClasses, RCNNOptions options) {
        RCNNOptions o = options.rpnScoreThresh() != null ? options : options.withRpnScoreThresh(0.05);
        return mobilenetV3LargeFpn(numClasses, o);
    }

    /** {@code fasterrcnn_mobilenet_v3_large_320_fpn(num_classes=numClasses)} with torchvision's defaults. */
    public static FasterRCNN fasterrcnnMobilenetV3Large320Fpn(int numClasses) {
        return fasterrcnnMobilenetV3Large320Fpn(numClasses, RCNNOptions.DEFAULTS);
    }

    /**
     * {@code fasterrcnn_mobilenet_v3_large_320_fpn(weights=None, weights_backbone=None, num_classes=numClasses, **options)}: the model
     * of {@link #fasterrcnnMobilenetV3LargeFpn} for low resolution: unless given, {@code min_size} 320, {@code max_size} 640,
     * 150 proposals before and after NMS in evaluation, {@code rpn_score_thresh} 0.05.
     *
     * @param numClasses the classes, background included (torchvision's default is 91)
     * @param options the keyword arguments
     * @return the model, in training mode
     */
    public static FasterRCNN fasterrcnnMobilenetV3Large320Fpn(int numClasses, RCNNOptions options) {
        RCNNOptions o = options;
        if (o.minSize() == null) o = o.withMinSize(320);
        if (o.maxSize() == null) o = o.withMaxSize(640);
        if (o.rpnPreNmsTopNTest() == null) o = o.withRpnPreNmsTopNTest(150);
        if (o.rpnPostNmsTopNTest() == null) o = o.withRpnPostNmsTopNTest(150);
        if (o.rpnScoreThresh() == null) o = o.withRpnScoreThresh(0.05);
        return mobilenetV3LargeFpn(numClasses, o);
    }

    private static FasterRCNN mobilenetV3LargeFpn(int numClasses, RCNNOptions o) {
        BackboneWithFPN backbone = BackboneWithFPN.mobilenetBackbone(MobileNetV3.mobilenetV3Large(1000, BatchNorm2d::new), 6, null, null);
        double[][] sizes = new double[3][], ratios = new double[3][];
        for (int i = 0; i < 3; i++) {
            sizes[i] = new double[] {32, 64, 128, 256, 512};
            ratios[i] = new double[] {0.5, 1.0, 2.0};
        }
        return new FasterRCNN(backbone, numClasses, o, new AnchorGenerator(sizes, ratios), null, null);
    }
}
