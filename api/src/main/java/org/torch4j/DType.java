package org.torch4j;

import java.util.Locale;

/**
 * The element type of a tensor, with PyTorch's names ({@code torch.float32} is {@link #FLOAT32}).
 *
 * <p>Half-precision types ({@link #FLOAT16}, {@link #BFLOAT16}) are stored as 16-bit patterns and
 * computed in float32, rounding each result, as PyTorch does on the CPU.
 */
public enum DType {
    BOOL("bool", 1, Kind.BOOL),
    UINT8("uint8", 1, Kind.INTEGRAL),
    INT8("int8", 1, Kind.INTEGRAL),
    INT16("int16", 2, Kind.INTEGRAL),
    INT32("int32", 4, Kind.INTEGRAL),
    INT64("int64", 8, Kind.INTEGRAL),
    FLOAT16("float16", 2, Kind.FLOATING),
    BFLOAT16("bfloat16", 2, Kind.FLOATING),
    FLOAT32("float32", 4, Kind.FLOATING),
    FLOAT64("float64", 8, Kind.FLOATING);

    /** The three categories PyTorch's type promotion distinguishes. */
    public enum Kind { BOOL, INTEGRAL, FLOATING }

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

    public Kind kind() {
        return kind;
    }

    public boolean isFloatingPoint() {
        return kind == Kind.FLOATING;
    }

    /** True for the integral types and bool, which PyTorch groups together in promotion. */
    public boolean isIntegral(boolean includeBool) {
        return kind == Kind.INTEGRAL || (includeBool && kind == Kind.BOOL);
    }

    public boolean isSigned() {
        return this != BOOL && this != UINT8;
    }

    /** Looks a dtype up by PyTorch's name ({@code "float32"}, {@code "torch.float"}, {@code "long"}, ...). */
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
            default -> throw new IllegalArgumentException("unknown dtype: " + name);
        };
    }

    @Override
    public String toString() {
        return "torch." + torchName;
    }
}
