package org.torch4j.vision.transforms;

import java.util.List;
import java.util.function.Function;
import org.torch4j.Tensor;

/** The four corner crops and the centre crop ({@code torchvision.transforms.FiveCrop}; see {@link Functional#fiveCrop}). */
public final class FiveCrop implements Function<Tensor, List<Tensor>> {
    private final int height, width;

    /** Square crops of {@code size}. */
    public FiveCrop(int size) {
        this(size, size);
    }

    /** Crops of {@code height} x {@code width}. */
    public FiveCrop(int height, int width) {
        this.height = height;
        this.width = width;
    }

    @Override
    public List<Tensor> apply(Tensor img) {
        return Functional.fiveCrop(img, height, width);
    }
}
