package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/** The luma of an RGB image, as 1 or 3 channels ({@code torchvision.transforms.Grayscale}). */
public final class Grayscale implements UnaryOperator<Tensor> {
    private final int numOutputChannels;

    /** One output channel. */
    public Grayscale() {
        this(1);
    }

    /** {@code numOutputChannels}: 1, or 3 (the luma repeated). */
    public Grayscale(int numOutputChannels) {
        if (numOutputChannels != 1 && numOutputChannels != 3) throw new IllegalArgumentException("num_output_channels should be either 1 or 3");
        this.numOutputChannels = numOutputChannels;
    }

    @Override
    public Tensor apply(Tensor img) {
        return Functional.rgbToGrayscale(img, numOutputChannels);
    }
}
