package org.torch4j.spi;

/** How {@code scatter} combines a source value with the value already at its target. */
public enum ScatterReduce {
    /** Overwrite. */
    NONE, ADD, MULTIPLY, AMAX, AMIN
}
