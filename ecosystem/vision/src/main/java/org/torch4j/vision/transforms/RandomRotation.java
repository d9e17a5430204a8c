package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Rotates by an angle drawn uniformly from {@code degrees} ({@code torch.empty(1).uniform_(lo, hi)})
 * ({@code torchvision.transforms.RandomRotation}); nearest or bilinear, optionally expanding the
 * output, about the centre or a given point, uncovered pixels taking {@code fill}.
 */
public final class RandomRotation implements UnaryOperator<Tensor> {
    private final double lo, hi;
    private final InterpolationMode mode;
    private final boolean expand;
    private final double[] center, fill;

    /** Angles in (-degrees, degrees), nearest, no expansion, fill 0. */
    public RandomRotation(double degrees) {
        this(new double[] {-degrees, degrees}, InterpolationMode.NEAREST, false, null, new double[] {0});
    }

    /**
     * {@code degrees}: [lo, hi]; {@code center}: [x, y] in pixels or null; {@code fill}: one value or one
     * per channel.
     */
    public RandomRotation(double[] degrees, InterpolationMode mode, boolean expand, double[] center, double[] fill) {
        if (degrees.length != 2) throw new IllegalArgumentException("degrees should be a sequence of length 2, got " + degrees.length);
        if (center != null && center.length != 2) throw new IllegalArgumentException("center should be a sequence of length 2, got " + center.length);
        this.lo = degrees[0];
        this.hi = degrees[1];
        this.mode = mode;
        this.expand = expand;
        this.center = center == null ? null : center.clone();
        this.fill = fill == null ? new double[] {0} : fill.clone();
    }

    /** A rotation angle as torchvision draws it ({@code RandomRotation.get_params}). */
    public static double angle(double lo, double hi) {
        return Torch.empty(1).uniform_(lo, hi).item();
    }

    /** The rotated image. */
    @Override
    public Tensor apply(Tensor img) {
        double angle = angle(lo, hi);
        return Functional.rotate(img, angle, mode, expand, center, fill);
    }
}
