package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/**
 * Resizes to {@code [h, w]}, or makes the smaller edge {@code size} keeping the aspect ratio
 * ({@code torchvision.transforms.Resize}); nearest or bilinear, the latter optionally antialiased as
 * torchvision's tensor path with {@code antialias=True} (the default, as torchvision 0.14 for tensors,
 * is without).
 */
public final class Resize implements UnaryOperator<Tensor> {
    private final int[] size;
    private final InterpolationMode mode;
    private final Integer maxSize;
    private final boolean antialias;

    /** The smaller edge becomes {@code size}, bilinear without antialiasing. */
    public Resize(int size) {
        this(new int[] {size}, InterpolationMode.BILINEAR, null, false);
    }

    /**
     * {@code size}: [h, w] or [smaller edge]; {@code maxSize} (null for none) caps the longer edge when
     * one size is given.
     */
    public Resize(int[] size, InterpolationMode mode, Integer maxSize, boolean antialias) {
        if (size.length != 1 && size.length != 2) throw new IllegalArgumentException("Size should be int or sequence. Got " + size.length + " values");
        if (antialias && mode != InterpolationMode.BILINEAR) {
            throw new IllegalArgumentException("Antialias option is supported for bilinear and bicubic interpolation modes only");
        }
        this.size = size.clone();
        this.mode = mode;
        this.maxSize = maxSize;
        this.antialias = antialias;
    }

    /** The resized image, in the input's dtype. */
    @Override
    public Tensor apply(Tensor img) {
        Functional.checkImage(img);
        int[] hw = Functional.resizedSize(Functional.height(img), Functional.width(img), size, maxSize);
        return Functional.resize(img, hw[0], hw[1], mode, antialias);
    }
}
