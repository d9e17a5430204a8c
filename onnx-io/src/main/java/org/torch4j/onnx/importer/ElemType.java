package org.torch4j.onnx.importer;

import org.torch4j.DType;

/** ONNX's {@code TensorProto.DataType} codes and the torch4j dtypes that hold them. */
public final class ElemType {
    private ElemType() {}

    public static final int FLOAT = 1, UINT8 = 2, INT8 = 3, UINT16 = 4, INT16 = 5, INT32 = 6, INT64 = 7,
            STRING = 8, BOOL = 9, FLOAT16 = 10, DOUBLE = 11, UINT32 = 12, UINT64 = 13, COMPLEX64 = 14,
            COMPLEX128 = 15, BFLOAT16 = 16;

    /**
     * The dtype for an ONNX element type; unsigned 16/32/64-bit (see {@link #storage}), strings and
     * complex have none.
     */
    public static DType toDType(int code) {
        return switch (code) {
            case FLOAT -> DType.FLOAT32;
            case UINT8 -> DType.UINT8;
            case INT8 -> DType.INT8;
            case INT16 -> DType.INT16;
            case INT32 -> DType.INT32;
            case INT64 -> DType.INT64;
            case BOOL -> DType.BOOL;
            case FLOAT16 -> DType.FLOAT16;
            case DOUBLE -> DType.FLOAT64;
            case BFLOAT16 -> DType.BFLOAT16;
            default -> throw new UnsupportedOperationException("ONNX element type " + name(code) + " has no torch4j dtype");
        };
    }

    /** True when {@link #toDType} accepts the code. */
    public static boolean supported(int code) {
        return switch (code) {
            case FLOAT, UINT8, INT8, INT16, INT32, INT64, BOOL, FLOAT16, DOUBLE, BFLOAT16 -> true;
            default -> false;
        };
    }

    /**
     * True for uint16, uint32 and uint64, which torch4j holds in a wider or same-width signed dtype
     * ({@link #storage}) as {@link UnsignedTensor}s: their values need unsigned semantics that the
     * dtype alone does not carry. (uint8 has its own dtype.)
     */
    public static boolean isWideUnsigned(int code) {
        return code == UINT16 || code == UINT32 || code == UINT64;
    }

    /**
     * The dtype that holds an element type: {@link #toDType} for those with a dtype of their own;
     * uint16 in INT32 and uint32 in INT64 (the same values), uint64 in INT64 (the same 64 bits, two's
     * complement: values from 2^63 on read as negative).
     */
    public static DType storage(int code) {
        return switch (code) {
            case UINT16 -> DType.INT32;
            case UINT32, UINT64 -> DType.INT64;
            default -> toDType(code);
        };
    }

    /** The number of value bits of a wide unsigned type: 16, 32 or 64. */
    public static int bits(int code) {
        return switch (code) {
            case UINT16 -> 16;
            case UINT32 -> 32;
            case UINT64 -> 64;
            default -> throw new IllegalArgumentException(name(code) + " is not a wide unsigned type");
        };
    }

    /** True when {@link #storage} accepts the code: {@link #supported} ones and the wide unsigned types. */
    public static boolean holdable(int code) {
        return supported(code) || isWideUnsigned(code);
    }

    public static int fromDType(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> FLOAT;
            case UINT8 -> UINT8;
            case INT8 -> INT8;
            case INT16 -> INT16;
            case INT32 -> INT32;
            case INT64 -> INT64;
            case BOOL -> BOOL;
            case FLOAT16 -> FLOAT16;
            case FLOAT64 -> DOUBLE;
            case BFLOAT16 -> BFLOAT16;
            case COMPLEX64, COMPLEX128 -> throw new UnsupportedOperationException("ONNX import and export do not support complex "
                    + "tensors (" + dtype + ")");
        };
    }

    /** ONNX's spelling of a type code, e.g. {@code "uint16"}. */
    public static String name(int code) {
        return switch (code) {
            case FLOAT -> "float";
            case UINT8 -> "uint8";
            case INT8 -> "int8";
            case UINT16 -> "uint16";
            case INT16 -> "int16";
            case INT32 -> "int32";
            case INT64 -> "int64";
            case STRING -> "string";
            case BOOL -> "bool";
            case FLOAT16 -> "float16";
            case DOUBLE -> "double";
            case UINT32 -> "uint32";
            case UINT64 -> "uint64";
            case COMPLEX64 -> "complex64";
            case COMPLEX128 -> "complex128";
            case BFLOAT16 -> "bfloat16";
            default -> "type " + code;
        };
    }
}
