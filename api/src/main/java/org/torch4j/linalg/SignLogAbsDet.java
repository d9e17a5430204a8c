package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The result of {@link Linalg#slogdet}: {@code det(A) = sign * exp(logabsdet)}; a singular matrix has sign 0
 * and logabsdet {@code -inf}. Only {@code logabsdet} is differentiable.
 *
 * @param sign -1, 0 or 1 per matrix
 * @param logabsdet the natural logarithm of {@code |det(A)|}
 */
public record SignLogAbsDet(Tensor sign, Tensor logabsdet) {}
