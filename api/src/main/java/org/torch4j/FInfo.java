package org.torch4j;

import org.torch4j.internal.CppDouble;

/**
 * The numerical properties of a floating dtype, as {@code torch.finfo} reports them; a complex dtype
 * reports those of its real type ({@code torch.finfo(torch.complex64).dtype} is float32).
 *
 * @param bits           the bits the type occupies
 * @param eps            the gap between 1 and the next representable value
 * @param max            the largest finite value
 * @param min            the most negative finite value ({@code -max})
 * @param tiny           the smallest positive normal value (same as {@code smallestNormal})
 * @param smallestNormal the smallest positive normal value
 * @param resolution     the approximate decimal resolution, {@code 10^-digits10}
 * @param dtype          the (real) dtype described
 */
public record FInfo(int bits, double eps, double max, double min, double tiny, double smallestNormal, double resolution,
        DType dtype) {

    /**
     * {@code torch.finfo(dtype)}.
     *
     * @throws IllegalArgumentException for a bool or integer dtype (PyTorch's TypeError, same message)
     */
    static FInfo of(DType d) {
        if (!d.isFloatingPoint() && !d.isComplex()) {
            throw new IllegalArgumentException("torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'");
        }
        return switch (d.toReal()) {
            case FLOAT16 -> info(16, 0x1p-10, 65504, 0x1p-14, 3, DType.FLOAT16);
            // bfloat16: float32's exponent range with 8 significant bits
            case BFLOAT16 -> info(16, 0x1p-7, 0x1.fep127, 0x1p-126, 2, DType.BFLOAT16);
            case FLOAT32 -> info(32, Math.ulp(1.0f), Float.MAX_VALUE, Float.MIN_NORMAL, 6, DType.FLOAT32);
            default -> info(64, Math.ulp(1.0), Double.MAX_VALUE, Double.MIN_NORMAL, 15, DType.FLOAT64);
        };
    }

    private static FInfo info(int bits, double eps, double max, double tiny, int digits10, DType dtype) {
        return new FInfo(bits, eps, max, -max, tiny, tiny, Math.pow(10, -digits10), dtype);
    }

    /** PyTorch's repr, e.g. {@code finfo(resolution=1e-06, min=-3.40282e+38, ..., dtype=float32)}. */
    @Override
    public String toString() {
        return "finfo(resolution=" + CppDouble.format(resolution) + ", min=" + CppDouble.format(min) + ", max="
                + CppDouble.format(max) + ", eps=" + CppDouble.format(eps) + ", smallest_normal="
                + CppDouble.format(smallestNormal) + ", tiny=" + CppDouble.format(tiny) + ", dtype=" + dtype.torchName() + ")";
    }
}
