package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.ValuesIndices;
import org.torch4j.nn.F;
import org.torch4j.trace.Trace;

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
     * {@link #heatmapsToKeypoints(Tensor, Tensor)} for boxes inside an image of {@code imageSize}: the same values; traced
     * (ONNX export), written without per-box sizes as {@link #heatmapsToKeypointsBySampling}.
     *
     * @param maps {@code [N, K, H, W]} heatmap logits
     * @param rois {@code [N, 4]} the boxes, inside the image
     * @param imageSize the image's {@code (height, width)}, which bounds the boxes' sizes
     * @return {@code [N, K, 3]} keypoints {@code (x, y, 1)} and {@code [N, K]} the heatmaps' values at them
     */
    public static Tensor[] heatmapsToKeypoints(Tensor maps, Tensor rois, long[] imageSize) {
        if (Trace.recording()) return heatmapsToKeypointsBySampling(maps, rois, imageSize[0], imageSize[1]);
        return heatmapsToKeypoints(maps, rois);
    }

    /**
     * The traced form of {@code heatmaps_to_keypoints} (torchvision's exporter writes a Loop over the boxes): each box's
     * heatmaps are resized bicubically to {@code ceil(h) x ceil(w)} pixels, which bicubic grid sampling with border
     * padding and {@code align_corners=False} reads at {@code g = (2 x + 1) / ceil(w) - 1} (the source index
     * {@code (x + 0.5) W / ceil(w) - 0.5} normalised); every box is sampled on the image's whole {@code imH x imW} grid,
     * the pixels past its size are masked to -inf, and the first maximum in row-major order is the first maximum of the
     * box's own resized map. Shapes follow the number of boxes; the values equal the eager ones up to the float32
     * rounding of the sampling positions.
     *
     * @param maps {@code [N, K, H, W]} heatmap logits
     * @param rois {@code [N, 4]} the boxes, inside an {@code imH x imW} image
     * @param imH the image's height
     * @param imW the image's width
     * @return {@code [N, K, 3]} keypoints {@code (x, y, 1)} and {@code [N, K]} the heatmaps' values at them
     */
    static Tensor[] heatmapsToKeypointsBySampling(Tensor maps, Tensor rois, long imH, long imW) {
        Tensor x1 = rois.select(1, 0).unsqueeze(1), y1 = rois.select(1, 1).unsqueeze(1);
        Tensor widths = rois.select(1, 2).sub(rois.select(1, 0)).clampMin(1).unsqueeze(1);
        Tensor heights = rois.select(1, 3).sub(rois.select(1, 1)).clampMin(1).unsqueeze(1);
        Tensor mw = widths.ceil(), mh = heights.ceil();
        Tensor xs = Torch.arange(0, imW, 1).to(rois.device()).toFloat().unsqueeze(0), ys = Torch.arange(0, imH, 1).to(rois.device()).toFloat().unsqueeze(0);
        Tensor gx = xs.mul(2.0).add(1.0).div(mw).sub(1.0).unsqueeze(1), gy = ys.mul(2.0).add(1.0).div(mh).sub(1.0).unsqueeze(2);
        Tensor grid = Torch.stack(List.of(gx.add(gy.mul(0.0)), gy.add(gx.mul(0.0))), 3);
        Tensor sampled = F.gridSample(maps, grid, "bicubic", "border", false);
        Tensor inside = xs.lt(mw).unsqueeze(1).logicalAnd(ys.lt(mh).unsqueeze(2)).unsqueeze(1);
        ValuesIndices best = sampled.maskedFill(inside.logicalNot(), Double.NEGATIVE_INFINITY).flatten(2, 3).max(2, false);
        Tensor pos = best.indices();
        Tensor xInt = pos.remainder(imW), yInt = pos.sub(xInt).div(imW, "floor");
        Tensor x = xInt.toFloat().add(0.5).mul(widths.div(mw)).add(x1);
        Tensor y = yInt.toFloat().add(0.5).mul(heights.div(mh)).add(y1);
        return new Tensor[] {Torch.stack(List.of(x, y, x.mul(0.0).add(1.0)), 2), best.values()};
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
        Tensor ks = Torch.arange(0, k, 1).to(maps.device());
        for (int i = 0; i < n; i++) {
            long mw = (long) wCeil[i], mh = (long) hCeil[i];
            Tensor widthCorrection = widths.select(0, i).div((double) mw), heightCorrection = heights.select(0, i).div((double) mh);
            Tensor roiMap = F.interpolate(maps.select(0, i).unsqueeze(1), new long[] {mh, mw}, null, "bicubic", false).select(1, 0);
            Tensor pos = roiMap.reshape(k, -1).argmax(1, false);
            Tensor xInt = pos.remainder(mw), yInt = pos.sub(xInt).div(mw, "floor");
            Tensor x = xInt.toFloat().add(0.5).mul(widthCorrection).add(rois.select(1, 0).select(0, i));
            Tensor y = yInt.toFloat().add(0.5).mul(heightCorrection).add(rois.select(1, 1).select(0, i));
            preds.add(Torch.stack(List.of(x, y, Torch.ones(new long[] {k}, x.dtype(), x.device())), 1));
            Tensor flat = ks.mul(mh * mw).add(yInt.mul(mw)).add(xInt);
            scores.add(roiMap.reshape(-1).indexSelect(0, flat));
        }
        if (n == 0) return new Tensor[] {Torch.zeros(new long[] {0, k, 3}, maps.dtype(), maps.device()), Torch.zeros(new long[] {0, k}, maps.dtype(), maps.device())};
        return new Tensor[] {Torch.stack(preds, 0), Torch.stack(scores, 0)};
    }
}
