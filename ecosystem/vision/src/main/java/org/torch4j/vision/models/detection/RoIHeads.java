package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.nn.Reduction;
import org.torch4j.trace.Trace;
import org.torch4j.vision.ops.Boxes;
import org.torch4j.vision.ops.MultiScaleRoIAlign;
import org.torch4j.vision.ops.Roi;

/**
 * The second stage of the R-CNN models ({@code torchvision.models.detection.roi_heads.RoIHeads}): features pooled
 * for each proposal, a box head and a predictor giving class logits and per-class box deltas; optionally a mask
 * branch (Mask R-CNN) and a keypoint branch (Keypoint R-CNN) on their own pooled features. In training the proposals
 * (with the ground-truth boxes added) are matched to the targets and a balanced sample is kept; the losses are
 * {@code loss_classifier}, {@code loss_box_reg} and, with the branches, {@code loss_mask}, {@code loss_keypoint}. In
 * evaluation it returns per image the boxes of every class scoring above {@code scoreThresh}, after NMS per class,
 * the best {@code detectionsPerImg}.
 */
public class RoIHeads extends Module {
    private final Matcher proposalMatcher;
    private final BalancedPositiveNegativeSampler fgBgSampler;
    private final BoxCoder boxCoder;
    private final double scoreThresh, nmsThresh;
    private final int detectionsPerImg;
    /** Pools the box branch's features. */
    public final MultiScaleRoIAlign boxRoiPool;
    /** The box head (features to a vector per proposal). */
    public final Module boxHead;
    /** Class logits and box deltas from the box head's output. */
    public final FastRCNNPredictor boxPredictor;
    /** The mask branch's pooling, head and predictor, or null. */
    public final Module maskRoiPool, maskHead, maskPredictor;
    /** The keypoint branch's pooling, head and predictor, or null. */
    public final Module keypointRoiPool, keypointHead, keypointPredictor;

    /**
     * The box branch's heads.
     *
     * @param boxRoiPool pools each proposal's features
     * @param boxHead maps them to a vector
     * @param boxPredictor gives class logits and box deltas
     * @param fgIouThresh the IoU from which a proposal is foreground
     * @param bgIouThresh the IoU under which it is background
     * @param batchSizePerImage proposals sampled per image in training
     * @param positiveFraction the largest share of foreground among them
     * @param bboxRegWeights the box coder's weights, or null for {@code (10, 10, 5, 5)}
     * @param scoreThresh the lowest score a detection may have
     * @param nmsThresh the per-class NMS IoU threshold
     * @param detectionsPerImg the most detections returned per image
     */
    public RoIHeads(MultiScaleRoIAlign boxRoiPool, Module boxHead, FastRCNNPredictor boxPredictor, double fgIouThresh, double bgIouThresh,
                    int batchSizePerImage, double positiveFraction, double[] bboxRegWeights, double scoreThresh, double nmsThresh,
                    int detectionsPerImg) {
        this(boxRoiPool, boxHead, boxPredictor, fgIouThresh, bgIouThresh, batchSizePerImage, positiveFraction, bboxRegWeights, scoreThresh,
                nmsThresh, detectionsPerImg, null, null, null, null, null, null);
    }

