package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.nn.Reduction;
import org.torch4j.vision.models.MobileNetV3;
import org.torch4j.vision.models.VGG;
import org.torch4j.vision.ops.Boxes;

/**
 * SSD ({@code torchvision.models.detection.SSD}, Liu et al. 2016): a backbone giving several feature maps, default boxes
 * ({@link DefaultBoxGenerator}) and an {@link SSDHead}, registered as {@code backbone}, {@code anchor_generator},
 * {@code head}, {@code transform}; images are resized to one fixed size. In training the default boxes are matched
 * ({@link SSDMatcher}, IoU {@code iou_thresh}) for the {@code bbox_regression} (smooth L1 on the deltas, box coder weights
 * 10, 10, 5, 5) and {@code classification} (cross-entropy over the positives and the hardest negatives, three per positive
 * by default) losses, both divided by the positives; in evaluation, per class, the best {@code topk_candidates} softmax
 * scores above {@code score_thresh}, then a class-wise NMS keeps at most {@code detections_per_img}.
 */
public class SSD extends DetectionModel {
    /** The backbone. */
    public final SSDFeatureExtractor backbone;
    /** The default boxes. */
    public final DefaultBoxGenerator anchorGenerator;
    /** The classification and regression heads. */
    public final SSDHead head;
    /** Normalises, resizes to the fixed size and batches the images. */
    public final GeneralizedRCNNTransform transform;
    private final BoxCoder boxCoder = new BoxCoder(new double[] {10, 10, 5, 5});
    private final SSDMatcher proposalMatcher;
    private final double scoreThresh, nmsThresh, negToPosRatio;
    private final int detectionsPerImg, topkCandidates;

    /**
     * An SSD.
     *
     * @param backbone the backbone
     * @param anchorGenerator the default boxes
     * @param size {@code {width, height}} images are resized to
     * @param numClasses the classes, background included
     * @param imageMean the per-channel means subtracted
     * @param imageStd the per-channel standard deviations divided by
     * @param options the keyword arguments (null fields take torchvision's defaults: score 0.01, NMS 0.45, 200 detections,
     *        IoU 0.5, 400 candidates, positive fraction 0.25)
     * @param head the head, or null for an {@link SSDHead} on the backbone's channels
     * @throws IllegalArgumentException when the backbone's maps and the generator's levels differ in number, as torchvision words it
     */
    public SSD(SSDFeatureExtractor backbone, DefaultBoxGenerator anchorGenerator, int[] size, int numClasses, double[] imageMean,
               double[] imageStd, OneStageOptions options, SSDHead head) {
        this.backbone = registerModule("backbone", backbone);
        this.anchorGenerator = registerModule("anchor_generator", anchorGenerator);
        if (head == null) {
            if (backbone.outChannels.length != anchorGenerator.numLevels()) {
                throw new IllegalArgumentException("The length of the output channels from the backbone (" + backbone.outChannels.length
                        + ") do not match the length of the anchor generator aspect ratios (" + anchorGenerator.numLevels() + ")");
            }
            head = new SSDHead(backbone.outChannels, anchorGenerator.numAnchorsPerLocation(), numClasses);
        }
        this.head = registerModule("head", head);
        OneStageOptions o = options;
        proposalMatcher = new SSDMatcher(RCNNOptions.or(o.iouThresh(), 0.5));
        transform = registerModule("transform", new GeneralizedRCNNTransform(new int[] {Math.min(size[0], size[1])}, Math.max(size[0], size[1]),
                imageMean, imageStd, 1, size));
        scoreThresh = RCNNOptions.or(o.scoreThresh(), 0.01);
        nmsThresh = RCNNOptions.or(o.nmsThresh(), 0.45);
        detectionsPerImg = RCNNOptions.or(o.detectionsPerImg(), 200);
        topkCandidates = RCNNOptions.or(o.topkCandidates(), 400);
        double positiveFraction = RCNNOptions.or(o.positiveFraction(), 0.25);
        negToPosRatio = (1.0 - positiveFraction) / positiveFraction;
    }

