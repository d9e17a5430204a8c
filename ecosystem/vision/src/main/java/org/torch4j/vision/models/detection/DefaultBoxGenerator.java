package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/**
 * SSD's default boxes ({@code torchvision.models.detection.anchor_utils.DefaultBoxGenerator}): per feature map {@code k}
 * and cell, boxes of scale {@code s_k} and {@code sqrt(s_k s_(k+1))} (square) and {@code s_k * sqrt(r)} by
 * {@code s_k / sqrt(r)} both ways for each aspect ratio {@code r}, centred on the cell (at {@code (i + 0.5) / (size / step)}
 * with steps, else {@code / cells}), sizes clipped to {@code [0, 1]} when {@code clip}, in units of the batch's size.
 */
public class DefaultBoxGenerator extends Module {
    private final double[][] aspectRatios;
    private final double[] scales, steps;
    private final boolean clip;
    private final List<Tensor> whPairs = new ArrayList<>();

    /**
     * A generator.
     *
     * @param aspectRatios per feature map, its aspect ratios
     * @param minRatio the smallest scale when {@code scales} is null (0.15)
     * @param maxRatio the largest scale when {@code scales} is null (0.9)
     * @param scales the scales, one per map and one more, or null to spread them from {@code minRatio} to {@code maxRatio}
     * @param steps per map, its step in pixels, or null to derive the centres from the map's size
     * @param clip whether the boxes' sizes are clipped to {@code [0, 1]}
     * @throws IllegalArgumentException when steps and ratios differ in number, as torchvision words it
     */
    public DefaultBoxGenerator(double[][] aspectRatios, double minRatio, double maxRatio, double[] scales, double[] steps, boolean clip) {
        if (steps != null && aspectRatios.length != steps.length) throw new IllegalArgumentException("aspect_ratios and steps should have the same length");
        this.aspectRatios = aspectRatios;
        this.steps = steps;
        this.clip = clip;
        int n = aspectRatios.length;
        if (scales == null) {
            if (n > 1) {
                scales = new double[n + 1];
                for (int k = 0; k < n; k++) scales[k] = minRatio + (maxRatio - minRatio) * k / (n - 1.0);
                scales[n] = 1.0;
            } else {
                scales = new double[] {minRatio, maxRatio};
            }
        }
        this.scales = scales;
        for (int k = 0; k < n; k++) {
            double sk = scales[k], sPrime = Math.sqrt(scales[k] * scales[k + 1]);
            List<Float> wh = new ArrayList<>(List.of((float) sk, (float) sk, (float) sPrime, (float) sPrime));
            for (double ar : aspectRatios[k]) {
                double sq = Math.sqrt(ar), w = sk * sq, h = sk / sq;
                wh.addAll(List.of((float) w, (float) h, (float) h, (float) w));
            }
            float[] v = new float[wh.size()];
            for (int i = 0; i < v.length; i++) v[i] = wh.get(i);
            whPairs.add(Torch.tensor(v, v.length / 2, 2));
        }
    }

    /** The default boxes per location of each feature map: {@code 2 + 2 * ratios}. */
    public int[] numAnchorsPerLocation() {
        int[] n = new int[aspectRatios.length];
        for (int k = 0; k < n.length; k++) n[k] = 2 + 2 * aspectRatios[k].length;
        return n;
    }

    /** The number of feature maps the generator expects. */
    int numLevels() {
        return aspectRatios.length;
    }

    /**
     * The default boxes of every image.
     *
     * @param images the batch (its size scales the boxes)
     * @param featureMaps the feature maps
     * @return per image, {@code [sum_k H_k W_k A_k, 4]} boxes {@code (x1, y1, x2, y2)} in pixels
     */
    public List<Tensor> forward(ImageList images, List<Tensor> featureMaps) {
        long imageH = images.tensors().size(-2), imageW = images.tensors().size(-1);
        List<Tensor> boxes = new ArrayList<>();
        for (int k = 0; k < featureMaps.size(); k++) {
            long fh = featureMaps.get(k).size(-2), fw = featureMaps.get(k).size(-1);
            double xf = steps != null ? imageW / steps[k] : fw, yf = steps != null ? imageH / steps[k] : fh;
            Tensor sx = Torch.arange(0, fw, 1).toFloat().add(0.5).div(xf);
            Tensor sy = Torch.arange(0, fh, 1).toFloat().add(0.5).div(yf);
            List<Tensor> grid = Torch.meshgrid(List.of(sy, sx), "ij");
            Tensor x = grid.get(1).reshape(-1), y = grid.get(0).reshape(-1);
            long a = whPairs.get(k).size(0);
            List<Tensor> xy = new ArrayList<>();
            for (int i = 0; i < a; i++) {
                xy.add(x);
                xy.add(y);
            }
            Tensor shifts = Torch.stack(xy, -1).reshape(-1, 2);
            Tensor wh = clip ? whPairs.get(k).clamp(0, 1) : whPairs.get(k);
            boxes.add(Torch.cat(List.of(shifts, wh.repeat(fh * fw, 1)), 1));
        }
        Tensor d = Torch.cat(boxes, 0).to(featureMaps.get(0).device()).to(featureMaps.get(0).dtype());
        Tensor xySize = Torch.tensor(new float[] {imageW, imageH}, 2).to(d);
        Tensor half = d.narrow(1, 2, 2).mul(0.5);
        Tensor inImage = Torch.cat(List.of(d.narrow(1, 0, 2).sub(half).mul(xySize), d.narrow(1, 0, 2).add(half).mul(xySize)), -1);
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < images.imageSizes().size(); i++) out.add(inImage);
        return out;
    }

    @Override
    public String toString() {
        List<String> ratios = new ArrayList<>();
        for (double[] level : aspectRatios) ratios.add(intList(level));
        return "DefaultBoxGenerator(aspect_ratios=[" + String.join(", ", ratios) + "], clip=" + (clip ? "True" : "False") + ", scales="
                + Arrays.toString(scales) + ", steps=" + (steps == null ? "None" : intList(steps)) + ")";
    }

    /** A Python list as torchvision's builders give the ratios and steps: whole numbers as ints, which print without a fraction. */
    private static String intList(double[] values) {
        List<String> out = new ArrayList<>();
        for (double v : values) out.add(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
        return "[" + String.join(", ", out) + "]";
    }
}
