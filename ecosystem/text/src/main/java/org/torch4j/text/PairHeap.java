package org.torch4j.text;

/**
 * The BPE agenda: a binary heap of candidate merges (left symbol, right symbol, joined length) ordered by score,
 * highest first, then by left symbol, lowest first (sentencepiece's order), in primitive arrays.
 */
final class PairHeap {
    private long[] keys = new long[64];
    private int[] rights = new int[64], sizes = new int[64];
    private int count;
    private int topLeft, topRight, topSize;

    boolean isEmpty() {
        return count == 0;
    }

    void add(float score, int left, int right, int size) {
        if (count == keys.length) {
            keys = java.util.Arrays.copyOf(keys, 2 * count);
            rights = java.util.Arrays.copyOf(rights, 2 * count);
            sizes = java.util.Arrays.copyOf(sizes, 2 * count);
        }
        long key = order(score) << 32 | left;
        int i = count++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (keys[parent] <= key) break;
            move(parent, i);
            i = parent;
        }
        keys[i] = key;
        rights[i] = right;
        sizes[i] = size;
    }

    /** Removes the first pair; read it with {@link #left}, {@link #right}, {@link #size}. */
    void poll() {
        topLeft = (int) keys[0];
        topRight = rights[0];
        topSize = sizes[0];
        count--;
        long key = keys[count];
        int right = rights[count], size = sizes[count];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= count) break;
            if (child + 1 < count && keys[child + 1] < keys[child]) child++;
            if (key <= keys[child]) break;
            move(child, i);
            i = child;
        }
        keys[i] = key;
        rights[i] = right;
        sizes[i] = size;
    }

    int left() {
        return topLeft;
    }

    int right() {
        return topRight;
    }

    int size() {
        return topSize;
    }

    private void move(int from, int to) {
        keys[to] = keys[from];
        rights[to] = rights[from];
        sizes[to] = sizes[from];
    }

    /** A 32-bit key whose unsigned order is the scores' descending order. */
    private static long order(float score) {
        int bits = Float.floatToIntBits(score);
        int ascending = bits < 0 ? ~bits : bits | 0x80000000; // unsigned order = float order
        return ~ascending & 0xffffffffL;
    }
}