    /**
     * The box branch's heads and the optional mask and keypoint branches (each present when its three parts are).
     *
     * @param boxRoiPool pools each proposal's features
     * @param boxHead maps them to a vector
     * @param boxPredictor gives class logits and box deltas
     * @param fgIouThresh the IoU from which a proposal is foreground
     * @param bgIouThresh the IoU under which it is background
     * @param batchSizePerImage proposals sampled per image in training
     * @param positiveFraction the largest share of foreground among them
     * @param bboxRegWeights the box coder's weights, or null for {@code (10, 10, 5, 5)}
     * @param scoreThresh the lowest score a detection may have
     * @param nmsThresh the per-class NMS IoU threshold
     * @param detectionsPerImg the most detections returned per image
     * @param maskRoiPool the mask branch's pooling ({@link MultiScaleRoIAlign}), or null
     * @param maskHead the mask head, or null
     * @param maskPredictor the mask logits' predictor, or null
     * @param keypointRoiPool the keypoint branch's pooling ({@link MultiScaleRoIAlign}), or null
     * @param keypointHead the keypoint head, or null
     * @param keypointPredictor the keypoint heatmaps' predictor, or null
     */
    public RoIHeads(MultiScaleRoIAlign boxRoiPool, Module boxHead, FastRCNNPredictor boxPredictor, double fgIouThresh, double bgIouThresh,
                    int batchSizePerImage, double positiveFraction, double[] bboxRegWeights, double scoreThresh, double nmsThresh,
                    int detectionsPerImg, MultiScaleRoIAlign maskRoiPool, Module maskHead, Module maskPredictor,
                    MultiScaleRoIAlign keypointRoiPool, Module keypointHead, Module keypointPredictor) {
        proposalMatcher = new Matcher(fgIouThresh, bgIouThresh, false);
        fgBgSampler = new BalancedPositiveNegativeSampler(batchSizePerImage, positiveFraction);
        boxCoder = new BoxCoder(bboxRegWeights == null ? new double[] {10, 10, 5, 5} : bboxRegWeights);
        this.boxRoiPool = registerModule("box_roi_pool", boxRoiPool);
        this.boxHead = registerModule("box_head", boxHead);
        this.boxPredictor = registerModule("box_predictor", boxPredictor);
        this.scoreThresh = scoreThresh;
        this.nmsThresh = nmsThresh;
        this.detectionsPerImg = detectionsPerImg;
        this.maskRoiPool = register("mask_roi_pool", maskRoiPool);
        this.maskHead = register("mask_head", maskHead);
        this.maskPredictor = register("mask_predictor", maskPredictor);
        this.keypointRoiPool = register("keypoint_roi_pool", keypointRoiPool);
        this.keypointHead = register("keypoint_head", keypointHead);
        this.keypointPredictor = register("keypoint_predictor", keypointPredictor);
    }

    private Module register(String name, Module m) {
        return m == null ? null : registerModule(name, m);
    }

    private boolean hasMask() {
        return maskRoiPool != null && maskHead != null && maskPredictor != null;
    }

    private boolean hasKeypoint() {
        return keypointRoiPool != null && keypointHead != null && keypointPredictor != null;
    }

    /**
     * The detections per image (evaluation) and the losses (training).
     *
     * @param detections per image, its detections in the batch's coordinates (empty in training)
     * @param losses the second stage's losses by name (empty in evaluation)
     */
    public record Output(List<Detection> detections, Map<String, Tensor> losses) {}

    /**
     * Classifies and refines the proposals.
     *
     * @param features the feature maps by name
     * @param proposals per image, {@code [P_i, 4]} proposals
     * @param imageShapes per image, {@code {height, width}} in the batch
     * @param targets the targets (required in training), or null
     * @return the detections (empty in training) and the losses (empty in evaluation)
     * @throws IllegalArgumentException for targets of the wrong types or missing parts, worded as torchvision's
     */
    public Output forward(Map<String, Tensor> features, List<Tensor> proposals, List<long[]> imageShapes, List<Target> targets) {
        if (targets != null) {
            for (Target t : targets) {
                if (!t.boxes().isFloatingPoint()) throw new IllegalArgumentException("target boxes must of float type, instead got " + torchName(t.boxes()));
                // torchvision's message lacks the f of its f-string
                if (t.labels().dtype() != DType.INT64) throw new IllegalArgumentException("target labels must of int64 type, instead got {t['labels'].dtype}");
                if (hasKeypoint() && (t.keypoints() == null || t.keypoints().dtype() != DType.FLOAT32)) {
                    throw new IllegalArgumentException("target keypoints must of float type, instead got "
                            + (t.keypoints() == null ? "None" : torchName(t.keypoints())));
                }
            }
        }
        List<Tensor> matchedIdxs = null, labels = null, regressionTargets = null;
        if (training) {
            if (targets == null) throw new IllegalArgumentException("targets should not be None");
            if (hasMask()) for (Target t : targets) if (t.masks() == null) throw new IllegalArgumentException("Every element of targets should have a masks key");
            proposals = addGtProposals(proposals, targets);
            matchedIdxs = new ArrayList<>();
            labels = new ArrayList<>();
            assignTargetsToProposals(proposals, targets, matchedIdxs, labels);
            BalancedPositiveNegativeSampler.Samples s = fgBgSampler.apply(labels);
            List<Tensor> matchedGt = new ArrayList<>(), sampledProposals = new ArrayList<>();
            for (int i = 0; i < proposals.size(); i++) {
                Tensor inds = Torch.where(s.positive().get(i).logicalOr(s.negative().get(i))).get(0);
                sampledProposals.add(proposals.get(i).indexSelect(0, inds));
                labels.set(i, labels.get(i).indexSelect(0, inds));
                matchedIdxs.set(i, matchedIdxs.get(i).indexSelect(0, inds));
                Tensor gt = targets.get(i).boxes().to(proposals.get(i).dtype());
                if (gt.numel() == 0) gt = Torch.zeros(new long[] {1, 4}, proposals.get(i).dtype(), proposals.get(i).device());
                matchedGt.add(gt.indexSelect(0, matchedIdxs.get(i)));
            }
            proposals = sampledProposals;
            regressionTargets = boxCoder.encode(matchedGt, proposals);
        }
        Tensor boxFeatures = boxHead.call(boxRoiPool.call(features, proposals, imageShapes));
        FastRCNNPredictor.Output pred = boxPredictor.predict(boxFeatures);
        List<Detection> result = new ArrayList<>();
        Map<String, Tensor> losses = new LinkedHashMap<>();
        if (training) {
            Tensor[] l = fastrcnnLoss(pred.classLogits(), pred.boxRegression(), labels, regressionTargets);
            losses.put("loss_classifier", l[0]);
            losses.put("loss_box_reg", l[1]);
        } else {
            result = postprocessDetections(pred.classLogits(), pred.boxRegression(), proposals, imageShapes);
        }
        if (hasMask()) maskBranch(features, proposals, imageShapes, targets, matchedIdxs, labels, result, losses);
        if (hasKeypoint()) keypointBranch(features, proposals, imageShapes, targets, matchedIdxs, labels, result, losses);
        return new Output(result, losses);
    }

