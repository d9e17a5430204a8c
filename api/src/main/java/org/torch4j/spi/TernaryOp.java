package org.torch4j.spi;

/** Elementwise ternary primitives. */
public enum TernaryOp {
    /** {@code cond ? a : b}; the first input is bool, the others and the output share a dtype. */
    WHERE(0),
    /** {@code start + weight * (end - start)}, in PyTorch's two-sided form for accuracy. */
    LERP(0),
    /** params: value ({@code self + value * t1 * t2}). */
    ADDCMUL(1),
    /** params: value ({@code self + value * t1 / t2}). */
    ADDCDIV(1),
    /** {@code min(max(x, lo), hi)} with tensor bounds; NaN in x propagates. */
    CLAMP(0);

    private final int params;

    TernaryOp(int params) {
        this.params = params;
    }

    /** The number of scalar parameters the op reads from the kernel's {@code params} array. */
    public int params() {
        return params;
    }
}
