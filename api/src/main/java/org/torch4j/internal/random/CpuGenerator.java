package org.torch4j.internal.random;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * PyTorch's {@code CPUGeneratorImpl}: an {@link MT19937} engine plus the cached second normal
 * samples ({@code next_float_normal_sample}, {@code next_double_normal_sample}) that PyTorch's
 * Box-Muller keeps between calls.
 *
 * <p>Thread safety follows PyTorch: the raw draws ({@link #random()}, {@link #random64()}) do not
 * lock; whoever fills a tensor holds {@link #lock()} for the whole fill (every {@link Sampling}
 * method does, and the lock is reentrant so a caller may hold it too).
 *
 * <p>{@link #getState()} returns the same 5056 bytes as {@code torch.get_rng_state()} (PyTorch's
 * {@code CPUGeneratorImplState}, little-endian), and {@link #setState(byte[])} accepts those and the
 * legacy 5048-byte form.
 */
public final class CpuGenerator {
    /** The seed of a fresh generator ({@code default_rng_seed_val}, what {@code torch.Generator()} has). */
    public static final long DEFAULT_SEED = 67280421310721L;
    /** Size of PyTorch's {@code CPUGeneratorImplState}. */
    public static final int STATE_SIZE = 5056;
    /** Size of PyTorch's {@code CPUGeneratorImplStateLegacy}. */
    public static final int LEGACY_STATE_SIZE = 5048;

    private static final SecureRandom NON_DETERMINISTIC = new SecureRandom();

    private final ReentrantLock lock = new ReentrantLock();
    private final MT19937 engine;
    private boolean hasFloatNormal;
    private float floatNormal;
    private boolean hasDoubleNormal;
    private double doubleNormal;

    /** A generator seeded with {@link #DEFAULT_SEED}, as {@code torch.Generator()}. */
    public CpuGenerator() {
        this(DEFAULT_SEED);
    }

    /** A generator seeded as {@code torch.Generator().manual_seed(seed)}; the seed is read as unsigned 64 bits. */
    public CpuGenerator(long seed) {
        engine = new MT19937(seed);
    }

    /** The lock PyTorch's kernels take ({@code generator->mutex_}); reentrant. */
    public ReentrantLock lock() {
        return lock;
    }

    /** 32 random bits ({@code CPUGeneratorImpl::random}); use {@link Integer#toUnsignedLong} for the value. */
    public int random() {
        return engine.nextInt();
    }

    /** {@code len} draws of {@link Sampling#nextFloat} into {@code out[off..off+len)}, in bulk. */
    public void unitFloats(float[] out, int off, int len) {
        engine.nextUnitFloats(out, off, len);
    }

    /** 64 random bits from two 32-bit draws, the first one high ({@code CPUGeneratorImpl::random64}). */
    public long random64() {
        long hi = engine.nextInt() & 0xffffffffL;
        long lo = engine.nextInt() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    /** Re-seeds and clears both cached normal samples ({@code set_current_seed}, {@code manual_seed}). */
    public CpuGenerator manualSeed(long seed) {
        lock.lock();
        try {
            hasFloatNormal = false;
            hasDoubleNormal = false;
            engine.reseed(seed);
            return this;
        } finally {
            lock.unlock();
        }
    }

    /** The seed last set, as unsigned 64 bits ({@code initial_seed()}). */
    public long initialSeed() {
        lock.lock();
        try {
            return engine.seed();
        } finally {
            lock.unlock();
        }
    }

    /** Re-seeds from a non-deterministic 64-bit source and returns that seed ({@code Generator.seed()}). */
    public long seed() {
        long s = NON_DETERMINISTIC.nextLong();
        manualSeed(s);
        return s;
    }

    /** An independent generator in the same state, caches included ({@code clone()}). */
    public CpuGenerator copy() {
        lock.lock();
        try {
            CpuGenerator c = new CpuGenerator(0);
            c.engine.copyFrom(engine);
            c.hasFloatNormal = hasFloatNormal;
            c.floatNormal = floatNormal;
            c.hasDoubleNormal = hasDoubleNormal;
            c.doubleNormal = doubleNormal;
            return c;
        } finally {
            lock.unlock();
        }
    }

    /** Makes this generator's state equal to {@code other}'s. */
    public void copyFrom(CpuGenerator other) {
        setState(other.getState());
    }

    /** A copy of the engine (for inspection). */
    public MT19937 engine() {
        return engine.copy();
    }

    // ---- the cached normal samples (maybe_get/maybe_set_next_*_normal_sample) ----

    /** Whether a double normal sample is cached ({@code next_double_normal_sample}). */
    public boolean hasNextDoubleNormalSample() {
        return hasDoubleNormal;
    }

    /** Takes the cached double normal sample (and clears the cache); check {@link #hasNextDoubleNormalSample()} first. */
    public double takeNextDoubleNormalSample() {
        hasDoubleNormal = false;
        return doubleNormal;
    }

    /** Caches a double normal sample for the next call. */
    public void setNextDoubleNormalSample(double v) {
        hasDoubleNormal = true;
        doubleNormal = v;
    }

    /** Whether a float normal sample is cached ({@code next_float_normal_sample}). */
    public boolean hasNextFloatNormalSample() {
        return hasFloatNormal;
    }

    /** Takes the cached float normal sample (and clears the cache). */
    public float takeNextFloatNormalSample() {
        hasFloatNormal = false;
        return floatNormal;
    }

    /** Caches a float normal sample for the next call. */
    public void setNextFloatNormalSample(float v) {
        hasFloatNormal = true;
        floatNormal = v;
    }

    // ---- serialisation in PyTorch's byte layout ----

    /** The state as {@code torch.get_rng_state()} gives it: 5056 bytes. */
    public byte[] getState() {
        lock.lock();
        try {
            ByteBuffer b = ByteBuffer.allocate(STATE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(engine.seed());
            b.putInt(engine.left());
            b.putInt(engine.seeded() ? 1 : 0);
            b.putLong(engine.next());
            for (int w : engine.stateWords()) b.putLong(w & 0xffffffffL);
            b.putDouble(0.0); // normal_x (unused since PyTorch 1.5)
            b.putDouble(hasDoubleNormal ? doubleNormal : 0.0); // normal_y
            b.putDouble(0.0); // normal_rho
            b.putInt(hasDoubleNormal ? 1 : 0);
            b.putInt(0); // padding
            b.putFloat(hasFloatNormal ? floatNormal : 0f);
            b.put((byte) (hasFloatNormal ? 1 : 0));
            return b.array();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Restores a state from {@link #getState()} or {@code torch.get_rng_state()} (5056 bytes), or from
     * PyTorch's legacy 5048-byte form, with PyTorch's checks.
     */
    public void setState(byte[] bytes) {
        if (bytes.length != STATE_SIZE && bytes.length != LEGACY_STATE_SIZE) {
            throw new IllegalArgumentException("Expected either a CPUGeneratorImplStateLegacy of size "
                    + LEGACY_STATE_SIZE + " or a CPUGeneratorImplState of size " + STATE_SIZE
                    + " but found the input RNG state size to be " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long seed = b.getLong(0);
        int left = b.getInt(8);
        boolean seeded = b.getInt(12) != 0;
        long next = b.getLong(16);
        int[] words = new int[MT19937.N];
        for (int i = 0; i < MT19937.N; i++) words[i] = (int) b.getLong(24 + 8 * i);
        double normalX = b.getDouble(5016);
        double normalY = b.getDouble(5024);
        double normalRho = b.getDouble(5032);
        boolean normalValid = b.getInt(5040) != 0;
        MT19937 e = MT19937.fromData(seed, left, seeded, (int) next, words);
        boolean hasD = false;
        double d = 0;
        boolean hasF = false;
        float f = 0;
        if (bytes.length == STATE_SIZE) {
            hasF = bytes[5052] != 0;
            f = b.getFloat(5048);
            hasD = normalValid;
            d = normalY;
        } else if (normalValid) {
            // The legacy form kept rho and the uniform x; the cached sample is the sine half.
            hasD = true;
            d = normalRho * Math.sin(2.0 * Math.PI * normalX);
        }
        lock.lock();
        try {
            engine.copyFrom(e);
            hasDoubleNormal = hasD;
            doubleNormal = d;
            hasFloatNormal = hasF;
            floatNormal = f;
        } finally {
            lock.unlock();
        }
    }
}
