package org.torch4j.spi;

/** Reductions along dimensions. */
public enum ReduceOp {
    /** The sum; float16/bfloat16 accumulate in float32, integers in int64 (see {@link Backend#reduce}). */
    SUM,
    /** The product, accumulated as {@link #SUM} is. */
    PROD,
    /** NaN-propagating maximum (amax). */
    MAX,
    /** NaN-propagating minimum (amin). */
    MIN,
    /** bool output: every element non-zero. */
    ALL,
    /** bool output: some element non-zero. */
    ANY
}