    @Override
    public Output run(List<Tensor> images, List<Target> targets) {
        checkTargets(targets, true);
        List<long[]> originalSizes = originalSizes(images);
        GeneralizedRCNNTransform.Output t = transform.call(images, targets);
        checkDegenerateBoxes(t.targets());
        List<Tensor> features = new ArrayList<>(backbone.features(t.images().tensors()).values());
        SSDHead.Output out = head.forward(features);
        List<Tensor> anchors = anchorGenerator.forward(t.images(), features);
        if (training) {
            List<Tensor> matched = RetinaNet.matchAnchors(anchors, t.targets(), proposalMatcher);
            return new Output(computeLoss(t.targets(), out, anchors, matched), List.of());
        }
        List<Detection> detections = new ArrayList<>();
        Tensor scores = F.softmax(out.clsLogits(), -1);
        for (int i = 0; i < anchors.size(); i++) {
            detections.add(postprocess(out.bboxRegression().select(0, i), scores.select(0, i), anchors.get(i), t.images().imageSizes().get(i)));
        }
        return new Output(Map.of(), transform.postprocess(detections, t.images().imageSizes(), originalSizes));
    }

    private Map<String, Tensor> computeLoss(List<Target> targets, SSDHead.Output out, List<Tensor> anchors, List<Tensor> matchedIdxs) {
        long numForeground = 0;
        List<Tensor> bboxLoss = new ArrayList<>(), clsTargets = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Tensor matched = matchedIdxs.get(i);
            Tensor fg = Torch.where(matched.ge(0)).get(0);
            Tensor fgMatched = matched.indexSelect(0, fg);
            numForeground += fgMatched.numel();
            Tensor gt = targets.get(i).boxes().indexSelect(0, fgMatched);
            Tensor reg = out.bboxRegression().select(0, i).indexSelect(0, fg);
            Tensor targetReg = boxCoder.encodeSingle(gt, anchors.get(i).indexSelect(0, fg));
            bboxLoss.add(F.smoothL1Loss(reg, targetReg, Reduction.SUM, 1.0));
            Tensor labels = targets.get(i).labels();
            Tensor c = Torch.zeros(new long[] {out.clsLogits().size(1)}, labels.dtype(), labels.device()).indexPut(new org.torch4j.Index[] {org.torch4j.Index.of(fg)},
                    labels.indexSelect(0, fgMatched), false);
            clsTargets.add(c);
        }
        Tensor targetsAll = Torch.stack(clsTargets, 0);
        long k = out.clsLogits().size(-1);
        Tensor clsLoss = F.crossEntropy(out.clsLogits().reshape(-1, k), targetsAll.view(-1), null, -100, Reduction.NONE, 0.0).view(targetsAll.shape());
        Tensor foreground = targetsAll.gt(0);
        Tensor numNegative = foreground.sum(new int[] {1}, true).toFloat().mul(negToPosRatio);
        Tensor negativeLoss = clsLoss.detach().maskedFill(foreground, Double.NEGATIVE_INFINITY);
        Tensor idx = negativeLoss.sort(1, true).indices();
        Tensor background = idx.sort(1, false).indices().toFloat().lt(numNegative);
        double n = Math.max(1, numForeground);
        Map<String, Tensor> losses = new LinkedHashMap<>();
        losses.put("bbox_regression", Torch.stack(bboxLoss, 0).sum().div(n));
        Tensor flat = clsLoss.flatten();
        Tensor fgSum = flat.indexSelect(0, Torch.where(foreground.flatten()).get(0)).sum();
        Tensor bgSum = flat.indexSelect(0, Torch.where(background.flatten()).get(0)).sum();
        losses.put("classification", fgSum.add(bgSum).div(n));
        return losses;
    }

    private Detection postprocess(Tensor regression, Tensor scores, Tensor anchors, long[] imageShape) {
        Tensor boxes = Boxes.clipBoxesToImage(boxCoder.decodeSingle(regression, anchors), imageShape[0], imageShape[1]);
        List<Tensor> imageBoxes = new ArrayList<>(), imageScores = new ArrayList<>(), imageLabels = new ArrayList<>();
        for (int label = 1; label < scores.size(-1); label++) {
            Tensor score = scores.select(1, label);
            Tensor keep = TracedOps.nonzero(score.gt(scoreThresh));
            score = score.indexSelect(0, keep);
            Tensor box = boxes.indexSelect(0, keep);
            var best = TracedOps.topkMin(score, topkCandidates);
            imageBoxes.add(box.indexSelect(0, best.indices()));
            imageScores.add(best.values());
            // full_like(score, label, dtype=int64): written from the indices so that a trace keeps the data-dependent length
            imageLabels.add(best.indices().mul(0L).add((long) label));
        }
        Tensor b = Torch.cat(imageBoxes, 0), s = Torch.cat(imageScores, 0), l = Torch.cat(imageLabels, 0);
        return nmsDetection(b, s, l, nmsThresh, detectionsPerImg);
    }

    /** {@code ssd300_vgg16(num_classes=numClasses)} with torchvision's defaults. */
    public static SSD ssd300Vgg16(int numClasses) {
        return ssd300Vgg16(numClasses, OneStageOptions.DEFAULTS);
    }

    /**
     * {@code ssd300_vgg16(weights=None, weights_backbone=None, num_classes=numClasses, **options)}: VGG-16 (all layers
     * trainable) with SSD's extra layers, six feature maps, default boxes of scales 0.07 to 1.05 and steps 8 to 300, 300x300
     * images normalised as torchvision's (mean 0.48235, 0.45882, 0.40784, std 1/255); 35.6M parameters at 91 classes.
     * {@code minSize} and {@code maxSize} are ignored (the size is fixed), as torchvision's.
     *
     * @param numClasses the classes, background included (torchvision's default is 91)
     * @param options the keyword arguments
     * @return the model, in training mode
     */
    public static SSD ssd300Vgg16(int numClasses, OneStageOptions options) {
        SSDFeatureExtractorVGG backbone = SSDFeatureExtractorVGG.vggExtractor(VGG.vgg16(1000), false, 5);
        DefaultBoxGenerator anchors = new DefaultBoxGenerator(new double[][] {{2}, {2, 3}, {2, 3}, {2, 3}, {2}, {2}}, 0.15, 0.9,
                new double[] {0.07, 0.15, 0.33, 0.51, 0.69, 0.87, 1.05}, new double[] {8, 16, 32, 64, 100, 300}, true);
        return new SSD(backbone, anchors, new int[] {300, 300}, numClasses, new double[] {0.48235, 0.45882, 0.40784},
                new double[] {1.0 / 255.0, 1.0 / 255.0, 1.0 / 255.0}, options, null);
    }

    /** {@code ssdlite320_mobilenet_v3_large(num_classes=numClasses)} with torchvision's defaults. */
    public static SSD ssdlite320MobilenetV3Large(int numClasses) {
        return ssdlite320MobilenetV3Large(numClasses, OneStageOptions.DEFAULTS);
    }

    /**
     * {@code ssdlite320_mobilenet_v3_large(weights=None, weights_backbone=None, num_classes=numClasses, **options)}: MobileNetV3-Large
     * with a reduced tail and BatchNorm2d (eps 0.001, momentum 0.03), its convolutions re-initialised normal (std 0.03), SSDlite's
     * extra blocks and depthwise heads, default boxes of scales 0.2 to 0.95 on six maps, 320x320 images normalised by 0.5;
     * unless given, {@code score_thresh} 0.001, {@code nms_thresh} 0.55, 300 detections and 300 candidates per class; 3.4M
     * parameters at 91 classes (torchvision's documented count; 2.2M at 5).
     *
     * @param numClasses the classes, background included (torchvision's default is 91)
     * @param options the keyword arguments
     * @return the model, in training mode
     */
    public static SSD ssdlite320MobilenetV3Large(int numClasses, OneStageOptions options) {
        LongFunction<Module> norm = c -> new BatchNorm2d(c, 0.001, 0.03, true, true);
        MobileNetV3 mobilenet = MobileNetV3.mobilenetV3Large(1000, true, norm);
        SSDScoringHead.normalInit(mobilenet, 0.03);
        SSDLiteFeatureExtractorMobileNet backbone = SSDLiteFeatureExtractorMobileNet.mobilenetExtractor(mobilenet, 6, norm);
        double[][] ratios = new double[6][];
        for (int i = 0; i < 6; i++) ratios[i] = new double[] {2, 3};
        DefaultBoxGenerator anchors = new DefaultBoxGenerator(ratios, 0.2, 0.95, null, null, true);
        int[] numAnchors = anchors.numAnchorsPerLocation();
        SSDHead head = new SSDHead(SSDScoringHead.liteClassification(backbone.outChannels, numAnchors, numClasses, norm),
                SSDScoringHead.liteRegression(backbone.outChannels, numAnchors, norm));
        OneStageOptions o = options;
        if (o.scoreThresh() == null) o = o.withScoreThresh(0.001);
        if (o.nmsThresh() == null) o = o.withNmsThresh(0.55);
        if (o.detectionsPerImg() == null) o = o.withDetectionsPerImg(300);
        if (o.topkCandidates() == null) o = o.withTopkCandidates(300);
        return new SSD(backbone, anchors, new int[] {320, 320}, numClasses, new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0.5, 0.5}, o, head);
    }
}
