package org.torch4j;

/**
 * The result of {@code std_mean}: the standard deviation and the mean over the same dims.
 *
 * @param std  the standard deviation
 * @param mean the mean
 */
public record StdMean(Tensor std, Tensor mean) {}
