package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.vision.models.ResNet;
import org.torch4j.vision.ops.LastLevelP6P7;

/**
 * FCOS ({@code torchvision.models.detection.FCOS}, Tian et al. 2019), anchor-free: one location (a square "anchor" of the
 * level's stride) per feature cell, registered as {@code backbone}, {@code anchor_generator}, {@code head},
 * {@code transform}. In training a location is matched to a target box when it lies inside the box, within
 * {@code center_sampling_radius} strides of its centre, and the box's largest distance to it falls in the level's range
 * (4 to 8 strides; the first level from 0, the last unbounded), the smallest such box winning; the losses are
 * {@code classification}, {@code bbox_regression} and {@code bbox_ctrness} ({@link FCOSHead}). In evaluation the scores are
 * {@code sqrt(sigmoid(class) * sigmoid(centerness))}, then as RetinaNet's.
 */
public class FCOS extends DetectionModel {
    /** The backbone with its pyramid. */
    public final BackboneWithFPN backbone;
    /** The locations, one square per cell. */
    public final AnchorGenerator anchorGenerator;
    /** The classification, box and centerness head. */
    public final FCOSHead head;
    /** Normalises, resizes and batches the images. */
    public final GeneralizedRCNNTransform transform;
    private final BoxLinearCoder boxCoder = new BoxLinearCoder(true);
    private final double centerSamplingRadius, scoreThresh, nmsThresh;
    private final int detectionsPerImg, topkCandidates;

    /**
     * An FCOS; null parts take torchvision's defaults.
     *
     * @param backbone the backbone with its pyramid
     * @param numClasses the classes, background included
     * @param options the keyword arguments (null fields take torchvision's defaults)
     * @param anchorGenerator the locations, or null for sizes 8 to 128 (the strides), ratio 1
     * @param head the head, or null for an {@link FCOSHead}
     * @throws IllegalArgumentException for anchors with more than one box per location, as torchvision words it
     */
    public FCOS(BackboneWithFPN backbone, int numClasses, OneStageOptions options, AnchorGenerator anchorGenerator, FCOSHead head) {
        this.backbone = registerModule("backbone", backbone);
        AnchorGenerator anchors = anchorGenerator != null ? anchorGenerator
                : new AnchorGenerator(new double[][] {{8}, {16}, {32}, {64}, {128}}, new double[][] {{1.0}, {1.0}, {1.0}, {1.0}, {1.0}});
        this.anchorGenerator = registerModule("anchor_generator", anchors);
        if (anchors.numAnchorsPerLocation()[0] != 1) {
            throw new IllegalArgumentException("anchor_generator.num_anchors_per_location()[0] should be 1 instead of "
                    + anchors.numAnchorsPerLocation()[0]);
        }
        this.head = registerModule("head", head != null ? head : new FCOSHead(backbone.outChannels, 1, numClasses));
        OneStageOptions o = options;
        transform = registerModule("transform", RetinaNet.imageNetTransform(o, 800));
        centerSamplingRadius = RCNNOptions.or(o.centerSamplingRadius(), 1.5);
        scoreThresh = RCNNOptions.or(o.scoreThresh(), 0.2);
        nmsThresh = RCNNOptions.or(o.nmsThresh(), 0.6);
        detectionsPerImg = RCNNOptions.or(o.detectionsPerImg(), 100);
        topkCandidates = RCNNOptions.or(o.topkCandidates(), 1000);
    }

    @Override
    public Output run(List<Tensor> images, List<Target> targets) {
        checkTargets(targets, true);
        List<long[]> originalSizes = originalSizes(images);
        GeneralizedRCNNTransform.Output t = transform.call(images, targets);
        checkDegenerateBoxes(t.targets());
        List<Tensor> features = new ArrayList<>(backbone.features(t.images().tensors()).values());
        FCOSHead.Output out = head.forward(features);
        List<Tensor> anchors = anchorGenerator.forward(t.images(), features);
        long[] perLevel = new long[features.size()];
        for (int l = 0; l < perLevel.length; l++) perLevel[l] = features.get(l).size(2) * features.get(l).size(3);
        if (training) {
            List<Tensor> matched = new ArrayList<>();
            for (int i = 0; i < anchors.size(); i++) matched.add(matchLocations(anchors.get(i), t.targets().get(i).boxes(), perLevel));
            return new Output(head.computeLoss(t.targets(), out, anchors, matched), List.of());
        }
        List<Detection> detections = new ArrayList<>();
        for (int i = 0; i < anchors.size(); i++) {
            detections.add(RetinaNet.postprocess(out.clsLogits().select(0, i).splitWithSizes(perLevel, 0),
                    out.bboxRegression().select(0, i).splitWithSizes(perLevel, 0), anchors.get(i).splitWithSizes(perLevel, 0),
                    out.bboxCtrness().select(0, i).splitWithSizes(perLevel, 0), t.images().imageSizes().get(i), boxCoder::decode, scoreThresh,
                    topkCandidates, nmsThresh, detectionsPerImg));
        }
        return new Output(Map.of(), transform.postprocess(detections, t.images().imageSizes(), originalSizes));
    }

