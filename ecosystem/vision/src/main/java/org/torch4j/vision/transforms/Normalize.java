package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/** {@code (x - mean[c]) / std[c]} per channel of a float image ({@code torchvision.transforms.Normalize}). */
public final class Normalize implements UnaryOperator<Tensor> {
    private final double[] mean, std;

    /** One mean and one standard deviation per channel (or one of each for every channel). */
    public Normalize(double[] mean, double[] std) {
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** The normalised image (a new tensor). */
    @Override
    public Tensor apply(Tensor img) {
        return Functional.normalize(img, mean, std);
    }
}
