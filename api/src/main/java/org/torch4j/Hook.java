package org.torch4j;

/** A registered hook; {@link #remove()} unregisters it ({@code RemovableHandle} in PyTorch). */
@FunctionalInterface
public interface Hook {
    /** Unregisters the hook, so that it no longer runs. */
    void remove();
}