    /**
     * FCOS's matching of one image's locations to its boxes ({@code compute_loss}'s center sampling).
     *
     * @param anchors {@code [HW, 4]} the locations' squares
     * @param gtBoxes {@code [M, 4]} the image's boxes
     * @param perLevel the locations of each level
     * @return {@code [HW]} int64: the matched box, or -1
     */
    Tensor matchLocations(Tensor anchors, Tensor gtBoxes, long[] perLevel) {
        long n = anchors.size(0);
        if (gtBoxes.numel() == 0) return Torch.full(new long[] {n}, -1L, DType.INT64, anchors.device());
        Tensor gtCenters = gtBoxes.narrow(1, 0, 2).add(gtBoxes.narrow(1, 2, 2)).div(2);
        Tensor centers = anchors.narrow(1, 0, 2).add(anchors.narrow(1, 2, 2)).div(2);
        Tensor sizes = anchors.select(1, 2).sub(anchors.select(1, 0));
        Tensor match = centers.unsqueeze(1).sub(gtCenters.unsqueeze(0)).abs().amax(2).lt(sizes.unsqueeze(1).mul(centerSamplingRadius));
        Tensor x = centers.narrow(1, 0, 1), y = centers.narrow(1, 1, 1);
        Tensor x0 = gtBoxes.select(1, 0).unsqueeze(0), y0 = gtBoxes.select(1, 1).unsqueeze(0);
        Tensor x1 = gtBoxes.select(1, 2).unsqueeze(0), y1 = gtBoxes.select(1, 3).unsqueeze(0);
        Tensor dist = Torch.stack(List.of(x.sub(x0), y.sub(y0), x1.sub(x), y1.sub(y)), 2);
        match = match.logicalAnd(dist.amin(2).gt(0));
        long first = perLevel[0], last = perLevel[perLevel.length - 1];
        Tensor lower = Torch.cat(List.of(Torch.zeros(new long[] {first}, sizes.dtype(), sizes.device()), sizes.narrow(0, first, n - first).mul(4)), 0);
        Tensor upper = Torch.cat(List.of(sizes.narrow(0, 0, n - last).mul(8), Torch.full(new long[] {last}, Double.POSITIVE_INFINITY, sizes.dtype(), sizes.device())), 0);
        Tensor maxDist = dist.amax(2);
        match = match.logicalAnd(maxDist.gt(lower.unsqueeze(1))).logicalAnd(maxDist.lt(upper.unsqueeze(1)));
        Tensor areas = x1.sub(x0).mul(y1.sub(y0));
        var best = match.toFloat().mul(areas.rsub(1e8)).max(1);
        return best.indices().maskedFill(best.values().lt(1e-5), -1);
    }

    /** {@code fcos_resnet50_fpn(num_classes=numClasses)} with torchvision's defaults. */
    public static FCOS fcosResnet50Fpn(int numClasses) {
        return fcosResnet50Fpn(numClasses, OneStageOptions.DEFAULTS);
    }

    /**
     * {@code fcos_resnet50_fpn(weights=None, weights_backbone=None, num_classes=numClasses, **options)}: ResNet-50
     * (BatchNorm2d, all layers trainable) with an FPN on its last three stages and P6, P7 from P5; 32.3M parameters at 91 classes.
     *
     * @param numClasses the classes, background included (torchvision's default is 91)
     * @param options the keyword arguments
     * @return the model, in training mode
     */
    public static FCOS fcosResnet50Fpn(int numClasses, OneStageOptions options) {
        BackboneWithFPN backbone = BackboneWithFPN.resnetFpnBackbone(ResNet.resnet50(1000), 5, new int[] {2, 3, 4}, new LastLevelP6P7(256, 256), null);
        return new FCOS(backbone, numClasses, options, null, null);
    }
}
