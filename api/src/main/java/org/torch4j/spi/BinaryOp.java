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
    /** {@code a * b}. */
    MUL,
    /** true division; floating dtypes only. */
    DIV,
    /** Division rounded toward zero ({@code rounding_mode='trunc'}); integer division by zero throws. */
    DIV_TRUNC,
    /** Division rounded toward negative infinity ({@code rounding_mode='floor'}, Python's {@code //}). */
    DIV_FLOOR,
    /** Python's modulo: the result has the sign of the divisor. */
    REMAINDER,
    /** C's fmod: the result has the sign of the dividend. */
    FMOD,
    /** {@code a} to the power {@code b}. */
    POW,
    /** NaN-propagating. */
    MAXIMUM,
    /** NaN-propagating. */
    MINIMUM,
    /** NaN-ignoring. */
    FMAX,
    /** NaN-ignoring. */
    FMIN,
    /** The angle of the point {@code (b, a)}: {@code atan2(a, b)}, in radians. */
    ATAN2,
    /** {@code sqrt(a^2 + b^2)} without intermediate overflow. */
    HYPOT,
    /** The magnitude of {@code a} with the sign of {@code b}. */
    COPYSIGN,
    /** {@code a * log(b)}, with 0 where {@code a} is 0 (unless b is NaN). */
    XLOGY,
    /** {@code a == b}. */
    EQ(true),
    /** {@code a != b}. */
    NE(true),
    /** {@code a < b}. */
    LT(true),
    /** {@code a <= b}. */
    LE(true),
    /** {@code a > b}. */
    GT(true),
    /** {@code a >= b}. */
    GE(true),
    /** Both non-zero. */
    LOGICAL_AND(true),
    /** Either non-zero. */
    LOGICAL_OR(true),
    /** Exactly one non-zero. */
    LOGICAL_XOR(true),
    /** integral and bool only. */
    BITWISE_AND,
    /** integral and bool only. */
    BITWISE_OR,
    /** integral and bool only. */
    BITWISE_XOR,
    /** {@code a << b}; integral only. */
    SHIFT_LEFT,
    /** {@code a >> b}, arithmetic (sign-extending); integral only. */
    SHIFT_RIGHT;

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

    /** The number of scalar parameters the op reads from the kernel's {@code params} array. */
    public int params() {
        return params;
    }

    /** True when the output is bool. */
    public boolean isPredicate() {
        return predicate;
    }
}
