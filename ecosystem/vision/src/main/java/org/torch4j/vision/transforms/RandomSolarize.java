package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/** Inverts values at or above {@code threshold} with probability {@code p} ({@code torchvision.transforms.RandomSolarize}). */
public final class RandomSolarize implements UnaryOperator<Tensor> {
    private final double threshold, p;

    /** Probability 0.5. */
    public RandomSolarize(double threshold) {
        this(threshold, 0.5);
    }

    /** Solarizes above {@code threshold} with probability {@code p}. */
    public RandomSolarize(double threshold, double p) {
        this.threshold = threshold;
        this.p = Draws.checkProbability(p);
    }

    @Override
    public Tensor apply(Tensor img) {
        return Draws.itemBelow(p) ? Functional.solarize(img, threshold) : img;
    }
}
