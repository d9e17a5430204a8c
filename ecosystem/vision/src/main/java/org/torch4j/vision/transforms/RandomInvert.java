package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/** Inverts the values (Functional#invert) with probability {@code p} ({@code torchvision.transforms.RandomInvert}). */
public final class RandomInvert implements UnaryOperator<Tensor> {
    private final double p;

    /** Probability 0.5. */
    public RandomInvert() {
        this(0.5);
    }

    /** Applies with probability {@code p}. */
    public RandomInvert(double p) {
        this.p = Draws.checkProbability(p);
    }

    @Override
    public Tensor apply(Tensor img) {
        return Draws.itemBelow(p) ? Functional.invert(img) : img;
    }
}
