package org.torch4j.text.internal;

/**
 * A read-only double-array trie in darts-clone's layout (one 32-bit unit per node: label, leaf flag and the
 * offset to the children), as sentencepiece stores its normalization rules. Keys are byte strings.
 */
public final class DoubleArrayTrie {
    private final int[] units;

    /** The trie of {@code units} (little-endian 32-bit words, as serialised). */
    public DoubleArrayTrie(int[] units) {
        if (units.length == 0) throw new IllegalArgumentException("a double-array trie has at least its root unit");
        this.units = units.clone();
    }

    /**
     * The longest key that is a prefix of {@code key[from, to)}: its value in the low 32 bits and its length in
     * the high 32 bits, or -1 when no key is a prefix.
     */
    public long longestPrefix(byte[] key, int from, int to) {
        long best = -1;
        int node = offset(units[0]);
        for (int i = from; i < to; i++) {
            int label = key[i] & 0xff;
            node ^= label;
            if (node < 0 || node >= units.length) return best;
            int unit = units[node];
            if ((unit & (0x80000000 | 0xff)) != label) return best;
            node ^= offset(unit);
            if (((unit >>> 8) & 1) == 1) {
                if (node < 0 || node >= units.length) return best;
                best = ((long) (i + 1 - from) << 32) | (units[node] & 0x7fffffff);
            }
        }
        return best;
    }

    private static int offset(int unit) {
        return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
    }
}
