package org.torch4j.spi;

/**
 * Elementwise binary primitives over two inputs of one dtype (the api promotes them first). The
 * output has that dtype, except for comparisons and logical ops (bool).
 */
public enum BinaryOp {
    /** params: alpha ({@code a + alpha * b}). */
    ADD(1),
    /** params: alpha ({@code a - alpha * b}). */
    SUB(1),
    MUL,
    /** true division; floating dtypes only. */
    DIV,
    DIV_TRUNC, DIV_FLOOR,
    /** Python's modulo: the result has the sign of the divisor. */
    REMAINDER,
    /** C's fmod: the result has the sign of the dividend. */
    FMOD,
    POW,
    /** NaN-propagating. */
    MAXIMUM, MINIMUM,
    /** NaN-ignoring. */
    FMAX, FMIN,
    ATAN2, HYPOT, COPYSIGN, XLOGY,
    EQ(true), NE(true), LT(true), LE(true), GT(true), GE(true),
    LOGICAL_AND(true), LOGICAL_OR(true), LOGICAL_XOR(true),
    /** integral and bool only. */
    BITWISE_AND, BITWISE_OR, BITWISE_XOR, SHIFT_LEFT, SHIFT_RIGHT;

    private final int params;
    private final boolean predicate;

    BinaryOp() {
        this(0, false);
    }

    BinaryOp(int params) {
        this(params, false);
    }

    BinaryOp(boolean predicate) {
        this(0, predicate);
    }

    BinaryOp(int params, boolean predicate) {
        this.params = params;
        this.predicate = predicate;
    }

    public int params() {
        return params;
    }

    /** True when the output is bool. */
    public boolean isPredicate() {
        return predicate;
    }
}
