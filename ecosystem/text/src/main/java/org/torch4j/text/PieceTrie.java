package org.torch4j.text;

import java.util.Map;

/**
 * A trie over the code points of a vocabulary's pieces, with its edges in one open-addressing table of primitive
 * keys: walking it from a text position finds every piece that starts there, without allocating.
 */
final class PieceTrie {
    private long[] keys = new long[64]; // (node << 21 | code point) + 1; 0: empty slot
    private int[] children = new int[64];
    private int[] pieceAt = new int[16]; // node -> piece id, or -1
    private int edges, nodes = 1;

    PieceTrie(Map<String, Integer> pieces) {
        java.util.Arrays.fill(pieceAt, -1);
        pieces.forEach(this::insert);
    }

    /** The node reached from {@code node} by {@code codePoint}, or -1. */
    int child(int node, int codePoint) {
        long key = (((long) node << 21) | codePoint) + 1;
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (keys[i] == key) return children[i];
            if (keys[i] == 0) return -1;
        }
    }

    /** The id of the piece ending at {@code node}, or -1. */
    int pieceAt(int node) {
        return pieceAt[node];
    }

    /** The id of {@code text[from, to)} as a piece, or -1. */
    int find(String text, int from, int to) {
        int node = 0;
        for (int i = from; i < to && node >= 0; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            node = child(node, c);
        }
        return node < 0 ? -1 : pieceAt[node];
    }

    private void insert(String piece, int id) {
        int node = 0;
        for (int i = 0; i < piece.length(); ) {
            int c = piece.codePointAt(i);
            i += Character.charCount(c);
            int next = child(node, c);
            if (next < 0) next = addEdge(node, c);
            node = next;
        }
        pieceAt[node] = id;
    }

    private int addEdge(int node, int codePoint) {
        if (2 * (edges + 1) > keys.length) grow();
        int id = nodes++;
        if (id >= pieceAt.length) {
            int old = pieceAt.length;
            pieceAt = java.util.Arrays.copyOf(pieceAt, 2 * old);
            java.util.Arrays.fill(pieceAt, old, pieceAt.length, -1);
        }
        put((((long) node << 21) | codePoint) + 1, id);
        edges++;
        return id;
    }

    private void put(long key, int value) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != 0) i = (i + 1) & mask;
        keys[i] = key;
        children[i] = value;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldChildren = children;
        keys = new long[2 * oldKeys.length];
        children = new int[2 * oldKeys.length];
        for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != 0) put(oldKeys[i], oldChildren[i]);
    }

    private static int slot(long key, int mask) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }
}
