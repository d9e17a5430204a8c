package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/** Keeps {@code bits} bits per value with probability {@code p} ({@code torchvision.transforms.RandomPosterize}). */
public final class RandomPosterize implements UnaryOperator<Tensor> {
    private final int bits;
    private final double p;

    /** Probability 0.5. */
    public RandomPosterize(int bits) {
        this(bits, 0.5);
    }

    /** Posterizes to {@code bits} bits with probability {@code p}. */
    public RandomPosterize(int bits, double p) {
        this.bits = bits;
        this.p = Draws.checkProbability(p);
    }

    @Override
    public Tensor apply(Tensor img) {
        return Draws.itemBelow(p) ? Functional.posterize(img, bits) : img;
    }
}
