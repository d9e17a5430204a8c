package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The result of {@link Linalg#choleskyEx}: the factor and LAPACK's int32 {@code info} per matrix (0, or the
 * order of the leading minor that is not positive-definite; the factor is then only partly computed).
 */
public record CholeskyEx(Tensor l, Tensor info) {}
