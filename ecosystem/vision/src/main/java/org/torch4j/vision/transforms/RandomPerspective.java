package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * With probability {@code p}, a random perspective distortion ({@code torchvision.transforms.RandomPerspective}): each
 * corner moved inwards by up to {@code distortionScale} of half the width and height (drawn with
 * {@code torch.randint}, in torchvision's order), the image warped by {@link Functional#perspective}.
 */
public final class RandomPerspective implements UnaryOperator<Tensor> {
    private final double distortionScale, p;
    private final InterpolationMode mode;
    private final double[] fill;

    /** torchvision's defaults: distortion 0.5, p 0.5, bilinear, fill 0. */
    public RandomPerspective() {
        this(0.5, 0.5, InterpolationMode.BILINEAR, new double[] {0});
    }

    /** @param fill one value or one per channel */
    public RandomPerspective(double distortionScale, double p, InterpolationMode mode, double[] fill) {
        this.distortionScale = distortionScale;
        this.p = Draws.checkProbability(p);
        this.mode = mode;
        this.fill = fill == null ? new double[] {0} : fill.clone();
    }

    private static int randint(long lo, long hi) {
        return (int) Torch.randint(lo, hi, 1).item();
    }

    @Override
    public Tensor apply(Tensor img) {
        if (!Draws.tensorBelow(p)) return img;
        int w = Functional.width(img), h = Functional.height(img);
        int dx = (int) (distortionScale * (w / 2)), dy = (int) (distortionScale * (h / 2));
        int[] topLeft = {randint(0, dx + 1), randint(0, dy + 1)};
        int[] topRight = {randint(w - dx - 1, w), randint(0, dy + 1)};
        int[] botRight = {randint(w - dx - 1, w), randint(h - dy - 1, h)};
        int[] botLeft = {randint(0, dx + 1), randint(h - dy - 1, h)};
        int[][] start = {{0, 0}, {w - 1, 0}, {w - 1, h - 1}, {0, h - 1}};
        return Functional.perspective(img, start, new int[][] {topLeft, topRight, botRight, botLeft}, mode, fill);
    }
}
