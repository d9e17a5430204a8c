package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The result of {@link Linalg#invEx}: the inverse and LAPACK's int32 {@code info} per matrix (0, or the
 * 1-based index of the zero diagonal element of U of a singular matrix, whose "inverse" then holds
 * infinities and NaNs).
 */
public record InvEx(Tensor inverse, Tensor info) {}
