package org.torch4j;

import java.util.Locale;

/**
 * The element type of a tensor, with PyTorch's names ({@code torch.float32} is {@link #FLOAT32}).
 *
 * <p>Half-precision types ({@link #FLOAT16}, {@link #BFLOAT16}) are stored as 16-bit patterns and
 * computed in float32, rounding each result, as PyTorch does on the CPU.
 *
 * <p>Complex types ({@link #COMPLEX64}, {@link #COMPLEX128}) exist only in the api: a complex tensor's
 * storage is a real one ({@link #toReal()}) holding interleaved (re, im) pairs, and every complex op
 * is written over its real view (see {@code docs/complex.md}). Backends never see a complex dtype.
 */
public enum DType {
    /** {@code torch.bool}: true or false, stored as one byte (0 or 1). */
    BOOL("bool", 1, Kind.BOOL),
    /** {@code torch.uint8}: unsigned 8-bit integers, 0 to 255. */
    UINT8("uint8", 1, Kind.INTEGRAL),
    /** {@code torch.int8}: signed 8-bit integers. */
    INT8("int8", 1, Kind.INTEGRAL),
    /** {@code torch.int16}, also {@code torch.short}. */
    INT16("int16", 2, Kind.INTEGRAL),
    /** {@code torch.int32}, also {@code torch.int}. */
    INT32("int32", 4, Kind.INTEGRAL),
    /** {@code torch.int64}, also {@code torch.long}: the dtype of indices and of integer literals. */
    INT64("int64", 8, Kind.INTEGRAL),
    /** {@code torch.float16}, also {@code torch.half}: IEEE half precision, computed in float32. */
    FLOAT16("float16", 2, Kind.FLOATING),
    /** {@code torch.bfloat16}: float32's exponent with a 7-bit mantissa, computed in float32. */
    BFLOAT16("bfloat16", 2, Kind.FLOATING),
    /** {@code torch.float32}, also {@code torch.float}: the default floating dtype. */
    FLOAT32("float32", 4, Kind.FLOATING),
    /** {@code torch.float64}, also {@code torch.double}. */
    FLOAT64("float64", 8, Kind.FLOATING),
    /** Two float32 (real, imaginary): {@code torch.complex64}, also {@code torch.cfloat}. */
    COMPLEX64("complex64", 8, Kind.COMPLEX),
    /** Two float64 (real, imaginary): {@code torch.complex128}, also {@code torch.cdouble}. */
    COMPLEX128("complex128", 16, Kind.COMPLEX);

    /** The categories PyTorch's type promotion orders: bool &lt; integral &lt; floating &lt; complex. */
    public enum Kind {
        /** {@link DType#BOOL}. */
        BOOL,
        /** The signed and unsigned integer types. */
        INTEGRAL,
        /** The real floating types, half precision included. */
        FLOATING,
        /** {@link DType#COMPLEX64} and {@link DType#COMPLEX128}. */
        COMPLEX
    }

    private final String torchName;
    private final int itemSize;
    private final Kind kind;

    DType(String torchName, int itemSize, Kind kind) {
        this.torchName = torchName;
        this.itemSize = itemSize;
        this.kind = kind;
    }

    /** PyTorch's name without the {@code torch.} prefix, e.g. {@code "float32"}. */
    public String torchName() {
        return torchName;
    }

    /** Bytes per element ({@code element_size()} in PyTorch). */
    public int itemSize() {
        return itemSize;
    }

    /** The promotion category (bool, integral, floating or complex). */
    public Kind kind() {
        return kind;
    }

    /** True for the real floating types (PyTorch's {@code is_floating_point}: false for complex). */
    public boolean isFloatingPoint() {
        return kind == Kind.FLOATING;
    }

    /** True for {@link #COMPLEX64} and {@link #COMPLEX128}. */
    public boolean isComplex() {
        return kind == Kind.COMPLEX;
    }

    /**
     * The type of one component: float32 for complex64, float64 for complex128, this type for the
     * others (PyTorch's {@code toRealValueType}).
     */
    public DType toReal() {
        return switch (this) {
            case COMPLEX64 -> FLOAT32;
            case COMPLEX128 -> FLOAT64;
            default -> this;
        };
    }

    /**
     * The complex type with this type's components, as PyTorch's {@code toComplexType}: complex64 for
     * float32 and bfloat16, complex128 for float64, this type for a complex one. PyTorch's error for
     * integral types; float16 would give complex32, which torch4j does not have.
     */
    public DType toComplex() {
        return switch (this) {
            case FLOAT32, BFLOAT16, COMPLEX64 -> COMPLEX64;
            case FLOAT64, COMPLEX128 -> COMPLEX128;
            case FLOAT16 -> throw new IllegalArgumentException("complex32 (ComplexHalf), the complex type of Half, is not supported");
            default -> throw new IllegalArgumentException("Unknown Complex ScalarType for " + Printer.cppName(this));
        };
    }

    /** True for the integral types and bool, which PyTorch groups together in promotion. */
    public boolean isIntegral(boolean includeBool) {
        return kind == Kind.INTEGRAL || (includeBool && kind == Kind.BOOL);
    }

    /** False for bool and uint8, true for the others (complex included, as PyTorch). */
    public boolean isSigned() {
        return this != BOOL && this != UINT8;
    }

    /**
     * Looks a dtype up by PyTorch's name ({@code "float32"}, {@code "torch.float"}, {@code "long"},
     * {@code "complex64"}, {@code "cfloat"}, {@code "cdouble"}, ...).
     */
    public static DType of(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("torch.")) n = n.substring(6);
        return switch (n) {
            case "float", "float32" -> FLOAT32;
            case "double", "float64" -> FLOAT64;
            case "half", "float16" -> FLOAT16;
            case "bfloat16" -> BFLOAT16;
            case "long", "int64" -> INT64;
            case "int", "int32" -> INT32;
            case "short", "int16" -> INT16;
            case "int8" -> INT8;
            case "uint8" -> UINT8;
            case "bool" -> BOOL;
            case "cfloat", "complex64" -> COMPLEX64;
            case "cdouble", "complex128" -> COMPLEX128;
            default -> throw new IllegalArgumentException("unknown dtype: " + name);
        };
    }

    /** {@code torch.} and PyTorch's name, as PyTorch prints a dtype. */
    @Override
    public String toString() {
        return "torch." + torchName;
    }
}
