package org.torch4j.spi;

/** How {@code scatter} combines a source value with the value already at its target. */
public enum ScatterReduce {
    /** Overwrite. */
    NONE,
    /** Adds to the target. */
    ADD,
    /** Multiplies the target. */
    MULTIPLY,
    /** Keeps the larger of target and source (NaN propagates). */
    AMAX,
    /** Keeps the smaller of target and source (NaN propagates). */
    AMIN
}
