package org.torch4j.vision.transforms;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A window of {@code [h, w]} at a random position ({@code torchvision.transforms.RandomCrop}), after
 * optional padding (constant {@code fill}, "edge", "reflect" or "symmetric") and, with
 * {@code padIfNeeded}, padding up to the window size. The position is {@code torch.randint(0, H - h + 1)}
 * then {@code torch.randint(0, W - w + 1)} on the default generator, as torchvision draws it.
 */
public final class RandomCrop implements UnaryOperator<Tensor> {
    private final int height, width;
    private final int[] padding;   // left, top, right, bottom; null for none
    private final boolean padIfNeeded;
    private final double fill;
    private final String paddingMode;

    /** A square window, no padding. */
    public RandomCrop(int size) {
        this(size, size, null, false, 0, "constant");
    }

    /**
     * A {@code height} x {@code width} window; {@code padding} as torchvision's (1, 2 or 4 values, null
     * for none).
     */
    public RandomCrop(int height, int width, int[] padding, boolean padIfNeeded, double fill, String paddingMode) {
        if (!Arrays.asList("constant", "edge", "reflect", "symmetric").contains(paddingMode)) {
            throw new IllegalArgumentException("Padding mode should be either constant, edge, reflect or symmetric, got " + paddingMode);
        }
        this.height = height;
        this.width = width;
        this.padding = padding == null ? null : Functional.paddingLtrb(padding);
        this.padIfNeeded = padIfNeeded;
        this.fill = fill;
        this.paddingMode = paddingMode;
    }

    /** {@code (top, left)} of a {@code th} x {@code tw} window in an h x w image ({@code RandomCrop.get_params}). */
    public static int[] params(int h, int w, int th, int tw) {
        if (h < th || w < tw) {
            throw new IllegalArgumentException("Required crop size (" + th + ", " + tw + ") is larger than input image size (" + h + ", " + w + ")");
        }
        if (w == tw && h == th) return new int[] {0, 0};
        int i = (int) Torch.randint(0, h - th + 1, 1).itemLong();
        int j = (int) Torch.randint(0, w - tw + 1, 1).itemLong();
        return new int[] {i, j};
    }

    /** The padded, randomly placed window. */
    @Override
    public Tensor apply(Tensor img) {
        Functional.checkImage(img);
        if (padding != null) img = Functional.pad(img, padding[0], padding[1], padding[2], padding[3], fill, paddingMode);
        int h = Functional.height(img), w = Functional.width(img);
        if (padIfNeeded && w < width) img = Functional.pad(img, width - w, 0, width - w, 0, fill, paddingMode);
        h = Functional.height(img);
        if (padIfNeeded && h < height) img = Functional.pad(img, 0, height - h, 0, height - h, fill, paddingMode);
        int[] ij = params(Functional.height(img), Functional.width(img), height, width);
        return Functional.crop(img, ij[0], ij[1], height, width);
    }
}
