package org.torch4j.vision.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A batch of images tiled into one ({@code torchvision.utils.make_grid}) and written to a file
 * ({@code torchvision.utils.save_image}), with torchvision's defaults and rules: single-channel images
 * become RGB, optional min-max (or given range) normalisation, {@code padding} pixels of
 * {@code padValue} around each tile, {@code nrow} tiles per row.
 */
public final class ImageGrid {
    private ImageGrid() {}

    /** {@code makeGrid(images, 8, 2, false, null, false, 0)}. */
    public static Tensor makeGrid(Tensor images) {
        return makeGrid(images, 8, 2, false, null, false, 0.0);
    }

    /** The images of a list, stacked (same shapes), then tiled. */
    public static Tensor makeGrid(List<Tensor> images, int nrow, int padding, boolean normalize, double[] valueRange, boolean scaleEach,
                                 double padValue) {
        return makeGrid(Torch.stack(images, 0), nrow, padding, normalize, valueRange, scaleEach, padValue);
    }

    /**
     * Tiles [B, C, H, W] (or one [C, H, W] / [H, W] image) into [3 or C, rows * (H + padding) + padding,
     * cols * (W + padding) + padding]; with {@code normalize} each value is clamped to {@code valueRange}
     * (default: the min and max, of each image with {@code scaleEach}) and scaled to [0, 1].
     */
    public static Tensor makeGrid(Tensor images, int nrow, int padding, boolean normalize, double[] valueRange, boolean scaleEach,
                                  double padValue) {
        Tensor t = images;
        if (t.dim() == 2) t = t.unsqueeze(0);
        if (t.dim() == 3) {
            if (t.size(0) == 1) t = Torch.cat(List.of(t, t, t), 0);
            t = t.unsqueeze(0);
        }
        if (t.dim() != 4) throw new IllegalArgumentException("make_grid expects [B, C, H, W], [C, H, W] or [H, W] images, got " + Arrays.toString(images.shape()));
        if (t.size(1) == 1) t = Torch.cat(List.of(t, t, t), 1);
        if (valueRange != null && valueRange.length != 2) throw new IllegalArgumentException("value_range has to be a tuple (min, max) if specified");
        if (nrow < 1) throw new IllegalArgumentException("nrow must be positive, got " + nrow);
        if (normalize) {
            t = t.clone();
            if (scaleEach) {
                for (long i = 0; i < t.size(0); i++) normRange(t.select(0, i), valueRange);
            } else {
                normRange(t, valueRange);
            }
        }
        if (t.size(0) == 1) return t.squeeze(0);
        long nmaps = t.size(0), xmaps = Math.min(nrow, nmaps), ymaps = (nmaps + xmaps - 1) / xmaps;
        long height = t.size(2) + padding, width = t.size(3) + padding;
        Tensor grid = Torch.full(new long[] {t.size(1), height * ymaps + padding, width * xmaps + padding}, padValue, t.dtype(), t.device());
        long k = 0;
        for (long y = 0; y < ymaps; y++) {
            for (long x = 0; x < xmaps && k < nmaps; x++, k++) {
                grid.narrow(1, y * height + padding, height - padding).narrow(2, x * width + padding, width - padding).copy_(t.select(0, k));
            }
        }
        return grid;
    }

    /** In place: clamp to [low, high] and scale to [0, 1] (torchvision's {@code norm_ip}). */
    private static void normRange(Tensor img, double[] range) {
        double low = range != null ? range[0] : img.min().item(), high = range != null ? range[1] : img.max().item();
        img.clamp_(low, high);
        img.sub_(low).div_(Math.max(high - low, 1e-5));
    }

    /** {@code saveImage(images, file, 8, 2, false, null, false, 0)}. */
    public static void saveImage(Tensor images, Path file) throws IOException {
        saveImage(images, file, 8, 2, false, null, false, 0.0);
    }

    /**
     * Writes {@link #makeGrid} of float images in [0, 1] as PNG or JPEG (by extension): values are
     * scaled by 255, rounded half up and clamped, as torchvision's {@code save_image}.
     */
    public static void saveImage(Tensor images, Path file, int nrow, int padding, boolean normalize, double[] valueRange, boolean scaleEach,
                                 double padValue) throws IOException {
        Tensor grid = makeGrid(images, nrow, padding, normalize, valueRange, scaleEach, padValue);
        if (grid.dim() == 2) grid = grid.unsqueeze(0);
        Tensor bytes = grid.mul(255.0).add(0.5).clamp(0.0, 255.0).to(DType.UINT8);
        Images.write(bytes, file);
    }
}
