package org.torch4j;

/**
 * The result of {@code histogram}, as PyTorch's named tuple.
 *
 * @param hist     the count (or summed weight, or density) of each bin
 * @param binEdges the {@code bins + 1} edges of the bins
 */
public record Histogram(Tensor hist, Tensor binEdges) {}
