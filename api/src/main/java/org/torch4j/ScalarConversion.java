package org.torch4j;

/**
 * PyTorch's checked conversion of a Python number stored into a tensor ({@code fill_}, {@code masked_fill},
 * {@code full}, {@code x[i] = v}, {@code scatter} and {@code index_fill} with a value): a number the dtype cannot
 * hold is an error, where arithmetic with the same number wraps. Integers may be negative for an unsigned dtype
 * down to minus its maximum (-1 is 255 in uint8); a fractional or non-finite number must lie within an integral
 * dtype's range; infinities and NaN fit every floating dtype.
 */
final class ScalarConversion {
    private ScalarConversion() {}

    /** Throws PyTorch's error when {@code v} overflows {@code to} (the bounds are torch.finfo's and torch.iinfo's). */
    static void check(double v, DType to) {
        if (to == DType.BOOL || to == DType.FLOAT64 || to.isComplex()) return;
        boolean overflows;
        if (to.isFloatingPoint()) {
            overflows = Double.isFinite(v) && Math.abs(v) > FInfo.of(to).max();
        } else {
            IInfo range = IInfo.of(to); // (int64's maximum is 2^63 as a double: 2^63 itself overflows)
            overflows = !(v >= range.min() && v <= range.max()) || to == DType.INT64 && v >= 0x1p63;
        }
        if (overflows) throw overflow(to);
    }

    /**
     * {@link #check(double, DType)} for the ops whose Java form takes only a double ({@code maskedFill},
     * {@code scatter}, {@code indexFill}, {@code indexPut_} with a value): Java widens an int literal to it, so
     * a whole number takes the integer rule there (-1 fills a uint8 tensor with 255).
     */
    static void checkNumber(double v, DType to) {
        if (!to.isFloatingPoint() && v == Math.rint(v) && Math.abs(v) < 0x1p63) check((long) v, to);
        else check(v, to);
    }

    /** Throws PyTorch's error when the integer {@code v} overflows {@code to}. */
    static void check(long v, DType to) {
        if (to.isFloatingPoint() || to.isComplex()) {
            check((double) v, to);
            return;
        }
        boolean overflows = switch (to) {
            case BOOL, INT64 -> false;
            case UINT8 -> v > 255 || v < -255;
            default -> v < IInfo.of(to).min() || v > IInfo.of(to).max();
        };
        if (overflows) throw overflow(to);
    }

    private static IllegalArgumentException overflow(DType t) {
        String name = switch (t) {
            case FLOAT16 -> "at::Half";
            case BFLOAT16 -> "at::BFloat16";
            case FLOAT32 -> "float";
            case INT32 -> "int";
            case INT16 -> "int16_t";
            case INT8 -> "int8_t";
            case UINT8 -> "uint8_t";
            default -> "int64_t";
        };
        return new IllegalArgumentException("value cannot be converted to type " + name + " without overflow");
    }
}
