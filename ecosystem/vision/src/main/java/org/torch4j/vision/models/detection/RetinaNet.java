package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.GroupNorm;
import org.torch4j.vision.models.ResNet;
import org.torch4j.vision.ops.Boxes;
import org.torch4j.vision.ops.LastLevelP6P7;

/**
 * RetinaNet ({@code torchvision.models.detection.RetinaNet}, Lin et al. 2017): a backbone with a feature pyramid, anchors
 * and a {@link RetinaNetHead}, registered as {@code backbone}, {@code anchor_generator}, {@code head}, {@code transform}.
 * In training every anchor is matched to the targets (IoU from {@code fg_iou_thresh} positive, under {@code bg_iou_thresh}
 * negative, each box's best anchors kept) for the {@code classification} (focal) and {@code bbox_regression} losses; in
 * evaluation, per level, the {@code topk_candidates} best (anchor, class) scores above {@code score_thresh} are decoded and
 * clipped, then per image a class-wise NMS keeps at most {@code detections_per_img}.
 */
public class RetinaNet extends DetectionModel {
    /** The backbone with its pyramid. */
    public final BackboneWithFPN backbone;
    /** The anchors. */
    public final AnchorGenerator anchorGenerator;
    /** The classification and regression heads. */
    public final RetinaNetHead head;
    /** Normalises, resizes and batches the images. */
    public final GeneralizedRCNNTransform transform;
    private final Matcher proposalMatcher;
    private final BoxCoder boxCoder = new BoxCoder(new double[] {1, 1, 1, 1});
    private final double scoreThresh, nmsThresh;
    private final int detectionsPerImg, topkCandidates;

    /**
     * A RetinaNet; null parts take torchvision's defaults.
     *
     * @param backbone the backbone with its pyramid
     * @param numClasses the classes, background included
     * @param options the keyword arguments (null fields take torchvision's defaults)
     * @param anchorGenerator the anchors, or null for three sizes per octave from 32 to 512 over five levels, ratios 0.5, 1, 2
     * @param head the head, or null for a {@link RetinaNetHead} without norm layers
     */
    public RetinaNet(BackboneWithFPN backbone, int numClasses, OneStageOptions options, AnchorGenerator anchorGenerator, RetinaNetHead head) {
        this.backbone = registerModule("backbone", backbone);
        this.anchorGenerator = registerModule("anchor_generator", anchorGenerator != null ? anchorGenerator : defaultAnchorGenerator());
        this.head = registerModule("head", head != null ? head
                : new RetinaNetHead(backbone.outChannels, this.anchorGenerator.numAnchorsPerLocation()[0], numClasses));
        OneStageOptions o = options;
        proposalMatcher = new Matcher(RCNNOptions.or(o.fgIouThresh(), 0.5), RCNNOptions.or(o.bgIouThresh(), 0.4), true);
        transform = registerModule("transform", imageNetTransform(o, 800));
        scoreThresh = RCNNOptions.or(o.scoreThresh(), 0.05);
        nmsThresh = RCNNOptions.or(o.nmsThresh(), 0.5);
        detectionsPerImg = RCNNOptions.or(o.detectionsPerImg(), 300);
        topkCandidates = RCNNOptions.or(o.topkCandidates(), 1000);
    }

