package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/** Equalizes the histogram (Functional#equalize) with probability {@code p} ({@code torchvision.transforms.RandomEqualize}). */
public final class RandomEqualize implements UnaryOperator<Tensor> {
    private final double p;

    /** Probability 0.5. */
    public RandomEqualize() {
        this(0.5);
    }

    /** Applies with probability {@code p}. */
    public RandomEqualize(double p) {
        this.p = Draws.checkProbability(p);
    }

    @Override
    public Tensor apply(Tensor img) {
        return Draws.itemBelow(p) ? Functional.equalize(img) : img;
    }
}
