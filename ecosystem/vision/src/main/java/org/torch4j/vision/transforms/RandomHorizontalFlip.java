package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Mirrors the image with probability {@code p}: {@code torch.rand(1) < p} ({@code torchvision.transforms.RandomHorizontalFlip}). */
public final class RandomHorizontalFlip implements UnaryOperator<Tensor> {
    private final double p;

    /** Probability 0.5. */
    public RandomHorizontalFlip() {
        this(0.5);
    }

    /** Flips with probability {@code p}. */
    public RandomHorizontalFlip(double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("probability should be in [0, 1], got " + p);
        this.p = p;
    }

    /** The image, flipped or not. */
    @Override
    public Tensor apply(Tensor img) {
        // torch.rand(1) < p compares in float32
        return (float) Torch.rand(1).item() < (float) p ? Functional.hflip(img) : img;
    }
}
