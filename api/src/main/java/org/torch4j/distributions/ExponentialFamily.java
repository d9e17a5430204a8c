package org.torch4j.distributions;

/**
 * Marks the distributions that PyTorch derives from {@code ExponentialFamily}: {@link KL} reports a
 * pair of two different ones that has no registered formula with PyTorch's Bregman-divergence message.
 */
interface ExponentialFamily {}
