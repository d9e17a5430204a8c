package org.torch4j.internal.random;

import java.util.Arrays;

/**
 * The 32-bit Mersenne Twister as PyTorch's {@code at::mt19937} runs it: the same outputs as
 * {@code std::mt19937}, seeded from the low 32 bits of a 64-bit seed while the whole 64-bit seed is
 * kept as the "initial seed". The state is what PyTorch's {@code mt19937_data_pod} holds (seed,
 * {@code left}, {@code seeded}, {@code next}, 624 words), so it round-trips through
 * {@link CpuGenerator#getState()}. Not thread-safe; {@link CpuGenerator} guards it.
 */
public final class MT19937 {
    /** Number of 32-bit words of state. */
    public static final int N = 624;

    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] state = new int[N];
    private long seed;
    private int left;
    private boolean seeded;
    private int next;

    /** An engine seeded as {@code at::mt19937(seed)}. */
    public MT19937(long seed) {
        reseed(seed);
    }

    private MT19937() {}

    /** Re-initialises with {@code seed}: the state uses its low 32 bits; all 64 bits are kept. */
    public void reseed(long seed) {
        this.seed = seed;
        this.seeded = true;
        state[0] = (int) seed;
        for (int j = 1; j < N; j++) {
            int prev = state[j - 1];
            state[j] = 1812433253 * (prev ^ (prev >>> 30)) + j;
        }
        left = 1;
        next = 0;
    }

    /** The next 32 random bits (an unsigned value carried in an int). */
    public int nextInt() {
        if (--left == 0) twist();
        return temper(state[next++]);
    }

    /** std::mt19937's tempering of a state word into an output. */
    private static int temper(int y) {
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        return y ^ (y >>> 18);
    }

    /** Fills {@code out[off..off+len)} with consecutive outputs; the same as calling {@link #nextInt()}. */
    public void nextInts(int[] out, int off, int len) {
        for (int i = 0; i < len; i++) out[off + i] = nextInt();
    }

    /**
     * Fills {@code out[off..off+len)} with {@link Sampling#unitFloat} of successive draws (the uniform float of
     * {@code uniform_real_distribution<float>}): the same values as calling {@link #nextInt()} per element,
     * tempered a run of state words at a time in a loop C2 vectorises.
     */
    public void nextUnitFloats(float[] out, int off, int len) {
        int[] s = state;
        while (len > 0) {
            if (left == 1) { // the next draw twists: take it alone
                out[off++] = Sampling.unitFloat(nextInt());
                len--;
                continue;
            }
            int count = Math.min(len, left - 1), from = next;
            for (int k = 0; k < count; k++) out[off + k] = Sampling.unitFloat(temper(s[from + k]));
            next += count;
            left -= count;
            off += count;
            len -= count;
        }
    }

    private void twist() {
        int[] s = state;
        int i = 0;
        for (; i < N - M; i++) {
            int y = (s[i] & UPPER_MASK) | (s[i + 1] & LOWER_MASK);
            s[i] = s[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; i < N - 1; i++) {
            int y = (s[i] & UPPER_MASK) | (s[i + 1] & LOWER_MASK);
            s[i] = s[i + M - N] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        int y = (s[N - 1] & UPPER_MASK) | (s[0] & LOWER_MASK);
        s[N - 1] = s[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        left = N;
        next = 0;
    }

    /** An independent engine in the same state. */
    public MT19937 copy() {
        MT19937 c = new MT19937();
        c.copyFrom(this);
        return c;
    }

    /** Makes this engine's state equal to {@code other}'s. */
    public void copyFrom(MT19937 other) {
        System.arraycopy(other.state, 0, state, 0, N);
        seed = other.seed;
        left = other.left;
        seeded = other.seeded;
        next = other.next;
    }

    /**
     * An engine from raw state, as PyTorch's {@code set_data}; rejects what PyTorch's
     * {@code is_valid()} rejects ("Invalid mt19937 state").
     */
    public static MT19937 fromData(long seed, int left, boolean seeded, int next, int[] state) {
        if (state.length != N) throw new IllegalArgumentException("mt19937 state must have " + N + " words");
        if (!seeded || left <= 0 || left > N || next < 0 || next > N) {
            throw new IllegalArgumentException("Invalid mt19937 state");
        }
        MT19937 e = new MT19937();
        System.arraycopy(state, 0, e.state, 0, N);
        e.seed = seed;
        e.left = left;
        e.seeded = seeded;
        e.next = next;
        return e;
    }

    /** The 64-bit seed this engine was created with (unsigned, as PyTorch's {@code initial_seed}). */
    public long seed() {
        return seed;
    }

    /** Outputs left before the next twist, plus one (PyTorch's {@code left_}). */
    public int left() {
        return left;
    }

    /** Index of the next state word to temper (PyTorch's {@code next_}). */
    public int next() {
        return next;
    }

    public boolean seeded() {
        return seeded;
    }

    /** A copy of the 624 state words. */
    public int[] stateWords() {
        return state.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MT19937 e && e.seed == seed && e.left == left && e.seeded == seeded
                && e.next == next && Arrays.equals(e.state, state);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(state) * 31 + next;
    }
}
