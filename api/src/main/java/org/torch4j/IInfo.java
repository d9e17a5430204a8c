package org.torch4j;

import org.torch4j.internal.CppDouble;

/**
 * The range of an integer dtype, as {@code torch.iinfo} reports it.
 *
 * @param bits  the bits the type occupies
 * @param max   the largest value
 * @param min   the smallest value
 * @param dtype the dtype described
 */
public record IInfo(int bits, long max, long min, DType dtype) {

    /**
     * {@code torch.iinfo(dtype)}.
     *
     * @throws IllegalArgumentException for bool (PyTorch 1.13 refuses it) and for floating or complex
     *     dtypes (PyTorch's TypeError, same messages)
     */
    static IInfo of(DType d) {
        if (d == DType.BOOL) throw new IllegalArgumentException("torch.bool is not supported by torch.iinfo");
        if (!d.isIntegral(false)) {
            throw new IllegalArgumentException("torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'");
        }
        int bits = 8 * d.itemSize();
        if (d == DType.UINT8) return new IInfo(bits, 255, 0, d);
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        return new IInfo(bits, max, -max - 1, d);
    }

    /** PyTorch's repr, e.g. {@code iinfo(min=-128, max=127, dtype=int8)} (C++ writes the bounds as doubles). */
    @Override
    public String toString() {
        return "iinfo(min=" + CppDouble.format(min) + ", max=" + CppDouble.format(max) + ", dtype=" + dtype.torchName() + ")";
    }
}