    /** PyTorch's name of a tensor's dtype ({@code torch.int64}). */
    static String torchName(Tensor t) {
        return t.dtype().toString();
    }

    private List<Tensor> addGtProposals(List<Tensor> proposals, List<Target> targets) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < proposals.size(); i++) {
            Tensor p = proposals.get(i);
            out.add(Torch.cat(List.of(p, targets.get(i).boxes().to(p.dtype())), 0));
        }
        return out;
    }

    private void assignTargetsToProposals(List<Tensor> proposals, List<Target> targets, List<Tensor> matchedIdxs, List<Tensor> labels) {
        for (int i = 0; i < proposals.size(); i++) {
            Tensor p = proposals.get(i), gt = targets.get(i).boxes().to(p.dtype());
            if (gt.numel() == 0) {
                matchedIdxs.add(Torch.zeros(new long[] {p.size(0)}, DType.INT64, p.device()));
                labels.add(Torch.zeros(new long[] {p.size(0)}, DType.INT64, p.device()));
                continue;
            }
            Tensor m = proposalMatcher.apply(Boxes.boxIou(gt, p));
            Tensor clamped = m.clampMin(0);
            Tensor l = targets.get(i).labels().indexSelect(0, clamped).to(DType.INT64);
            l = l.maskedFill(m.eq(Matcher.BELOW_LOW_THRESHOLD), 0).maskedFill(m.eq(Matcher.BETWEEN_THRESHOLDS), -1);
            matchedIdxs.add(clamped);
            labels.add(l);
        }
    }

    /** torchvision's {@code fastrcnn_loss}: cross-entropy over all sampled proposals, smooth L1 (beta 1/9) over the foreground's true class. */
    private static Tensor[] fastrcnnLoss(Tensor classLogits, Tensor boxRegression, List<Tensor> labels, List<Tensor> regressionTargets) {
        Tensor l = Torch.cat(labels, 0), targets = Torch.cat(regressionTargets, 0);
        Tensor classification = F.crossEntropy(classLogits, l);
        Tensor pos = Torch.where(l.gt(0)).get(0);
        long n = classLogits.size(0), c = boxRegression.size(-1) / 4;
        Tensor rows = pos.mul(c).add(l.indexSelect(0, pos));
        Tensor boxLoss = F.smoothL1Loss(boxRegression.reshape(n * c, 4).indexSelect(0, rows), targets.indexSelect(0, pos), Reduction.SUM, 1.0 / 9)
                .div((double) l.numel());
        return new Tensor[] {classification, boxLoss};
    }

    private List<Detection> postprocessDetections(Tensor classLogits, Tensor boxRegression, List<Tensor> proposals, List<long[]> imageShapes) {
        long numClasses = classLogits.size(-1);
        long[] perImage = new long[proposals.size()];
        for (int i = 0; i < perImage.length; i++) perImage[i] = proposals.get(i).size(0);
        Tensor predBoxes = boxCoder.decode(boxRegression, proposals);
        Tensor predScores = F.softmax(classLogits, -1);
        // one image takes the whole (a trace then keeps its data-dependent length)
        List<Tensor> boxesList = perImage.length == 1 ? List.of(predBoxes) : predBoxes.splitWithSizes(perImage, 0);
        List<Tensor> scoresList = perImage.length == 1 ? List.of(predScores) : predScores.splitWithSizes(perImage, 0);
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < perImage.length; i++) {
            long[] shape = imageShapes.get(i);
            Tensor boxes = Boxes.clipBoxesToImage(boxesList.get(i), shape[0], shape[1]);
            Tensor scores = scoresList.get(i);
            Tensor labels = Torch.arange(0, numClasses, 1).to(scores.device()).view(1, -1).expandAs(scores);
            boxes = boxes.narrow(1, 1, numClasses - 1).reshape(-1, 4);
            scores = scores.narrow(1, 1, numClasses - 1).reshape(-1);
            labels = labels.narrow(1, 1, numClasses - 1).reshape(-1);
            Tensor inds = TracedOps.nonzero(scores.gt(scoreThresh));
            boxes = boxes.indexSelect(0, inds);
            scores = scores.indexSelect(0, inds);
            labels = labels.indexSelect(0, inds);
            Tensor keep = Boxes.removeSmallBoxes(boxes, 0.01);
            boxes = boxes.indexSelect(0, keep);
            scores = scores.indexSelect(0, keep);
            labels = labels.indexSelect(0, keep);
            out.add(DetectionModel.nmsDetection(boxes, scores, labels, nmsThresh, detectionsPerImg));
        }
        return out;
    }

    /** The proposals with foreground labels and their matched ground-truth indices (the mask and keypoint branches' training inputs). */
    private static List<Tensor[]> positives(List<Tensor> proposals, List<Tensor> labels, List<Tensor> matchedIdxs) {
        List<Tensor[]> out = new ArrayList<>();
        for (int i = 0; i < proposals.size(); i++) {
            Tensor pos = Torch.where(labels.get(i).gt(0)).get(0);
            out.add(new Tensor[] {proposals.get(i).indexSelect(0, pos), matchedIdxs.get(i).indexSelect(0, pos)});
        }
        return out;
    }

    private void maskBranch(Map<String, Tensor> features, List<Tensor> proposals, List<long[]> imageShapes, List<Target> targets,
                            List<Tensor> matchedIdxs, List<Tensor> labels, List<Detection> result, Map<String, Tensor> losses) {
        List<Tensor> maskProposals = new ArrayList<>(), posMatched = new ArrayList<>();
        if (training) {
            for (Tensor[] p : positives(proposals, labels, matchedIdxs)) {
                maskProposals.add(p[0]);
                posMatched.add(p[1]);
            }
        } else {
            for (Detection d : result) maskProposals.add(d.boxes());
        }
        Tensor maskFeatures = maskHead.call(((MultiScaleRoIAlign) maskRoiPool).call(features, maskProposals, imageShapes));
        Tensor maskLogits = maskPredictor.call(maskFeatures);
        if (training) {
            losses.put("loss_mask", maskrcnnLoss(maskLogits, maskProposals, targets, posMatched));
        } else {
            Tensor prob = maskLogits.sigmoid();
            long[] perImage = new long[result.size()];
            List<Tensor> allLabels = new ArrayList<>();
            for (int i = 0; i < perImage.length; i++) {
                perImage[i] = result.get(i).labels().size(0);
                allLabels.add(result.get(i).labels());
            }
            Tensor l = Torch.cat(allLabels, 0);
            // each box's mask of its label: prob[arange(n), labels][:, None], as a gather whose shape follows n when traced
            Tensor index = prob.narrow(1, 0, 1).mul(0.0).to(DType.INT64).add(l.view(-1, 1, 1, 1));
            Tensor selected = prob.gather(1, index);
            List<Tensor> split = perImage.length == 1 ? List.of(selected) : selected.splitWithSizes(perImage, 0);
            for (int i = 0; i < perImage.length; i++) {
                Detection d = result.get(i);
                result.set(i, new Detection(d.boxes(), d.labels(), d.scores(), split.get(i), d.keypoints(), d.keypointsScores()));
            }
        }
    }

    /** torchvision's {@code maskrcnn_loss}: the ground-truth masks cut by RoI Align to the proposals, BCE with the true class's logits. */
    private static Tensor maskrcnnLoss(Tensor maskLogits, List<Tensor> proposals, List<Target> targets, List<Tensor> matchedIdxs) {
        long m = maskLogits.size(-1);
        List<Tensor> labels = new ArrayList<>(), maskTargets = new ArrayList<>();
        for (int i = 0; i < proposals.size(); i++) {
            Tensor idxs = matchedIdxs.get(i), boxes = proposals.get(i);
            labels.add(targets.get(i).labels().indexSelect(0, idxs));
            Tensor rois = Torch.cat(List.of(idxs.to(boxes.dtype()).unsqueeze(1), boxes), 1);
            Tensor gt = targets.get(i).masks().unsqueeze(1).to(rois.dtype());
            maskTargets.add(Roi.roiAlign(gt, rois, (int) m, (int) m, 1.0, -1, false).select(1, 0));
        }
        Tensor l = Torch.cat(labels, 0), t = Torch.cat(maskTargets, 0);
        if (t.numel() == 0) return maskLogits.sum().mul(0);
        Tensor rows = Torch.arange(0, l.size(0), 1).to(l.device()).mul(maskLogits.size(1)).add(l);
        return F.binaryCrossEntropyWithLogits(maskLogits.flatten(0, 1).indexSelect(0, rows), t);
    }

    private void keypointBranch(Map<String, Tensor> features, List<Tensor> proposals, List<long[]> imageShapes, List<Target> targets,
                                List<Tensor> matchedIdxs, List<Tensor> labels, List<Detection> result, Map<String, Tensor> losses) {
        List<Tensor> kpProposals = new ArrayList<>(), posMatched = new ArrayList<>();
        if (training) {
            for (Tensor[] p : positives(proposals, labels, matchedIdxs)) {
                kpProposals.add(p[0]);
                posMatched.add(p[1]);
            }
        } else {
            for (Detection d : result) kpProposals.add(d.boxes());
        }
        Tensor kpFeatures = keypointHead.call(((MultiScaleRoIAlign) keypointRoiPool).call(features, kpProposals, imageShapes));
        Tensor kpLogits = keypointPredictor.call(kpFeatures);
        if (training) {
            losses.put("loss_keypoint", Keypoints.keypointrcnnLoss(kpLogits, kpProposals, targets, posMatched));
        } else {
            long[] perImage = new long[kpProposals.size()];
            for (int i = 0; i < perImage.length; i++) perImage[i] = kpProposals.get(i).size(0);
            List<Tensor> split = perImage.length == 1 ? List.of(kpLogits) : kpLogits.splitWithSizes(perImage, 0);
            for (int i = 0; i < perImage.length; i++) {
                Tensor[] kp = Keypoints.heatmapsToKeypoints(split.get(i), kpProposals.get(i), imageShapes.get(i));
                Detection d = result.get(i);
                result.set(i, new Detection(d.boxes(), d.labels(), d.scores(), d.masks(), kp[0], kp[1]));
            }
        }
    }

    /**
     * Mask probabilities pasted into an image at their boxes ({@code paste_masks_in_image}, padding 1): each
     * {@code M x M} mask is padded by one pixel, its box widened alike and cut to whole pixels, the mask resized
     * bilinearly to the box and pasted into a zero image.
     *
     * @param masks {@code [N, 1, M, M]} mask probabilities
     * @param boxes {@code [N, 4]} boxes in the image
     * @param imageHeight the image's height
     * @param imageWidth the image's width
     * @return {@code [N, 1, imageHeight, imageWidth]} masks
     */
    public static Tensor pasteMasksInImage(Tensor masks, Tensor boxes, long imageHeight, long imageWidth) {
        int padding = 1;
        long m = masks.size(-1);
        double scale = (double) (m + 2 * padding) / m;
        Tensor padded = F.pad(masks, padding, padding, padding, padding);
        if (Trace.recording()) return pasteBySampling(padded, expandBoxes(boxes, scale).to(DType.INT64), imageHeight, imageWidth);
        long[] b = expandBoxes(boxes, scale).to(DType.INT64).contiguous().toLongArray();
        List<Tensor> res = new ArrayList<>();
        for (int i = 0; i < padded.size(0); i++) {
            res.add(pasteMaskInImage(padded.select(0, i).select(0, 0), b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3], imageHeight, imageWidth));
        }
        if (res.isEmpty()) return Torch.zeros(new long[] {0, 1, imageHeight, imageWidth}, masks.dtype(), masks.device());
        return Torch.stack(res, 0).unsqueeze(1);
    }

    /**
     * The traced form of the paste (torchvision's exporter writes a Loop over the masks): every image pixel samples its
     * box's padded mask where bilinear resizing to the box's {@code w x h} pixels would read it, {@code src = (x - x1 + 0.5)
     * * M / w - 0.5}, as grid_sample with border padding and {@code align_corners=False} (grid {@code 2 (x - x1 + 0.5) / w
     * - 1}), and pixels outside the box are zero.
     *
     * @param padded {@code [N, 1, M, M]} padded masks
     * @param box {@code [N, 4]} int64 boxes
     */
    private static Tensor pasteBySampling(Tensor padded, Tensor box, long imH, long imW) {
        Tensor b = box.to(padded.dtype());
        Tensor x1 = b.select(1, 0).unsqueeze(1), y1 = b.select(1, 1).unsqueeze(1), x2 = b.select(1, 2).unsqueeze(1), y2 = b.select(1, 3).unsqueeze(1);
        Tensor w = x2.sub(x1).add(1.0).clampMin(1.0), h = y2.sub(y1).add(1.0).clampMin(1.0);
        Tensor xs = Torch.arange(0, imW, 1).to(padded).unsqueeze(0), ys = Torch.arange(0, imH, 1).to(padded).unsqueeze(0);
        Tensor gx = xs.sub(x1).add(0.5).mul(2.0).div(w).sub(1.0).unsqueeze(1), gy = ys.sub(y1).add(0.5).mul(2.0).div(h).sub(1.0).unsqueeze(2);
        Tensor grid = Torch.stack(List.of(gx.add(gy.mul(0.0)), gy.add(gx.mul(0.0))), 3);
        Tensor sampled = F.gridSample(padded, grid, "bilinear", "border", false);
        Tensor inX = xs.ge(x1).logicalAnd(xs.le(x2)).unsqueeze(1), inY = ys.ge(y1).logicalAnd(ys.le(y2)).unsqueeze(2);
        return sampled.mul(inX.logicalAnd(inY).unsqueeze(1).to(padded.dtype()));
    }

    private static Tensor expandBoxes(Tensor boxes, double scale) {
        Tensor wHalf = boxes.select(1, 2).sub(boxes.select(1, 0)).mul(0.5).mul(scale);
        Tensor hHalf = boxes.select(1, 3).sub(boxes.select(1, 1)).mul(0.5).mul(scale);
        Tensor xc = boxes.select(1, 2).add(boxes.select(1, 0)).mul(0.5), yc = boxes.select(1, 3).add(boxes.select(1, 1)).mul(0.5);
        return Torch.stack(List.of(xc.sub(wHalf), yc.sub(hHalf), xc.add(wHalf), yc.add(hHalf)), 1);
    }

    private static Tensor pasteMaskInImage(Tensor mask, long x1, long y1, long x2, long y2, long imH, long imW) {
        long w = Math.max(x2 - x1 + 1, 1), h = Math.max(y2 - y1 + 1, 1);
        Tensor resized = F.interpolate(mask.expand(1, 1, -1, -1), new long[] {h, w}, null, "bilinear", false).select(0, 0).select(0, 0);
        Tensor im = Torch.zeros(new long[] {imH, imW}, mask.dtype(), mask.device());
        long xa = Math.max(x1, 0), xb = Math.min(x2 + 1, imW), ya = Math.max(y1, 0), yb = Math.min(y2 + 1, imH);
        if (xb > xa && yb > ya) {
            im.narrow(0, ya, yb - ya).narrow(1, xa, xb - xa).copy_(resized.narrow(0, ya - y1, yb - ya).narrow(1, xa - x1, xb - xa));
        }
        return im;
    }
}
