package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;

/**
 * What R-CNN models do to images before the backbone and to detections after
 * ({@code torchvision.models.detection.transform.GeneralizedRCNNTransform}): normalisation by mean and std, bilinear
 * resizing so the shorter side is {@code minSize} unless the longer would pass {@code maxSize}, zero-padding into
 * one batch whose sides are multiples of {@code sizeDivisible}; targets are resized along (boxes, keypoints, masks by
 * nearest). In training the shorter side is one of {@code minSize} drawn as torchvision draws it (one uniform number
 * per image from the global generator, even for a single size). {@link #postprocess} maps detections back to the
 * input images' sizes, pasting masks into them.
 */
public class GeneralizedRCNNTransform extends Module {
    private final int[] minSize;
    private final int maxSize, sizeDivisible;
    private final double[] imageMean, imageStd;
    private final int[] fixedSize;

    /**
     * A transform.
     *
     * @param minSize the shorter sides to resize to (the last one in evaluation, a random one in training)
     * @param maxSize the longest side allowed after resizing
     * @param imageMean per-channel means subtracted
     * @param imageStd per-channel standard deviations divided by
     * @param sizeDivisible the batch's sides are padded to multiples of it
     */
    public GeneralizedRCNNTransform(int[] minSize, int maxSize, double[] imageMean, double[] imageStd, int sizeDivisible) {
        this(minSize, maxSize, imageMean, imageStd, sizeDivisible, null);
    }

    /**
     * A transform that may resize every image to one size (SSD's {@code fixed_size}).
     *
     * @param minSize the shorter sides to resize to (the last one in evaluation, a random one in training)
     * @param maxSize the longest side allowed after resizing
     * @param imageMean per-channel means subtracted
     * @param imageStd per-channel standard deviations divided by
     * @param sizeDivisible the batch's sides are padded to multiples of it
     * @param fixedSize {@code {width, height}} every image is resized to (bilinear), or null to keep the aspect ratio
     */
    public GeneralizedRCNNTransform(int[] minSize, int maxSize, double[] imageMean, double[] imageStd, int sizeDivisible, int[] fixedSize) {
        this.fixedSize = fixedSize == null ? null : fixedSize.clone();
        this.minSize = minSize.clone();
        this.maxSize = maxSize;
        this.imageMean = imageMean.clone();
        this.imageStd = imageStd.clone();
        this.sizeDivisible = sizeDivisible;
    }

    /**
     * The images batched and the targets resized along with them.
     *
     * @param images the padded batch and each image's resized size
     * @param targets the resized targets, or null when none were given
     */
    public record Output(ImageList images, List<Target> targets) {}

    /**
     * Normalises, resizes and batches the images, and resizes the targets.
     *
     * @param images {@code [C, H, W]} float images in {@code [0, 1]}
     * @param targets the images' targets, or null
     * @return the batch and the resized targets
     * @throws IllegalArgumentException for an image that is not 3-d or not floating, worded as torchvision's
     */
    public Output forward(List<Tensor> images, List<Target> targets) {
        List<Tensor> out = new ArrayList<>();
        List<Target> outTargets = targets == null ? null : new ArrayList<>(targets);
        for (int i = 0; i < images.size(); i++) {
            Tensor image = images.get(i);
            if (image.dim() != 3) {
                throw new IllegalArgumentException("images is expected to be a list of 3d tensors of shape [C, H, W], got torch.Size("
                        + Arrays.toString(image.shape()) + ")");
            }
            image = normalize(image);
            long h = image.size(-2), w = image.size(-1);
            double size = training ? minSize[torchChoice(minSize.length)] : minSize[minSize.length - 1];
            double scale = scaleFactor(h, w, size, maxSize);
            image = fixedSize != null
                    ? F.interpolate(image.unsqueeze(0), new long[] {fixedSize[1], fixedSize[0]}, null, "bilinear", false).select(0, 0)
                    : F.interpolate(image.unsqueeze(0), null, new double[] {scale, scale}, "bilinear", false, true).select(0, 0);
            out.add(image);
            if (outTargets != null) {
                Target t = outTargets.get(i);
                long[] newSize = {image.size(-2), image.size(-1)}, oldSize = {h, w};
                Tensor masks = t.masks() == null ? null
                        : F.interpolate(t.masks().unsqueeze(1).toFloat(), fixedSize != null ? new long[] {image.size(-2), image.size(-1)} : null,
                                fixedSize != null ? null : new double[] {scale, scale}, "nearest", null, fixedSize != null ? null : true)
                                .select(1, 0).to(DType.UINT8);
                Tensor keypoints = t.keypoints() == null ? null : resizeKeypoints(t.keypoints(), oldSize, newSize);
                outTargets.set(i, t.with(resizeBoxes(t.boxes(), oldSize, newSize), masks, keypoints));
            }
        }
        List<long[]> sizes = new ArrayList<>();
        for (Tensor image : out) sizes.add(new long[] {image.size(-2), image.size(-1)});
        return new Output(new ImageList(batchImages(out), sizes), outTargets);
    }

    /** {@code transform(images, targets)}: {@link #forward(List, List)} with the hooks around it. */
    @SuppressWarnings("unchecked")
    public Output call(List<Tensor> images, List<Target> targets) {
        return callWithHooks(a -> forward((List<Tensor>) a.get(0), (List<Target>) a.get(1)), images, targets);
    }

