package org.torch4j.internal;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.torch4j.DType;

/** How one element of a dtype's host array looks as raw bytes: files ({@code io}) and the wire ({@code distributed}). */
public final class RawLayouts {
    private RawLayouts() {}

    /**
     * The unaligned layout (file and network data need not be aligned) of one element of {@code dtype} in
     * {@code order}; float16 and bfloat16 are their 16-bit patterns, bool one byte.
     *
     * @throws IllegalArgumentException for complex dtypes, whose host arrays are of their real dtype
     */
    public static ValueLayout of(DType dtype, ByteOrder order) {
        return switch (dtype) {
            case FLOAT32 -> ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order);
            case FLOAT64 -> ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(order);
            case INT64 -> ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order);
            case INT32 -> ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
            case INT16, FLOAT16, BFLOAT16 -> ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order);
            case INT8, UINT8, BOOL -> ValueLayout.JAVA_BYTE;
            case COMPLEX64, COMPLEX128 -> throw new IllegalArgumentException(
                    "complex tensors have no raw element layout: their storage is real (" + dtype.toReal() + ") pairs");
        };
    }
}
