package org.torch4j.backend.cpu;

import java.util.Arrays;

/**
 * The upper levels of a cascade of partial sums of float blocks, each level taking {@value #FAN} of the level
 * below, as PyTorch's {@code cascade_sum}: the caller sums {@value #FAN} rows into a block and {@link #push}es it.
 * A float32 sum over a kept dense dim (the "outer" reduction, such as {@code x.sum(0)} of a [N, C] tensor or a
 * bias gradient) then rounds with an error that grows with the logarithm of the row count instead of linearly
 * (before: 1e-5 relative over 2^18 rows; PyTorch 1e-7). One instance per thread; the order of the additions
 * is fixed, so results do not depend on threads or timing.
 */
final class CascadeSum {
    static final int FAN = 16;

    private float[][] levels = new float[0][];
    private int[] counts = new int[0];
    private int len;

    /** Starts a sum of blocks of {@code len} floats. */
    void start(int len) {
        this.len = len;
        Arrays.fill(counts, 0);
    }

    /** Adds the sum of {@value #FAN} (or, at level 0, fewer) rows; the caller may then reuse {@code block}. */
    void push(float[] block) {
        float[] carry = block;
        for (int k = 0; ; k++) {
            if (k == levels.length) grow();
            if (counts[k] == 0) System.arraycopy(carry, 0, levels[k], 0, len);
            else addInto(levels[k], carry);
            if (++counts[k] < FAN) return;
            counts[k] = 0;   // a full level moves up as one block
            carry = levels[k];
        }
    }

    private void grow() {
        int k = levels.length;
        levels = Arrays.copyOf(levels, k + 1);
        counts = Arrays.copyOf(counts, k + 1);
        levels[k] = new float[DomainIO.BLOCK];
    }

    /** {@code last} (the rows since the last push) plus the pushed sums, lowest levels first, into {@code last}. */
    void finish(float[] last) {
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) addInto(last, levels[k]);
        }
    }

    /** {@code acc += b}: one IEEE addition per element, in SIMD lanes or not. */
    private void addInto(float[] acc, float[] b) {
        if (Simd.ENABLED) {
            RowAddVec.add(acc, 0, b, 0, len);
        } else {
            for (int i = 0; i < len; i++) acc[i] += b[i];
        }
    }
}
