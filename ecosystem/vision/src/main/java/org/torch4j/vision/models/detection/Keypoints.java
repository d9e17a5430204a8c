package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * Keypoint R-CNN's conversions between keypoints and heatmaps ({@code keypoints_to_heatmap},
 * {@code heatmaps_to_keypoints} and {@code keypointrcnn_loss} of {@code torchvision.models.detection.roi_heads}).
 */
public final class Keypoints {
    private Keypoints() {}

    /**
     * Keypoints as heatmap cells of their boxes ({@code keypoints_to_heatmap}).
     *
     * @param keypoints {@code [N, K, 3]} keypoints {@code (x, y, visibility)}
     * @param rois {@code [N, 4]} the boxes
     * @param heatmapSize the heatmap's side
     * @return the flat cell index of each keypoint ({@code [N, K]}, 0 where invalid) and whether it is valid
     *         (inside its box and visible, {@code [N, K]} int64)
     */
    public static Tensor[] keypointsToHeatmap(Tensor keypoints, Tensor rois, long heatmapSize) {
        Tensor offsetX = rois.select(1, 0).unsqueeze(1), offsetY = rois.select(1, 1).unsqueeze(1);
        Tensor scaleX = rois.select(1, 2).sub(rois.select(1, 0)).reciprocal().mul(heatmapSize).unsqueeze(1);
        Tensor scaleY = rois.select(1, 3).sub(rois.select(1, 1)).reciprocal().mul(heatmapSize).unsqueeze(1);
        Tensor x = keypoints.select(2, 0), y = keypoints.select(2, 1);
        Tensor xBoundary = x.eq(rois.select(1, 2).unsqueeze(1)), yBoundary = y.eq(rois.select(1, 3).unsqueeze(1));
        Tensor xi = x.sub(offsetX).mul(scaleX).floor().to(DType.INT64).maskedFill(xBoundary, heatmapSize - 1);
        Tensor yi = y.sub(offsetY).mul(scaleY).floor().to(DType.INT64).maskedFill(yBoundary, heatmapSize - 1);
        Tensor validLoc = xi.ge(0).logicalAnd(yi.ge(0)).logicalAnd(xi.lt(heatmapSize)).logicalAnd(yi.lt(heatmapSize));
        Tensor valid = validLoc.logicalAnd(keypoints.select(2, 2).gt(0)).to(DType.INT64);
        return new Tensor[] {yi.mul(heatmapSize).add(xi).mul(valid), valid};
    }

    /**
     * Keypoint R-CNN's loss ({@code keypointrcnn_loss}): cross-entropy of each valid keypoint's heatmap against its cell.
     *
     * @param keypointLogits {@code [N, K, H, H]} heatmap logits of the positive proposals
     * @param proposals per image, the positive proposals
     * @param targets the targets, with keypoints
     * @param matchedIdxs per image, each proposal's ground-truth index
     * @return the loss (0, still attached to the logits, when no keypoint is valid)
     * @throws IllegalArgumentException for non-square heatmaps, as torchvision words it
     */
    public static Tensor keypointrcnnLoss(Tensor keypointLogits, List<Tensor> proposals, List<Target> targets, List<Tensor> matchedIdxs) {
        long n = keypointLogits.size(0), k = keypointLogits.size(1), h = keypointLogits.size(2), w = keypointLogits.size(3);
        if (h != w) {
            throw new IllegalArgumentException("keypoint_logits height and width (last two elements of shape) should be equal. Instead got H = "
                    + h + " and W = " + w);
        }
        List<Tensor> heatmaps = new ArrayList<>(), valid = new ArrayList<>();
        for (int i = 0; i < proposals.size(); i++) {
            Tensor kp = targets.get(i).keypoints().indexSelect(0, matchedIdxs.get(i));
            Tensor[] hv = keypointsToHeatmap(kp, proposals.get(i), h);
            heatmaps.add(hv[0].view(-1));
            valid.add(hv[1].view(-1));
        }
        Tensor keypointTargets = Torch.cat(heatmaps, 0);
        Tensor v = Torch.where(Torch.cat(valid, 0).ne(0)).get(0);
        if (keypointTargets.numel() == 0 || v.numel() == 0) return keypointLogits.sum().mul(0);
        Tensor logits = keypointLogits.reshape(n * k, h * w);
        return F.crossEntropy(logits.indexSelect(0, v), keypointTargets.indexSelect(0, v));
    }

    /**
     * Keypoints from heatmaps ({@code heatmaps_to_keypoints}): each heatmap resized bicubically to its box's size
     * (rounded up, at least 1), the maximum's cell centre mapped into the box.
     *
     * @param maps {@code [N, K, H, W]} heatmap logits
     * @param rois {@code [N, 4]} the boxes
     * @return {@code [N, K, 3]} keypoints {@code (x, y, 1)} and {@code [N, K]} the heatmaps' values at them
     */
    public static Tensor[] heatmapsToKeypoints(Tensor maps, Tensor rois) {
        int n = (int) rois.size(0), k = (int) maps.size(1);
        Tensor widths = rois.select(1, 2).sub(rois.select(1, 0)).clampMin(1), heights = rois.select(1, 3).sub(rois.select(1, 1)).clampMin(1);
        float[] wCeil = widths.ceil().contiguous().toFloatArray(), hCeil = heights.ceil().contiguous().toFloatArray();
        List<Tensor> preds = new ArrayList<>(), scores = new ArrayList<>();
        Tensor ks = Torch.arange(0, k, 1);
        for (int i = 0; i < n; i++) {
            long mw = (long) wCeil[i], mh = (long) hCeil[i];
            Tensor widthCorrection = widths.select(0, i).div((double) mw), heightCorrection = heights.select(0, i).div((double) mh);
            Tensor roiMap = F.interpolate(maps.select(0, i).unsqueeze(1), new long[] {mh, mw}, null, "bicubic", false).select(1, 0);
            Tensor pos = roiMap.reshape(k, -1).argmax(1, false);
            Tensor xInt = pos.remainder(mw), yInt = pos.sub(xInt).div(mw, "floor");
            Tensor x = xInt.toFloat().add(0.5).mul(widthCorrection).add(rois.select(1, 0).select(0, i));
            Tensor y = yInt.toFloat().add(0.5).mul(heightCorrection).add(rois.select(1, 1).select(0, i));
            preds.add(Torch.stack(List.of(x, y, Torch.ones(k)), 1));
            Tensor flat = ks.mul(mh * mw).add(yInt.mul(mw)).add(xInt);
            scores.add(roiMap.reshape(-1).indexSelect(0, flat));
        }
        if (n == 0) return new Tensor[] {Torch.zeros(0, k, 3), Torch.zeros(0, k)};
        return new Tensor[] {Torch.stack(preds, 0), Torch.stack(scores, 0)};
    }
}
