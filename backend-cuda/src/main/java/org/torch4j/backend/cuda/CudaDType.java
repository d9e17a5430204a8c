package org.torch4j.backend.cuda;

import org.torch4j.DType;

/** How dtypes are named in kernel symbols and which accumulator type sums and scans use. */
final class CudaDType {
    private CudaDType() {}

    /** The suffix of a dtype's kernels, as in {@code FOR_ALL_DTYPES} of {@code common.cuh}. */
    static String suffix(DType t) {
        return switch (t) {
            case FLOAT32 -> "f32";
            case FLOAT64 -> "f64";
            case FLOAT16 -> "f16";
            case BFLOAT16 -> "bf16";
            case INT64 -> "i64";
            case INT32 -> "i32";
            case INT16 -> "i16";
            case INT8 -> "i8";
            case UINT8 -> "u8";
            case BOOL -> "b8";
            // never reached: the api gives backends the real storage of a complex tensor, never its dtype
            case COMPLEX64, COMPLEX128 -> throw new IllegalArgumentException("the CUDA backend has no kernels for " + t);
        };
    }

    /** {@code Acc<T>} of {@code common.cuh}: float32 for the 32- and 16-bit floats, float64, else int64. */
    static DType accumulator(DType t) {
        return switch (t) {
            case FLOAT32, FLOAT16, BFLOAT16 -> DType.FLOAT32;
            case FLOAT64 -> DType.FLOAT64;
            default -> DType.INT64;
        };
    }
}
