package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/** Stretches each channel (Functional#autocontrast) with probability {@code p} ({@code torchvision.transforms.RandomAutocontrast}). */
public final class RandomAutocontrast implements UnaryOperator<Tensor> {
    private final double p;

    /** Probability 0.5. */
    public RandomAutocontrast() {
        this(0.5);
    }

    /** Applies with probability {@code p}. */
    public RandomAutocontrast(double p) {
        this.p = Draws.checkProbability(p);
    }

    @Override
    public Tensor apply(Tensor img) {
        return Draws.itemBelow(p) ? Functional.autocontrast(img) : img;
    }
}
