package org.torch4j.backend.cpu;

import java.util.Arrays;

/**
 * Stable sort of an index permutation by primitive keys. NaN sorts as the largest value (first when descending)
 * and -0.0 equals 0.0, as in PyTorch; equal keys keep their original order in both directions.
 *
 * <p>Every key is first mapped to a long whose signed order is the wanted order (descending is the bitwise
 * complement, which reverses it exactly). When those fit in 32 bits, as for every int32 or float32 line, key and
 * position are packed into one long and sorted with {@link Arrays#sort(long[])}: the position breaks ties, so the
 * unstable primitive sort gives the stable order, 3 to 4 times faster than a merge sort through a comparator.
 * Wider keys take a merge sort on the long keys.
 */
final class Sorting {
    private Sorting() {}

    /** Sorts {@code order} (0..n-1 on entry) by floating keys; float-representable keys pack into 32 bits. */
    static void sort(int[] order, double[] keys, boolean descending) {
        long[] k = new long[keys.length];
        boolean single = true;
        for (double x : keys) single &= x != x || (double) (float) x == x;
        for (int i = 0; i < k.length; i++) k[i] = single ? floatKey((float) keys[i]) : doubleKey(keys[i]);
        sortKeys(order, k, descending);
    }

    /** Sorts {@code order} (0..n-1 on entry) by integer keys, leaving {@code keys} as they were. */
    static void sort(int[] order, long[] keys, boolean descending) {
        sortKeys(order, keys.clone(), descending);
    }

    /** The most entries {@link #first} keeps by insertion; more are sorted (insertion is O(n keep) at worst). */
    static final int SELECT_MAX = 64;

    /**
     * The first {@code keep} positions of {@link #sort}'s order into {@code order[0..keep)}, without sorting the rest
     * (topk): the best {@code keep} kept in order while the line streams past, a later element entering only when it
     * beats the last kept one, so ties keep their original order as in the stable sort. [512, 1000].topk(5) took
     * 37 us a line through the whole sort.
     */
    static void first(int[] order, double[] keys, boolean descending, int keep) {
        long flip = descending ? -1L : 0L;
        long[] best = new long[keep];
        int count = 0;
        for (int i = 0; i < keys.length; i++) {
            long key = doubleKey(keys[i]) ^ flip;   // one rank for floats and doubles alike: the same order
            if (count == keep && key >= best[keep - 1]) continue;
            count = insert(best, order, count, keep, key, i);
        }
    }

    /** {@link #first} for integer keys. */
    static void first(int[] order, long[] keys, boolean descending, int keep) {
        long flip = descending ? -1L : 0L;
        long[] best = new long[keep];
        int count = 0;
        for (int i = 0; i < keys.length; i++) {
            long key = keys[i] ^ flip;
            if (count == keep && key >= best[keep - 1]) continue;
            count = insert(best, order, count, keep, key, i);
        }
    }

    /** Puts (key, position) after the kept entries with keys up to its own, the last one dropping out when full; returns the new count. */
    private static int insert(long[] best, int[] order, int count, int keep, long key, int position) {
        int at = count == keep ? keep - 1 : count;
        while (at > 0 && best[at - 1] > key) {
            best[at] = best[at - 1];
            order[at] = order[at - 1];
            at--;
        }
        best[at] = key;
        order[at] = position;
        return Math.min(count + 1, keep);
    }

    /** A float's rank as an int: NaN above +Inf, -0.0 the same as 0.0. */
    private static long floatKey(float f) {
        int bits = Float.floatToIntBits(f == 0 ? 0f : f);
        return bits ^ ((bits >> 31) & 0x7FFFFFFF);
    }

    /** A double's rank as a long: NaN above +Inf, -0.0 the same as 0.0. */
    private static long doubleKey(double d) {
        long bits = Double.doubleToLongBits(d == 0 ? 0d : d);
        return bits ^ ((bits >> 63) & 0x7FFFFFFFFFFFFFFFL);
    }

    /** Sorts {@code order} (0..n-1 on entry) by {@code keys}, which it may overwrite. */
    private static void sortKeys(int[] order, long[] keys, boolean descending) {
        int n = keys.length;
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            if (descending) keys[i] = ~keys[i];
            min = Math.min(min, keys[i]);
            max = Math.max(max, keys[i]);
        }
        if (min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE) {
            long[] packed = new long[n];
            for (int i = 0; i < n; i++) packed[i] = keys[order[i]] << 32 | order[i];
            Arrays.sort(packed);
            for (int i = 0; i < n; i++) order[i] = (int) packed[i];
            return;
        }
        mergeSort(order, new int[n], 0, n, keys);
    }

    private static void mergeSort(int[] a, int[] tmp, int lo, int hi, long[] keys) {
        if (hi - lo <= 16) {
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= lo && keys[a[j]] > keys[v]) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid, keys);
        mergeSort(a, tmp, mid, hi, keys);
        if (keys[a[mid - 1]] <= keys[a[mid]]) return;
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi) a[k++] = keys[tmp[j]] < keys[tmp[i]] ? tmp[j++] : tmp[i++];
        while (i < mid) a[k++] = tmp[i++];
        while (j < hi) a[k++] = tmp[j++];
    }
}
