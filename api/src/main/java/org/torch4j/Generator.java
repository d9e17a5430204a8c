package org.torch4j;

import org.torch4j.internal.random.CpuGenerator;

/**
 * A pseudo-random number generator with PyTorch's CPU algorithm (mt19937 and PyTorch's transforms),
 * so that the same seed gives the same numbers as PyTorch 1.13 ({@code torch.Generator}).
 * {@link Torch#manualSeed(long)} seeds the default one. Safe to share between threads.
 */
public final class Generator {

    private final CpuGenerator engine;

    /** A generator with PyTorch's default seed (67280421310721), as {@code torch.Generator()}. */
    public Generator() {
        this.engine = new CpuGenerator();
    }

    /** Seeds this generator; returns it. */
    public Generator manualSeed(long seed) {
        engine.manualSeed(seed);
        return this;
    }

    /** The seed this generator started from (unsigned 64-bit, as PyTorch reports it). */
    public long initialSeed() {
        return engine.initialSeed();
    }

    /** Reseeds from a non-deterministic source and returns the new seed. */
    public long seed() {
        return engine.seed();
    }

    /** The full state, in the byte layout of {@code torch.get_rng_state()}. */
    public byte[] getState() {
        return engine.getState();
    }

    /** Restores a state from {@link #getState()} or from PyTorch's {@code get_rng_state()} bytes. */
    public void setState(byte[] state) {
        engine.setState(state);
    }

    CpuGenerator engine() {
        org.torch4j.internal.RandomDraws.drawing(this); // lets func's vmap see random ops (its randomness modes)
        return engine;
    }
}
