package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The result of {@link Linalg#invEx}: the inverse and LAPACK's int32 {@code info} per matrix (0, or the
 * 1-based index of the zero diagonal element of U of a singular matrix, whose "inverse" then holds
 * infinities and NaNs).
 *
 * @param inverse the inverses, shaped as the input
 * @param info    int32, one per matrix of the batch (the batch shape)
 */
public record InvEx(Tensor inverse, Tensor info) {}
