package org.torch4j.vision.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.trace.Trace;

/**
 * RoI Align over a feature pyramid ({@code torchvision.ops.MultiScaleRoIAlign}, as Faster and Mask
 * R-CNN with FPN use it): each box is pooled from the level the FPN paper's eq. 1 assigns it,
 * {@code floor(canonicalLevel + log2(sqrt(area) / canonicalScale))} clamped to the pyramid. The scale
 * of each level is inferred, on the first call, as the power of two nearest to its height over the
 * largest image height; later calls reuse it, as torchvision's module does.
 */
public class MultiScaleRoIAlign extends Module {
    private final List<String> featmapNames;
    private final int[] outputSize;
    private final int samplingRatio, canonicalScale, canonicalLevel;
    private double[] scales;
    private int kMin, kMax;

    /** torchvision's defaults: canonical scale 224, canonical level 4. */
    public MultiScaleRoIAlign(List<String> featmapNames, int[] outputSize, int samplingRatio) {
        this(featmapNames, outputSize, samplingRatio, 224, 4);
    }

    /**
     * RoI Align over the named levels of a feature pyramid.
     *
     * @param featmapNames the names of the feature maps to pool from, in any order (the maps are used
     *        in the order of the map passed to forward)
     * @param outputSize {@code {size}} or {@code {height, width}}
     * @param samplingRatio RoI Align's sampling ratio
     * @param canonicalScale the box side that maps to {@code canonicalLevel}
     * @param canonicalLevel the pyramid level of a {@code canonicalScale}-sided box
     */
    public MultiScaleRoIAlign(List<String> featmapNames, int[] outputSize, int samplingRatio, int canonicalScale, int canonicalLevel) {
        if (outputSize.length != 1 && outputSize.length != 2) {
            throw new IllegalArgumentException("output_size should be an int or a pair of ints, got " + outputSize.length + " values");
        }
        this.featmapNames = List.copyOf(featmapNames);
        this.outputSize = outputSize.length == 1 ? new int[] {outputSize[0], outputSize[0]} : outputSize.clone();
        this.samplingRatio = samplingRatio;
        this.canonicalScale = canonicalScale;
        this.canonicalLevel = canonicalLevel;
    }

    /**
     * Pools every image's boxes from its level.
     *
     * @param x the feature maps by name ({@code [N, C, H_l, W_l]} each), in pyramid order (finest first)
     * @param boxes per image, {@code [L_i, 4]} boxes in image coordinates
     * @param imageShapes per image, {@code {height, width}} before the backbone
     * @return {@code [sum L_i, C, height, width]}, the boxes in the order given
     * @throws IllegalArgumentException for an empty {@code imageShapes}
     */
    public Tensor forward(Map<String, Tensor> x, List<Tensor> boxes, List<long[]> imageShapes) {
        List<Tensor> features = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : x.entrySet()) if (featmapNames.contains(e.getKey())) features.add(e.getValue());
        if (scales == null) setupScales(features, imageShapes);
        Tensor rois = Roi.toRois(boxes);
        int oh = outputSize[0], ow = outputSize[1];
        if (features.size() == 1) return Roi.roiAlign(features.get(0), rois, oh, ow, scales[0], samplingRatio, false);
        if (Trace.recording()) return mergedLevels(features, rois, levels(Torch.cat(boxes, 0)));
        long[] levels = levels(Torch.cat(boxes, 0)).toLongArray();
        List<Tensor> pooled = new ArrayList<>();
        long[] position = new long[levels.length];
        int placed = 0;
        for (int level = 0; level < features.size(); level++) {
            List<Long> idx = new ArrayList<>();
            for (int i = 0; i < levels.length; i++) if (levels[i] == level) idx.add((long) i);
            if (idx.isEmpty()) continue;
            long[] sel = idx.stream().mapToLong(Long::longValue).toArray();
            for (long i : sel) position[(int) i] = placed++;
            pooled.add(Roi.roiAlign(features.get(level), rois.indexSelect(0, Torch.tensor(sel, sel.length).to(rois.device())), oh, ow, scales[level],
                    samplingRatio, false));
        }
        if (pooled.isEmpty()) return Torch.zeros(new long[] {0, features.get(0).size(1), oh, ow}, features.get(0).dtype(), features.get(0).device());
        // the levels' results, concatenated level by level, back in box order
        return Torch.cat(pooled, 0).indexSelect(0, Torch.tensor(position, position.length).to(rois.device()));
    }

    /**
     * The traced form of the merge (torchvision's {@code _onnx_merge_levels} places each level's results by scatter): every
     * level pools every box and keeps those of its level, {@code sum_l (level == l) * roi_align_l}, the same values with
     * shapes that follow the data-dependent number of boxes.
     */
    private Tensor mergedLevels(List<Tensor> features, Tensor rois, Tensor levels) {
        Tensor merged = null;
        for (int level = 0; level < features.size(); level++) {
            Tensor mask = levels.eq(level).to(features.get(level).dtype()).view(-1, 1, 1, 1);
            Tensor pooled = Roi.roiAlign(features.get(level), rois, outputSize[0], outputSize[1], scales[level], samplingRatio, false).mul(mask);
            merged = merged == null ? pooled : merged.add(pooled);
        }
        return merged;
    }

    /** {@code module(x, boxes, imageShapes)}: {@link #forward(Map, List, List)} with the hooks around it. */
    @SuppressWarnings("unchecked")
    public Tensor call(Map<String, Tensor> x, List<Tensor> boxes, List<long[]> imageShapes) {
        return callWithHooks(a -> forward((Map<String, Tensor>) a.get(0), (List<Tensor>) a.get(1), (List<long[]>) a.get(2)),
                x, boxes, imageShapes);
    }

    /** torchvision's {@code _setup_scales}: each level's scale, and the level range of the mapper. */
    private void setupScales(List<Tensor> features, List<long[]> imageShapes) {
        if (imageShapes.isEmpty()) throw new IllegalArgumentException("images list should not be empty");
        long maxH = 0;
        for (long[] s : imageShapes) maxH = Math.max(maxH, s[0]);
        double[] s = new double[features.size()];
        for (int i = 0; i < s.length; i++) {
            // as torchvision: the height ratio as a float32 tensor, log2, rounded half to even
            float approx = (float) ((double) features.get(i).size(2) / maxH);
            s[i] = Math.pow(2, Math.rint((float) (Math.log(approx) / Math.log(2))));
        }
        scales = s;
        kMin = (int) -(float) (Math.log((float) s[0]) / Math.log(2));
        kMax = (int) -(float) (Math.log((float) s[s.length - 1]) / Math.log(2));
    }

    /** torchvision's {@code LevelMapper}: the pyramid level (0 = finest used) of each box. */
    private Tensor levels(Tensor boxes) {
        Tensor s = Boxes.boxArea(boxes).sqrt();
        Tensor target = s.div((double) canonicalScale).log2().add((double) canonicalLevel).add(1e-6).floor()
                .clamp((double) kMin, (double) kMax);
        return target.to(DType.INT64).sub((long) kMin);
    }

    @Override
    protected String extraRepr() {
        StringBuilder names = new StringBuilder("[");
        for (int i = 0; i < featmapNames.size(); i++) names.append(i > 0 ? ", " : "").append('\'').append(featmapNames.get(i)).append('\'');
        return "featmap_names=" + names + "], output_size=(" + outputSize[0] + ", " + outputSize[1] + "), sampling_ratio=" + samplingRatio;
    }
}
