package org.torch4j.spi;

/**
 * Elementwise unary primitives. The output has the input's dtype except for the predicates (bool).
 * Ops marked "float" are only called with floating inputs: the api promotes integral inputs first.
 * Parameters, where an op takes them, are passed in order in the kernel's {@code params} array.
 */
public enum UnaryOp {
    // any numeric dtype
    /** {@code -x}. */
    NEG,
    /** {@code |x|}. */
    ABS,
    /** -1, 0 or 1 by the sign of x; 0 for NaN, as {@code torch.sign}. */
    SIGN,
    /** {@code max(x, 0)}. */
    RELU,
    /** Rounds toward negative infinity (the identity on integers). */
    FLOOR,
    /** Rounds toward positive infinity (the identity on integers). */
    CEIL,
    /** Rounds to the nearest integer, halves to even ({@code torch.round}). */
    ROUND,
    /** Rounds toward zero (the identity on integers). */
    TRUNC,
    /** params: min, max (NaN where a bound is absent). */
    CLAMP(2),
    /** integral and bool only. */
    BITWISE_NOT,
    // float
    /** The fractional part, {@code x - trunc(x)}, with x's sign. */
    FRAC,
    /** {@code e^x}. */
    EXP,
    /** {@code 2^x}. */
    EXP2,
    /** {@code e^x - 1}, accurate near 0. */
    EXPM1,
    /** The natural logarithm. */
    LOG,
    /** The base-2 logarithm. */
    LOG2,
    /** The base-10 logarithm. */
    LOG10,
    /** {@code log(1 + x)}, accurate near 0. */
    LOG1P,
    /** The square root (NaN below 0). */
    SQRT,
    /** {@code 1 / sqrt(x)}. */
    RSQRT,
    /** {@code 1 / x}. */
    RECIPROCAL,
    /** The sine (radians). */
    SIN,
    /** The cosine (radians). */
    COS,
    /** The tangent (radians). */
    TAN,
    /** The arcsine. */
    ASIN,
    /** The arccosine. */
    ACOS,
    /** The arctangent. */
    ATAN,
    /** The hyperbolic sine. */
    SINH,
    /** The hyperbolic cosine. */
    COSH,
    /** The hyperbolic tangent. */
    TANH,
    /** The inverse hyperbolic sine. */
    ASINH,
    /** The inverse hyperbolic cosine. */
    ACOSH,
    /** The inverse hyperbolic tangent. */
    ATANH,
    /** The logistic function {@code 1 / (1 + e^-x)}. */
    SIGMOID,
    /** {@code log(sigmoid(x))}, without overflow for large negative x. */
    LOG_SIGMOID,
    /** The error function. */
    ERF,
    /** The complementary error function {@code 1 - erf(x)}, accurate for large x. */
    ERFC,
    /** The inverse of {@code erf} on (-1, 1). */
    ERFINV,
    /** The logarithm of the absolute value of the gamma function. */
    LGAMMA,
    /** The digamma function, the derivative of {@code lgamma}. */
    DIGAMMA,
    /** polygamma(1, x), the derivative of digamma. */
    TRIGAMMA,
    /** params: the order n >= 0 (polygamma(n, x), the n-th derivative of digamma). */
    POLYGAMMA(1),
    /** The exact GELU, {@code x * Phi(x)} with the normal CDF ({@code approximate='none'}). */
    GELU,
    /** GELU with PyTorch's tanh approximation ({@code approximate='tanh'}). */
    GELU_TANH,
    /** {@code x * sigmoid(x)} (SiLU, swish). */
    SILU,
    /** {@code x * tanh(softplus(x))}. */
    MISH,
    /** {@code relu6(x + 3) / 6}. */
    HARDSIGMOID,
    /** {@code x * relu6(x + 3) / 6}. */
    HARDSWISH,
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
    /** True where x is NaN. */
    ISNAN(true),
    /** True where x is plus or minus infinity. */
    ISINF(true),
    /** True where x is plus infinity. */
    ISPOSINF(true),
    /** True where x is minus infinity. */
    ISNEGINF(true),
    /** True where x is neither NaN nor infinite (always true for integers). */
    ISFINITE(true),
    /** True where the sign bit is set (also for -0.0 and negative NaN). */
    SIGNBIT(true),
    /** True where x is zero. */
    LOGICAL_NOT(true);

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
