package org.torch4j;

/**
 * The (values, indices) pair returned by {@code max(dim)}, {@code min(dim)}, {@code sort},
 * {@code topk} and friends, as PyTorch's named tuples.
 *
 * @param values  the selected values
 * @param indices their int64 positions along the dimension
 */
public record ValuesIndices(Tensor values, Tensor indices) {}
