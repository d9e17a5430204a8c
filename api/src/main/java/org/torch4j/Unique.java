package org.torch4j;

/**
 * The result of {@link Tensor#unique(boolean, boolean)}.
 *
 * @param values  the sorted distinct values
 * @param inverse for each input element, the index of its value in {@code values} (null unless asked)
 * @param counts  how often each value occurs (null unless asked)
 */
public record Unique(Tensor values, Tensor inverse, Tensor counts) {}
