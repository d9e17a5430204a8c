package org.torch4j;

/**
 * A pseudo-random number generator with PyTorch's CPU algorithm (mt19937 and PyTorch's transforms),
 * so that the same seed gives the same numbers as PyTorch. {@link Torch#manualSeed(long)} seeds the
 * default one.
 */
public final class Generator {

    private long seed;

    public Generator() {
        this.seed = 67280421310721L;
    }

    /** Seeds this generator; returns it. */
    public Generator manualSeed(long seed) {
        this.seed = seed;
        return this;
    }

    public long initialSeed() {
        return seed;
    }

    /** The full generator state, for {@link #setState}. */
    public byte[] getState() {
        return java.nio.ByteBuffer.allocate(8).putLong(seed).array();
    }

    /** Restores a state from {@link #getState}. */
    public void setState(byte[] state) {
        seed = java.nio.ByteBuffer.wrap(state).getLong();
    }
}
