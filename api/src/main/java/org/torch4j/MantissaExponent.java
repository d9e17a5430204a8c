package org.torch4j;

/**
 * The result of {@link Tensor#frexp()}: {@code x = mantissa * 2^exponent}, with |mantissa| in [0.5, 1).
 *
 * @param mantissa the mantissas, in the input's dtype
 * @param exponent the exponents, int32
 */
public record MantissaExponent(Tensor mantissa, Tensor exponent) {}
