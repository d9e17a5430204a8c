package org.torch4j;

/**
 * The result of {@code aminmax}, as PyTorch's named tuple.
 *
 * @param min the smallest values
 * @param max the largest values
 */
public record MinMax(Tensor min, Tensor max) {}
