package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.nn.Reduction;
import org.torch4j.vision.ops.Boxes;

/**
 * The region proposal network ({@code torchvision.models.detection.rpn.RegionProposalNetwork}): the head's objectness
 * and deltas over every anchor, decoded to boxes; per image the best {@code preNmsTopN} of each level, clipped, small
 * and low-scoring boxes dropped, NMS per level, the best {@code postNmsTopN} kept. In training it also returns the
 * objectness (binary cross-entropy) and box (smooth L1, beta 1/9) losses over a balanced sample of anchors matched to
 * the targets (IoU at least {@code fgIouThresh} positive, below {@code bgIouThresh} negative).
 */
public class RegionProposalNetwork extends Module {
    /** The anchors. */
    public final AnchorGenerator anchorGenerator;
    /** The head. */
    public final RPNHead head;
    private final BoxCoder boxCoder = new BoxCoder(new double[] {1, 1, 1, 1});
    private final Matcher proposalMatcher;
    private final BalancedPositiveNegativeSampler fgBgSampler;
    private final int preNmsTopNTrain, preNmsTopNTest, postNmsTopNTrain, postNmsTopNTest;
    private final double nmsThresh, scoreThresh;
    private static final double MIN_SIZE = 1e-3;

    /**
     * A region proposal network.
     *
     * @param anchorGenerator the anchors
     * @param head the head
     * @param fgIouThresh the IoU from which an anchor is positive
     * @param bgIouThresh the IoU under which an anchor is negative
     * @param batchSizePerImage anchors sampled per image for the losses
     * @param positiveFraction the largest share of positives among them
     * @param preNmsTopN per level, the proposals kept before NMS: {@code {training, testing}}
     * @param postNmsTopN the proposals kept after NMS: {@code {training, testing}}
     * @param nmsThresh the NMS IoU threshold
     * @param scoreThresh the lowest objectness probability kept
     */
    public RegionProposalNetwork(AnchorGenerator anchorGenerator, RPNHead head, double fgIouThresh, double bgIouThresh, int batchSizePerImage,
                                 double positiveFraction, int[] preNmsTopN, int[] postNmsTopN, double nmsThresh, double scoreThresh) {
        this.anchorGenerator = registerModule("anchor_generator", anchorGenerator);
        this.head = registerModule("head", head);
        proposalMatcher = new Matcher(fgIouThresh, bgIouThresh, true);
        fgBgSampler = new BalancedPositiveNegativeSampler(batchSizePerImage, positiveFraction);
        preNmsTopNTrain = preNmsTopN[0];
        preNmsTopNTest = preNmsTopN[1];
        postNmsTopNTrain = postNmsTopN[0];
        postNmsTopNTest = postNmsTopN[1];
        this.nmsThresh = nmsThresh;
        this.scoreThresh = scoreThresh;
    }

    /**
     * The proposals of each image and, in training, the losses.
     *
     * @param boxes per image, {@code [P_i, 4]} proposals
     * @param losses {@code loss_objectness} and {@code loss_rpn_box_reg} in training, else empty
     */
    public record Output(List<Tensor> boxes, Map<String, Tensor> losses) {}

    /**
     * Proposes boxes.
     *
     * @param images the batch
     * @param features the feature maps by name, finest first
     * @param targets the targets (required in training), or null
     * @return per image the {@code [P_i, 4]} proposals, and {@code loss_objectness}, {@code loss_rpn_box_reg} in training
     * @throws IllegalArgumentException for null targets in training
     */
    public Output forward(ImageList images, Map<String, Tensor> features, List<Target> targets) {
        List<Tensor> maps = new ArrayList<>(features.values());
        RPNHead.Output h = head.forward(maps);
        List<Tensor> anchors = anchorGenerator.forward(images, maps);
        int numImages = anchors.size();
        long[] perLevel = new long[maps.size()];
        for (int i = 0; i < perLevel.length; i++) {
            Tensor o = h.logits().get(i);
            perLevel[i] = o.size(1) * o.size(2) * o.size(3);
        }
        Tensor[] flat = concatBoxPredictionLayers(h.logits(), h.bboxReg());
        Tensor objectness = flat[0], deltas = flat[1];
        Tensor proposals = boxCoder.decode(deltas.detach(), anchors).view(numImages, -1, 4);
        List<Tensor> boxes = filterProposals(proposals, objectness, images.imageSizes(), perLevel);
        Map<String, Tensor> losses = new LinkedHashMap<>();
        if (training) {
            if (targets == null) throw new IllegalArgumentException("targets should not be None");
            List<Tensor> labels = new ArrayList<>(), matched = new ArrayList<>();
            assignTargetsToAnchors(anchors, targets, labels, matched);
            List<Tensor> regressionTargets = boxCoder.encode(matched, anchors);
            Tensor[] l = computeLoss(objectness, deltas, labels, regressionTargets);
            losses.put("loss_objectness", l[0]);
            losses.put("loss_rpn_box_reg", l[1]);
        }
        return new Output(boxes, losses);
    }

