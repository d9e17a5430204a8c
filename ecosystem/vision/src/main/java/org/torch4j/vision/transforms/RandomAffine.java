package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A random affine map ({@code torchvision.transforms.RandomAffine}): an angle drawn from {@code degrees}, a
 * translation up to {@code translate} = [fx, fy] of the width and height (rounded to whole pixels), a scale from
 * {@code scale} = [lo, hi], shears from {@code shear} = [x lo, x hi] or [x lo, x hi, y lo, y hi] degrees; each
 * drawn with {@code torch.empty(1).uniform_}, in torchvision's order, so seeded draws match. Null ranges leave that
 * part out.
 */
public final class RandomAffine implements UnaryOperator<Tensor> {
    private final double[] degrees, translate, scale, shear, fill, center;
    private final InterpolationMode mode;

    /** Rotation only, by an angle in (-degrees, degrees); nearest, fill 0. */
    public RandomAffine(double degrees) {
        this(new double[] {-degrees, degrees}, null, null, null, InterpolationMode.NEAREST, new double[] {0}, null);
    }

    /**
     * @param degrees [lo, hi] degrees
     * @param translate [fx, fy] in [0, 1], or null
     * @param scale [lo, hi], positive, or null
     * @param shear [lo, hi] (x only) or [x lo, x hi, y lo, y hi] degrees, or null
     * @param fill one value or one per channel
     * @param center [x, y] pixel, or null for the image centre
     */
    public RandomAffine(double[] degrees, double[] translate, double[] scale, double[] shear, InterpolationMode mode, double[] fill,
            double[] center) {
        if (degrees.length != 2) throw new IllegalArgumentException("degrees should be a sequence of length 2.");
        if (translate != null) {
            if (translate.length != 2) throw new IllegalArgumentException("translate should be a sequence of length 2.");
            for (double t : translate) if (!(t >= 0.0 && t <= 1.0)) throw new IllegalArgumentException("translation values should be between 0 and 1");
        }
        if (scale != null) {
            if (scale.length != 2) throw new IllegalArgumentException("scale should be a sequence of length 2.");
            for (double s : scale) if (s <= 0) throw new IllegalArgumentException("scale values should be positive");
        }
        if (shear != null && shear.length != 2 && shear.length != 4) throw new IllegalArgumentException("shear should be a sequence of length 2 or 4.");
        if (center != null && center.length != 2) throw new IllegalArgumentException("center should be a sequence of length 2.");
        this.degrees = degrees.clone();
        this.translate = translate == null ? null : translate.clone();
        this.scale = scale == null ? null : scale.clone();
        this.shear = shear == null ? null : shear.clone();
        this.mode = mode;
        this.fill = fill == null ? new double[] {0} : fill.clone();
        this.center = center == null ? null : center.clone();
    }

    private static double uniform(double lo, double hi) {
        return Torch.empty(1).uniform_(lo, hi).item();
    }

    @Override
    public Tensor apply(Tensor img) {
        int h = Functional.height(img), w = Functional.width(img);
        double angle = uniform(degrees[0], degrees[1]);
        double tx = 0, ty = 0;
        if (translate != null) {
            double maxDx = translate[0] * w, maxDy = translate[1] * h;
            tx = Math.rint(uniform(-maxDx, maxDx)); // Python's round: half to even
            ty = Math.rint(uniform(-maxDy, maxDy));
        }
        double s = scale == null ? 1.0 : uniform(scale[0], scale[1]);
        double shx = 0, shy = 0;
        if (shear != null) {
            shx = uniform(shear[0], shear[1]);
            if (shear.length == 4) shy = uniform(shear[2], shear[3]);
        }
        return Functional.affine(img, angle, new double[] {tx, ty}, s, new double[] {shx, shy}, mode, fill, center);
    }
}
