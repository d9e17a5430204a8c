package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A random window of random area ({@code scale} of the image) and aspect ratio ({@code ratio},
 * log-uniform), resized to {@code size} ({@code torchvision.transforms.RandomResizedCrop}); up to ten
 * draws, then a central crop, exactly as torchvision draws them.
 */
public final class RandomResizedCrop implements UnaryOperator<Tensor> {
    private final int[] size;
    private final double[] scale, ratio;
    private final InterpolationMode mode;
    private final boolean antialias;

    /** Square output {@code size}, scale (0.08, 1), ratio (3/4, 4/3), bilinear without antialiasing. */
    public RandomResizedCrop(int size) {
        this(new int[] {size, size}, new double[] {0.08, 1.0}, new double[] {3.0 / 4.0, 4.0 / 3.0}, InterpolationMode.BILINEAR, false);
    }

    /** Every option; {@code size} is [h, w] or [edge]. */
    public RandomResizedCrop(int[] size, double[] scale, double[] ratio, InterpolationMode mode, boolean antialias) {
        this.size = size.length == 1 ? new int[] {size[0], size[0]} : size.clone();
        if (scale[0] > scale[1] || ratio[0] > ratio[1]) throw new IllegalArgumentException("Scale and ratio should be of kind (min, max)");
        this.scale = scale.clone();
        this.ratio = ratio.clone();
        this.mode = mode;
        this.antialias = antialias;
    }

    /** {@code (top, left, h, w)} of the window in a height x width image ({@code RandomResizedCrop.get_params}). */
    public static int[] params(int height, int width, double[] scale, double[] ratio) {
        double area = (double) height * width;
        // torch.log(torch.tensor(ratio)): float32 bounds
        Tensor logRatio = Torch.tensor(new float[] {(float) ratio[0], (float) ratio[1]}, 2).log();
        double lr0 = logRatio.get(0).item(), lr1 = logRatio.get(1).item();
        for (int attempt = 0; attempt < 10; attempt++) {
            double targetArea = area * Torch.empty(1).uniform_(scale[0], scale[1]).item();
            double aspect = Torch.empty(1).uniform_(lr0, lr1).exp().item();
            int w = (int) Math.rint(Math.sqrt(targetArea * aspect));
            int h = (int) Math.rint(Math.sqrt(targetArea / aspect));
            if (0 < w && w <= width && 0 < h && h <= height) {
                int i = (int) Torch.randint(0, height - h + 1, 1).itemLong();
                int j = (int) Torch.randint(0, width - w + 1, 1).itemLong();
                return new int[] {i, j, h, w};
            }
        }
        double inRatio = (double) width / height;
        int w, h;
        if (inRatio < Math.min(ratio[0], ratio[1])) {
            w = width;
            h = (int) Math.rint(w / Math.min(ratio[0], ratio[1]));
        } else if (inRatio > Math.max(ratio[0], ratio[1])) {
            h = height;
            w = (int) Math.rint(h * Math.max(ratio[0], ratio[1]));
        } else {
            w = width;
            h = height;
        }
        return new int[] {(height - h) / 2, (width - w) / 2, h, w};
    }

    /** The randomly cropped and resized image. */
    @Override
    public Tensor apply(Tensor img) {
        Functional.checkImage(img);
        int[] p = params(Functional.height(img), Functional.width(img), scale, ratio);
        return Functional.resizedCrop(img, p[0], p[1], p[2], p[3], size, mode, antialias);
    }
}