    /** torchvision's {@code torch_choice}: an index below {@code n} from one uniform draw. */
    private static int torchChoice(int n) {
        return (int) Torch.empty(1).uniform_(0.0, n).item();
    }

    /** The scale factor torchvision computes in float32: {@code min(minSize / min(h, w), maxSize / max(h, w))}. */
    static double scaleFactor(long h, long w, double minSize, double maxSize) {
        float lo = Math.min(h, w), hi = Math.max(h, w);
        // Python's `float / tensor` is reciprocal(tensor) * float, in float32
        float a = (1f / lo) * (float) minSize, b = (1f / hi) * (float) maxSize;
        return Math.min(a, b);
    }

    private Tensor normalize(Tensor image) {
        if (!image.isFloatingPoint()) {
            throw new IllegalArgumentException("Expected input images to be of floating type (in range [0, 1]), but found type "
                    + image.dtype() + " instead");
        }
        Tensor mean = Torch.tensor(imageMean, imageMean.length).to(image).view(-1, 1, 1);
        Tensor std = Torch.tensor(imageStd, imageStd.length).to(image).view(-1, 1, 1);
        return image.sub(mean).div(std);
    }

    /** The images zero-padded at the bottom and right to the largest sides, rounded up to multiples of {@code sizeDivisible}. */
    private Tensor batchImages(List<Tensor> images) {
        long[] max = images.get(0).shape().clone();
        for (Tensor image : images) for (int d = 0; d < 3; d++) max[d] = Math.max(max[d], image.size(d));
        double stride = sizeDivisible;
        max[1] = (long) (Math.ceil(max[1] / stride) * stride);
        max[2] = (long) (Math.ceil(max[2] / stride) * stride);
        List<Tensor> padded = new ArrayList<>();
        for (Tensor image : images) {
            padded.add(F.pad(image, 0, max[2] - image.size(2), 0, max[1] - image.size(1), 0, max[0] - image.size(0)));
        }
        return Torch.stack(padded, 0);
    }

    /**
     * Maps detections from the resized images back to the input images (boxes and keypoints scaled, masks pasted);
     * in training the detections are returned as they are.
     *
     * @param result per image, the detections in the resized image
     * @param imageShapes per image, the resized {@code {height, width}}
     * @param originalImageSizes per image, the input's {@code {height, width}}
     * @return per image, the detections in the input image
     */
    public List<Detection> postprocess(List<Detection> result, List<long[]> imageShapes, List<long[]> originalImageSizes) {
        if (training) return result;
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
            Detection d = result.get(i);
            long[] im = imageShapes.get(i), orig = originalImageSizes.get(i);
            Tensor boxes = resizeBoxes(d.boxes(), im, orig);
            Tensor masks = d.masks() == null ? null : RoIHeads.pasteMasksInImage(d.masks(), boxes, orig[0], orig[1]);
            Tensor keypoints = d.keypoints() == null ? null : resizeKeypoints(d.keypoints(), im, orig);
            out.add(d.with(boxes, masks, keypoints));
        }
        return out;
    }

    /** The float32 ratios {@code new / original} of height and width, as torchvision computes them. */
    private static float[] ratios(long[] original, long[] size) {
        return new float[] {(float) size[0] / (float) original[0], (float) size[1] / (float) original[1]};
    }

    /**
     * Boxes scaled from an image of {@code originalSize} to one of {@code newSize} ({@code resize_boxes}).
     *
     * @param boxes {@code [N, 4]} boxes
     * @param originalSize {@code {height, width}} the boxes are in
     * @param newSize {@code {height, width}} they are scaled to
     * @return the scaled boxes
     */
    public static Tensor resizeBoxes(Tensor boxes, long[] originalSize, long[] newSize) {
        float[] r = ratios(originalSize, newSize);
        return Torch.stack(List.of(boxes.select(1, 0).mul(r[1]), boxes.select(1, 1).mul(r[0]), boxes.select(1, 2).mul(r[1]),
                boxes.select(1, 3).mul(r[0])), 1);
    }

    /**
     * Keypoints scaled from an image of {@code originalSize} to one of {@code newSize} ({@code resize_keypoints}).
     *
     * @param keypoints {@code [N, K, 3]} keypoints {@code (x, y, v)}
     * @param originalSize {@code {height, width}} they are in
     * @param newSize {@code {height, width}} they are scaled to
     * @return the scaled keypoints (visibility kept)
     */
    public static Tensor resizeKeypoints(Tensor keypoints, long[] originalSize, long[] newSize) {
        float[] r = ratios(originalSize, newSize);
        return Torch.stack(List.of(keypoints.select(2, 0).mul(r[1]), keypoints.select(2, 1).mul(r[0]), keypoints.select(2, 2)), 2);
    }

    @Override
    public String toString() {
        return "GeneralizedRCNNTransform(\n    Normalize(mean=" + list(imageMean) + ", std=" + list(imageStd) + ")\n    Resize(min_size=("
                + Arrays.stream(minSize).mapToObj(String::valueOf).reduce((x, y) -> x + ", " + y).orElse("") + (minSize.length == 1 ? "," : "")
                + "), max_size=" + maxSize + ", mode='bilinear')\n)";
    }

    private static String list(double[] v) {
        return Arrays.toString(v);
    }
}
