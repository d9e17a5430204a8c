package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.DType;
import org.torch4j.Tensor;

/** {@link Functional#convertImageDtype} to a fixed dtype ({@code torchvision.transforms.ConvertImageDtype}). */
public final class ConvertImageDtype implements UnaryOperator<Tensor> {
    private final DType dtype;

    /** Converts to {@code dtype}, rescaling the values. */
    public ConvertImageDtype(DType dtype) {
        this.dtype = dtype;
    }

    @Override
    public Tensor apply(Tensor img) {
        return Functional.convertImageDtype(img, dtype);
    }
}
