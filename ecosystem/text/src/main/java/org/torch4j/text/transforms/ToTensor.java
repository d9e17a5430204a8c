package org.torch4j.text.transforms;

import org.torch4j.DType;
import org.torch4j.Tensor;

/** {@code torchtext.transforms.ToTensor}: index lists to a tensor ({@link Functional#toTensor}). */
public final class ToTensor implements TextTransform {
    private final Long paddingValue;
    private final DType dtype;

    /**
     * A transform to tensors.
     *
     * @param paddingValue pads the rows of a batch to the longest; null requires equal lengths
     * @param dtype the batch's element type (null for int64); single sequences are always int64, as torchtext's
     */
    public ToTensor(Long paddingValue, DType dtype) {
        this.paddingValue = paddingValue;
        this.dtype = dtype == null ? DType.INT64 : dtype;
    }

    /** {@code ToTensor()}: no padding, int64. */
    public ToTensor() {
        this(null, DType.INT64);
    }

    @Override
    public Tensor apply(Object input) {
        return Functional.toTensor(input, paddingValue, dtype);
    }
}
