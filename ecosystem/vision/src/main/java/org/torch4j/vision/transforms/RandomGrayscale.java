package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/**
 * With probability {@code p}, the luma repeated over the image's channels ({@code torchvision.transforms.RandomGrayscale}).
 */
public final class RandomGrayscale implements UnaryOperator<Tensor> {
    private final double p;

    /** Probability 0.1. */
    public RandomGrayscale() {
        this(0.1);
    }

    /** Converts with probability {@code p}. */
    public RandomGrayscale(double p) {
        this.p = Draws.checkProbability(p);
    }

    @Override
    public Tensor apply(Tensor img) {
        return Draws.tensorBelow(p) ? Functional.rgbToGrayscale(img, Functional.channels(img)) : img;
    }
}
