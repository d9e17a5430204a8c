package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/** The central window of {@code [h, w]}, zero-padded when larger than the image ({@code torchvision.transforms.CenterCrop}). */
public final class CenterCrop implements UnaryOperator<Tensor> {
    private final int height, width;

    /** A square window. */
    public CenterCrop(int size) {
        this(size, size);
    }

    /** A {@code height} x {@code width} window. */
    public CenterCrop(int height, int width) {
        this.height = height;
        this.width = width;
    }

    /** The cropped image. */
    @Override
    public Tensor apply(Tensor img) {
        return Functional.centerCrop(img, height, width);
    }
}
