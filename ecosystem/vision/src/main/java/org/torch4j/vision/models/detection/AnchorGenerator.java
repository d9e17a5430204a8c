package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/**
 * Anchors for a set of feature maps ({@code torchvision.models.detection.anchor_utils.AnchorGenerator}): for map
 * {@code i}, every combination of {@code sizes[i]} and {@code aspectRatios[i]} (width / height ratio {@code 1/sqrt(r)}),
 * centred on 0 and rounded, shifted to each cell of the map by the map's stride in the padded image.
 */
public class AnchorGenerator extends Module {
    private final double[][] sizes, aspectRatios;
    private final List<Tensor> cellAnchors = new ArrayList<>();

    /**
     * A generator for {@code sizes.length} feature maps.
     *
     * @param sizes per feature map, the anchor sizes (sides of the square anchor of ratio 1)
     * @param aspectRatios per feature map, the height / width ratios
     * @throws IllegalArgumentException when the two lists differ in length
     */
    public AnchorGenerator(double[][] sizes, double[][] aspectRatios) {
        if (sizes.length != aspectRatios.length) {
            throw new IllegalArgumentException("sizes and aspect_ratios should have the same number of elements, got "
                    + sizes.length + " and " + aspectRatios.length);
        }
        this.sizes = sizes;
        this.aspectRatios = aspectRatios;
        for (int i = 0; i < sizes.length; i++) cellAnchors.add(generateAnchors(sizes[i], aspectRatios[i]));
    }

    /** Faster R-CNN's default for a five-level FPN: sizes 32 to 512, one per level, ratios 0.5, 1, 2. */
    public static AnchorGenerator defaultFpn() {
        double[][] sizes = {{32}, {64}, {128}, {256}, {512}};
        double[][] ratios = new double[5][];
        for (int i = 0; i < 5; i++) ratios[i] = new double[] {0.5, 1.0, 2.0};
        return new AnchorGenerator(sizes, ratios);
    }

    /**
     * The anchors of one cell centred on 0 ({@code generate_anchors}), float32, rounded half to even.
     *
     * @param scales the anchor sizes
     * @param ratios the aspect ratios (height / width)
     * @return {@code [ratios * scales, 4]} boxes, ratio-major
     */
    public static Tensor generateAnchors(double[] scales, double[] ratios) {
        Tensor s = Torch.tensor(toFloats(scales), scales.length), r = Torch.tensor(toFloats(ratios), ratios.length);
        Tensor hRatios = r.sqrt(), wRatios = hRatios.reciprocal();
        Tensor ws = wRatios.unsqueeze(1).mul(s.unsqueeze(0)).view(-1), hs = hRatios.unsqueeze(1).mul(s.unsqueeze(0)).view(-1);
        return Torch.stack(List.of(ws.neg(), hs.neg(), ws, hs), 1).div(2).round();
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    /** The anchors per location of each feature map: sizes times ratios. */
    public int[] numAnchorsPerLocation() {
        int[] n = new int[sizes.length];
        for (int i = 0; i < n.length; i++) n[i] = sizes[i].length * aspectRatios[i].length;
        return n;
    }

    /**
     * The anchors of every image.
     *
     * @param images the batch (its padded size gives the strides)
     * @param featureMaps the feature maps, {@code [N, C, H_l, W_l]} each
     * @return per image, {@code [sum_l H_l * W_l * A_l, 4]} anchors, map by map, cell by cell (row-major), anchor by anchor
     * @throws IllegalArgumentException when the maps and the configured levels differ in number, as torchvision words it
     */
    public List<Tensor> forward(ImageList images, List<Tensor> featureMaps) {
        if (featureMaps.size() != cellAnchors.size()) {
            throw new IllegalArgumentException("Anchors should be Tuple[Tuple[int]] because each feature map could potentially have different "
                    + "sizes and aspect ratios. There needs to be a match between the number of feature maps passed and the number of sizes / "
                    + "aspect ratios specified.");
        }
        long imageH = images.tensors().size(-2), imageW = images.tensors().size(-1);
        DType dtype = featureMaps.get(0).dtype();
        List<Tensor> levels = new ArrayList<>();
        for (int i = 0; i < featureMaps.size(); i++) {
            long gh = featureMaps.get(i).size(-2), gw = featureMaps.get(i).size(-1);
            long strideH = imageH / gh, strideW = imageW / gw;
            org.torch4j.Device device = featureMaps.get(i).device();
            Tensor shiftsX = Torch.arange(0, gw, 1).to(device).mul(strideW), shiftsY = Torch.arange(0, gh, 1).to(device).mul(strideH);
            List<Tensor> grid = Torch.meshgrid(List.of(shiftsY, shiftsX), "ij");
            Tensor sy = grid.get(0).reshape(-1), sx = grid.get(1).reshape(-1);
            Tensor shifts = Torch.stack(List.of(sx, sy, sx, sy), 1).to(dtype);
            levels.add(shifts.view(-1, 1, 4).add(cellAnchors.get(i).to(device).to(dtype).view(1, -1, 4)).reshape(-1, 4));
        }
        Tensor all = Torch.cat(levels, 0);
        List<Tensor> anchors = new ArrayList<>();
        for (int i = 0; i < images.imageSizes().size(); i++) anchors.add(all);
        return anchors;
    }
}
