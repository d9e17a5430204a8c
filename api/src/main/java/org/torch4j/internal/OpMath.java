package org.torch4j.internal;

import org.torch4j.DType;
import org.torch4j.Tensor;

/**
 * PyTorch's "opmath" rule for the normalisations: float16 and bfloat16 inputs are normalised in float32 (statistics,
 * arithmetic, the gradients' sums) and each result is rounded once to its dtype, and their per-channel parameters
 * may be float32 ("mixed", as autocast leaves a BatchNorm after a 16-bit convolution).
 */
public final class OpMath {
    private OpMath() {}

    /** The dtype {@code t}'s normalisations compute in: float32 for float16 and bfloat16, else {@code t}. */
    public static DType of(DType t) {
        return t == DType.FLOAT16 || t == DType.BFLOAT16 ? DType.FLOAT32 : t;
    }

    /** Whether {@code x} is 16-bit and each parameter (null: absent) is of its dtype or float32. */
    public static boolean reduced(Tensor x, Tensor... parameters) {
        if (of(x.dtype()) == x.dtype()) return false;
        for (Tensor p : parameters) {
            if (p != null && p.dtype() != x.dtype() && p.dtype() != DType.FLOAT32) return false;
        }
        return true;
    }

    /** {@code t} in float32 (null for null): a differentiable cast, so gradients reach {@code t} in its own dtype. */
    public static Tensor widened(Tensor t) {
        return t == null ? null : t.to(DType.FLOAT32);
    }
}
