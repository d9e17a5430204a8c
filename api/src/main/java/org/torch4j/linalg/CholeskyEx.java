package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The result of {@link Linalg#choleskyEx}: the factor and LAPACK's int32 {@code info} per matrix (0, or the
 * order of the leading minor that is not positive-definite; the factor is then only partly computed).
 *
 * @param l    the lower (or, when asked for, upper) triangular factor, shaped as the input
 * @param info int32, one per matrix of the batch (the batch shape)
 */
public record CholeskyEx(Tensor l, Tensor info) {}