    /** The transform with ImageNet's mean and std and the given or default sizes. */
    static GeneralizedRCNNTransform imageNetTransform(OneStageOptions o, int defaultMinSize) {
        return new GeneralizedRCNNTransform(new int[] {RCNNOptions.or(o.minSize(), defaultMinSize)}, RCNNOptions.or(o.maxSize(), 1333),
                new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}, 32);
    }

    /** torchvision's {@code _default_anchorgen}: sizes {@code (x, int(x * 2^(1/3)), int(x * 2^(2/3)))} for x = 32 to 512, ratios 0.5, 1, 2. */
    public static AnchorGenerator defaultAnchorGenerator() {
        double[][] sizes = new double[5][], ratios = new double[5][];
        for (int i = 0; i < 5; i++) {
            double x = 32 << i;
            sizes[i] = new double[] {x, (int) (x * Math.pow(2, 1.0 / 3)), (int) (x * Math.pow(2, 2.0 / 3))};
            ratios[i] = new double[] {0.5, 1.0, 2.0};
        }
        return new AnchorGenerator(sizes, ratios);
    }

    @Override
    public Output run(List<Tensor> images, List<Target> targets) {
        checkTargets(targets, false);
        List<long[]> originalSizes = originalSizes(images);
        GeneralizedRCNNTransform.Output t = transform.call(images, targets);
        checkDegenerateBoxes(t.targets());
        List<Tensor> features = new ArrayList<>(backbone.features(t.images().tensors()).values());
        RetinaNetHead.Output out = head.forward(features);
        List<Tensor> anchors = anchorGenerator.forward(t.images(), features);
        if (training) {
            Map<String, Tensor> losses = new LinkedHashMap<>();
            List<Tensor> matched = matchAnchors(anchors, t.targets(), proposalMatcher);
            losses.put("classification", head.classificationHead.computeLoss(t.targets(), out.clsLogits(), matched));
            losses.put("bbox_regression", head.regressionHead.computeLoss(t.targets(), out.bboxRegression(), anchors, matched));
            return new Output(losses, List.of());
        }
        long[] perLevel = anchorsPerLevel(features, out.clsLogits().size(1));
        List<Detection> detections = new ArrayList<>();
        for (int i = 0; i < anchors.size(); i++) {
            List<Tensor> reg = out.bboxRegression().select(0, i).splitWithSizes(perLevel, 0);
            List<Tensor> logits = out.clsLogits().select(0, i).splitWithSizes(perLevel, 0);
            List<Tensor> levelAnchors = anchors.get(i).splitWithSizes(perLevel, 0);
            detections.add(postprocess(logits, reg, levelAnchors, null, t.images().imageSizes().get(i), boxCoder::decodeSingle, scoreThresh,
                    topkCandidates, nmsThresh, detectionsPerImg));
        }
        return new Output(Map.of(), transform.postprocess(detections, t.images().imageSizes(), originalSizes));
    }

    /** Each image's anchors matched to its boxes ({@code compute_loss}'s matching): all {@code -1} for an image without boxes. */
    static List<Tensor> matchAnchors(List<Tensor> anchors, List<Target> targets, Matcher matcher) {
        List<Tensor> matched = new ArrayList<>();
        for (int i = 0; i < anchors.size(); i++) {
            Tensor boxes = targets.get(i).boxes();
            matched.add(boxes.numel() == 0 ? Torch.full(new long[] {anchors.get(i).size(0)}, -1L, DType.INT64, anchors.get(i).device())
                    : matcher.apply(Boxes.boxIou(boxes, anchors.get(i))));
        }
        return matched;
    }

    /** The anchors of each level: its cells times the anchors per cell, recovered from the outputs' length. */
    static long[] anchorsPerLevel(List<Tensor> features, long hwa) {
        long hw = 0;
        for (Tensor f : features) hw += f.size(2) * f.size(3);
        long a = hwa / hw;
        long[] perLevel = new long[features.size()];
        for (int l = 0; l < perLevel.length; l++) perLevel[l] = features.get(l).size(2) * features.get(l).size(3) * a;
        return perLevel;
    }

    /**
     * One image's detections ({@code postprocess_detections}, RetinaNet's and FCOS's): per level the best {@code topk} scores
     * above the threshold, decoded and clipped; then NMS per class and the best {@code detectionsPerImg}.
     *
     * @param centerness per level, FCOS's centerness logits (scores become {@code sqrt(sigmoid(cls) * sigmoid(ctr))}), or null
     * @param decode the box coder's decoding of (codes, anchors)
     */
    static Detection postprocess(List<Tensor> logits, List<Tensor> regression, List<Tensor> anchors, List<Tensor> centerness, long[] imageShape,
                                 BinaryOperator<Tensor> decode, double scoreThresh, int topk, double nmsThresh, int detectionsPerImg) {
        List<Tensor> boxes = new ArrayList<>(), scores = new ArrayList<>(), labels = new ArrayList<>();
        for (int l = 0; l < logits.size(); l++) {
            long numClasses = logits.get(l).size(-1);
            Tensor s = logits.get(l).sigmoid();
            if (centerness != null) s = s.mul(centerness.get(l).sigmoid()).sqrt();
            s = s.flatten();
            Tensor keep = s.gt(scoreThresh);
            Tensor idxs = TracedOps.nonzero(keep);
            s = s.indexSelect(0, idxs);
            var best = TracedOps.topkMin(s, topk);
            idxs = idxs.indexSelect(0, best.indices());
            Tensor anchorIdxs = idxs.div(numClasses, "floor");
            Tensor b = decode.apply(regression.get(l).indexSelect(0, anchorIdxs), anchors.get(l).indexSelect(0, anchorIdxs));
            boxes.add(Boxes.clipBoxesToImage(b, imageShape[0], imageShape[1]));
            scores.add(best.values());
            labels.add(idxs.remainder(numClasses));
        }
        Tensor b = Torch.cat(boxes, 0), s = Torch.cat(scores, 0), l = Torch.cat(labels, 0);
        return nmsDetection(b, s, l, nmsThresh, detectionsPerImg);
    }

    /** {@code retinanet_resnet50_fpn(num_classes=numClasses)} with torchvision's defaults. */
    public static RetinaNet retinanetResnet50Fpn(int numClasses) {
        return retinanetResnet50Fpn(numClasses, OneStageOptions.DEFAULTS);
    }

    /**
     * {@code retinanet_resnet50_fpn(weights=None, weights_backbone=None, num_classes=numClasses, **options)}: ResNet-50
     * (BatchNorm2d, all layers trainable) with an FPN on its last three stages and P6, P7 from P5; 34.0M parameters at 91 classes.
     *
     * @param numClasses the classes, background included (torchvision's default is 91)
     * @param options the keyword arguments
     * @return the model, in training mode
     */
    public static RetinaNet retinanetResnet50Fpn(int numClasses, OneStageOptions options) {
        BackboneWithFPN backbone = BackboneWithFPN.resnetFpnBackbone(ResNet.resnet50(1000), 5, new int[] {2, 3, 4}, new LastLevelP6P7(256, 256), null);
        return new RetinaNet(backbone, numClasses, options, null, null);
    }

    /** {@code retinanet_resnet50_fpn_v2(num_classes=numClasses)} with torchvision's defaults. */
    public static RetinaNet retinanetResnet50FpnV2(int numClasses) {
        return retinanetResnet50FpnV2(numClasses, OneStageOptions.DEFAULTS);
    }

    /**
     * {@code retinanet_resnet50_fpn_v2(weights=None, weights_backbone=None, num_classes=numClasses, **options)} (Zhang et al.
     * 2019): P6 from the backbone's last stage (C5), heads with GroupNorm(32) and the GIoU box loss; 38.2M parameters at 91 classes.
     *
     * @param numClasses the classes, background included (torchvision's default is 91)
     * @param options the keyword arguments
     * @return the model, in training mode
     */
    public static RetinaNet retinanetResnet50FpnV2(int numClasses, OneStageOptions options) {
        BackboneWithFPN backbone = BackboneWithFPN.resnetFpnBackbone(ResNet.resnet50(1000), 5, new int[] {2, 3, 4}, new LastLevelP6P7(2048, 256), null);
        AnchorGenerator anchors = defaultAnchorGenerator();
        RetinaNetHead head = new RetinaNetHead(backbone.outChannels, anchors.numAnchorsPerLocation()[0], numClasses, c -> new GroupNorm(32, c), "giou");
        return new RetinaNet(backbone, numClasses, options, anchors, head);
    }
}
