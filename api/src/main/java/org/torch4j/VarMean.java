package org.torch4j;

/**
 * The result of {@code var_mean}: the variance and the mean over the same dims.
 *
 * @param var  the variance
 * @param mean the mean
 */
public record VarMean(Tensor var, Tensor mean) {}
