package org.torch4j.backend.cpu;

import org.torch4j.DType;

/**
 * The array type kernels compute in. float16 and bfloat16 compute in float (as PyTorch does on the
 * CPU, rounding each result); the integer types and bool compute in long and wrap when stored.
 */
enum Domain {
    FLOAT, DOUBLE, LONG;

    static Domain of(DType dtype) {
        return switch (dtype) {
            case FLOAT32, FLOAT16, BFLOAT16 -> FLOAT;
            case FLOAT64 -> DOUBLE;
            default -> LONG;
        };
    }

    /** The dtype whose storage is the domain's array type directly (no conversion needed). */
    DType nativeType() {
        return switch (this) {
            case FLOAT -> DType.FLOAT32;
            case DOUBLE -> DType.FLOAT64;
            case LONG -> DType.INT64;
        };
    }
}
