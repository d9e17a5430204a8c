package org.torch4j.quantization;

import org.torch4j.Tensor;

/**
 * The quantization parameters an observer computes ({@code calculate_qparams()}'s tuple).
 *
 * @param scale the float32 scales: shape [1] per tensor, one per channel per channel
 * @param zeroPoint the zero points, of PyTorch's dtype for the scheme (int32 for affine, int64 for symmetric, float32
 *     for float qparams)
 */
public record QParams(Tensor scale, Tensor zeroPoint) {}
