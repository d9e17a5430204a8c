package org.torch4j.spi;

/** Reductions along dimensions. */
public enum ReduceOp {
    SUM, PROD,
    /** NaN-propagating maximum (amax). */
    MAX,
    /** NaN-propagating minimum (amin). */
    MIN,
    /** bool output: every element non-zero. */
    ALL,
    /** bool output: some element non-zero. */
    ANY
}