    /** torchvision's {@code concat_box_prediction_layers}: {@code [N * sum(HWA), C]} logits and {@code [N * sum(HWA), 4]} deltas. */
    static Tensor[] concatBoxPredictionLayers(List<Tensor> boxCls, List<Tensor> boxRegression) {
        List<Tensor> cls = new ArrayList<>(), reg = new ArrayList<>();
        for (int i = 0; i < boxCls.size(); i++) {
            Tensor c = boxCls.get(i), r = boxRegression.get(i);
            long n = c.size(0), h = c.size(2), w = c.size(3), a = r.size(1) / 4, k = c.size(1) / a;
            cls.add(permuteAndFlatten(c, n, k, h, w));
            reg.add(permuteAndFlatten(r, n, 4, h, w));
        }
        return new Tensor[] {Torch.cat(cls, 1).flatten(0, -2), Torch.cat(reg, 1).reshape(-1, 4)};
    }

    private static Tensor permuteAndFlatten(Tensor layer, long n, long c, long h, long w) {
        return layer.view(n, -1, c, h, w).permute(0, 3, 4, 1, 2).reshape(n, -1, c);
    }

    private List<Tensor> filterProposals(Tensor proposals, Tensor objectness, List<long[]> imageShapes, long[] perLevel) {
        int numImages = (int) proposals.size(0);
        objectness = objectness.detach().reshape(numImages, -1);
        int preNms = training ? preNmsTopNTrain : preNmsTopNTest, postNms = training ? postNmsTopNTrain : postNmsTopNTest;
        // the best of each level, as indices into all anchors, and each one's level
        List<Tensor> idx = new ArrayList<>(), lvl = new ArrayList<>();
        long offset = 0;
        for (int level = 0; level < perLevel.length; level++) {
            Tensor ob = objectness.narrow(1, offset, perLevel[level]);
            int k = (int) Math.min(preNms, perLevel[level]);
            idx.add(TracedOps.topkMin(ob, k, 1).indices().add(offset));
            lvl.add(Torch.full(new long[] {numImages, k}, (long) level, org.torch4j.DType.INT64, proposals.device()));
            offset += perLevel[level];
        }
        Tensor topN = Torch.cat(idx, 1), levels = Torch.cat(lvl, 1);
        List<Tensor> finalBoxes = new ArrayList<>();
        for (int i = 0; i < numImages; i++) {
            Tensor sel = topN.select(0, i);
            Tensor boxes = proposals.select(0, i).indexSelect(0, sel);
            Tensor scores = objectness.select(0, i).indexSelect(0, sel).sigmoid();
            Tensor level = levels.select(0, i);
            long[] shape = imageShapes.get(i);
            boxes = Boxes.clipBoxesToImage(boxes, shape[0], shape[1]);
            Tensor keep = Boxes.removeSmallBoxes(boxes, MIN_SIZE);
            boxes = boxes.indexSelect(0, keep);
            scores = scores.indexSelect(0, keep);
            level = level.indexSelect(0, keep);
            keep = TracedOps.nonzero(scores.ge(scoreThresh));
            boxes = boxes.indexSelect(0, keep);
            scores = scores.indexSelect(0, keep);
            level = level.indexSelect(0, keep);
            keep = Boxes.batchedNms(boxes, scores, level, nmsThresh);
            keep = keep.slice(0, 0, postNms, 1);   // keep[:post_nms_top_n], without reading the (data-dependent) length
            finalBoxes.add(boxes.indexSelect(0, keep));
        }
        return finalBoxes;
    }

    private void assignTargetsToAnchors(List<Tensor> anchors, List<Target> targets, List<Tensor> labels, List<Tensor> matchedGtBoxes) {
        for (int i = 0; i < anchors.size(); i++) {
            Tensor a = anchors.get(i), gt = targets.get(i).boxes();
            if (gt.numel() == 0) {
                matchedGtBoxes.add(Torch.zeros(a.shape(), org.torch4j.DType.FLOAT32, a.device()));
                labels.add(Torch.zeros(new long[] {a.size(0)}, org.torch4j.DType.FLOAT32, a.device()));
                continue;
            }
            Tensor matchedIdxs = proposalMatcher.apply(Boxes.boxIou(gt, a));
            matchedGtBoxes.add(gt.indexSelect(0, matchedIdxs.clampMin(0)));
            Tensor l = matchedIdxs.ge(0).toFloat();
            l = l.maskedFill(matchedIdxs.eq(Matcher.BELOW_LOW_THRESHOLD), 0.0);
            l = l.maskedFill(matchedIdxs.eq(Matcher.BETWEEN_THRESHOLDS), -1.0);
            labels.add(l);
        }
    }

    private Tensor[] computeLoss(Tensor objectness, Tensor deltas, List<Tensor> labels, List<Tensor> regressionTargets) {
        BalancedPositiveNegativeSampler.Samples s = fgBgSampler.apply(labels);
        Tensor pos = Torch.where(Torch.cat(s.positive(), 0)).get(0), neg = Torch.where(Torch.cat(s.negative(), 0)).get(0);
        Tensor sampled = Torch.cat(List.of(pos, neg), 0);
        objectness = objectness.flatten();
        Tensor l = Torch.cat(labels, 0), targets = Torch.cat(regressionTargets, 0);
        Tensor boxLoss = F.smoothL1Loss(deltas.indexSelect(0, pos), targets.indexSelect(0, pos), Reduction.SUM, 1.0 / 9)
                .div((double) sampled.numel());
        Tensor objLoss = F.binaryCrossEntropyWithLogits(objectness.indexSelect(0, sampled), l.indexSelect(0, sampled));
        return new Tensor[] {objLoss, boxLoss};
    }
}
