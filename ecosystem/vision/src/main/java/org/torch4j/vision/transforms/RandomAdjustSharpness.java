package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/** Adjusts the sharpness by {@code sharpnessFactor} with probability {@code p} ({@code torchvision.transforms.RandomAdjustSharpness}). */
public final class RandomAdjustSharpness implements UnaryOperator<Tensor> {
    private final double factor, p;

    /** Probability 0.5. */
    public RandomAdjustSharpness(double sharpnessFactor) {
        this(sharpnessFactor, 0.5);
    }

    /** Sharpens (factor above 1) or smooths (below 1) with probability {@code p}. */
    public RandomAdjustSharpness(double sharpnessFactor, double p) {
        if (sharpnessFactor < 0) throw new IllegalArgumentException("sharpness_factor (" + sharpnessFactor + ") is not non-negative.");
        this.factor = sharpnessFactor;
        this.p = Draws.checkProbability(p);
    }

    @Override
    public Tensor apply(Tensor img) {
        return Draws.itemBelow(p) ? Functional.adjustSharpness(img, factor) : img;
    }
}
