package org.torch4j.spi;

/**
 * Elementwise unary primitives. The output has the input's dtype except for the predicates (bool).
 * Ops marked "float" are only called with floating inputs: the api promotes integral inputs first.
 * Parameters, where an op takes them, are passed in order in the kernel's {@code params} array.
 */
public enum UnaryOp {
    // any numeric dtype
    NEG, ABS, SIGN, RELU,
    FLOOR, CEIL, ROUND, TRUNC,
    /** params: min, max (NaN where a bound is absent). */
    CLAMP(2),
    /** integral and bool only. */
    BITWISE_NOT,
    // float
    FRAC,
    EXP, EXP2, EXPM1, LOG, LOG2, LOG10, LOG1P, SQRT, RSQRT, RECIPROCAL,
    SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH, ASINH, ACOSH, ATANH,
    SIGMOID, LOG_SIGMOID, ERF, ERFC, ERFINV, LGAMMA, DIGAMMA,
    /** polygamma(1, x), the derivative of digamma. */
    TRIGAMMA,
    /** params: the order n >= 0 (polygamma(n, x), the n-th derivative of digamma). */
    POLYGAMMA(1),
    GELU, GELU_TANH, SILU, MISH, HARDSIGMOID, HARDSWISH,
    /** params: beta, threshold. */
    SOFTPLUS(2),
    /** params: alpha, scale, input scale (ELU, SELU and CELU are all this op). */
    ELU(3),
    /** params: negative slope. */
    LEAKY_RELU(1),
    /** params: replacement for NaN, +inf, -inf. */
    NAN_TO_NUM(3),
    /** params: number of decimals (round half to even at that scale). */
    ROUND_DECIMALS(1),
    // predicates: any dtype in, bool out
    ISNAN(true), ISINF(true), ISPOSINF(true), ISNEGINF(true), ISFINITE(true), SIGNBIT(true), LOGICAL_NOT(true);

    private final int params;
    private final boolean predicate;

    UnaryOp() {
        this(0, false);
    }

    UnaryOp(int params) {
        this(params, false);
    }

    UnaryOp(boolean predicate) {
        this(0, predicate);
    }

    UnaryOp(int params, boolean predicate) {
        this.params = params;
        this.predicate = predicate;
    }

    /** The number of scalar parameters the op reads. */
    public int params() {
        return params;
    }

    /** True when the output is bool whatever the input. */
    public boolean isPredicate() {
        return predicate;
    }

    /** True for ops defined on floating values only. */
    public boolean isFloatOnly() {
        return ordinal() >= FRAC.ordinal() && !predicate;
    }
}
