package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/** Turns the image upside down with probability {@code p} ({@code torchvision.transforms.RandomVerticalFlip}). */
public final class RandomVerticalFlip implements UnaryOperator<Tensor> {
    private final double p;

    /** Probability 0.5. */
    public RandomVerticalFlip() {
        this(0.5);
    }

    /** Flips with probability {@code p}. */
    public RandomVerticalFlip(double p) {
        this.p = Draws.checkProbability(p);
    }

    /** The image, flipped or not. */
    @Override
    public Tensor apply(Tensor img) {
        return Draws.tensorBelow(p) ? Functional.vflip(img) : img;
    }
}
