package org.torch4j.vision.transforms;

import java.util.List;
import java.util.function.Function;
import org.torch4j.Tensor;

/**
 * The five crops of the image and of its mirror image, upside down with {@code verticalFlip}
 * ({@code torchvision.transforms.TenCrop}; see {@link Functional#tenCrop}).
 */
public final class TenCrop implements Function<Tensor, List<Tensor>> {
    private final int height, width;
    private final boolean verticalFlip;

    /** Square crops of {@code size}, mirrored left to right. */
    public TenCrop(int size) {
        this(size, size, false);
    }

    /** Crops of {@code height} x {@code width}. */
    public TenCrop(int height, int width, boolean verticalFlip) {
        this.height = height;
        this.width = width;
        this.verticalFlip = verticalFlip;
    }

    @Override
    public List<Tensor> apply(Tensor img) {
        return Functional.tenCrop(img, height, width, verticalFlip);
    }
}
