package org.torch4j;

/**
 * The steps of GNU libstdc++'s {@code std::sort} (introsort: median-of-three quicksort down to runs of
 * 16, then insertion sort), on a permutation of a row compared by value alone. PyTorch's CPU
 * {@code mode} sorts (value, index) pairs this way and reports the index that ends its run, so among
 * equal values the answer depends on these exact steps. libstdc++ turns to heapsort past a recursion
 * depth of 2 log2(n), which only adversarial rows reach; this insertion-sorts such a range instead.
 */
final class IntroSort {
    private IntroSort() {}

    private static final int THRESHOLD = 16;

    /** The positions of the row's elements in the order std::sort leaves them ({@code <}; NaN compares false). */
    static int[] order(HostRows.Row row) {
        NthElement.Less less = row::less;
        int n = row.length();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        if (n < 2) return p;
        sortLoop(p, 0, n, 2 * (31 - Integer.numberOfLeadingZeros(n)), less);
        if (n > THRESHOLD) {
            insertionSort(p, 0, THRESHOLD, less);
            for (int i = THRESHOLD; i < n; i++) linearInsert(p, i, less);
        } else {
            insertionSort(p, 0, n, less);
        }
        return p;
    }

    private static void sortLoop(int[] p, int first, int last, int depth, NthElement.Less less) {
        while (last - first > THRESHOLD) {
            if (depth-- == 0) {
                insertionSort(p, first, last, less);
                return;
            }
            int cut = partition(p, first, last, less);
            sortLoop(p, cut, last, depth, less);
            last = cut;
        }
    }

    /** libstdc++'s pivot step: the median of (first + 1, middle, last - 1) moves to first, the rest is partitioned around it. */
    static int partition(int[] p, int first, int last, NthElement.Less less) {
        int a = first + 1, b = first + (last - first) / 2, c = last - 1;
        if (less.test(p[a], p[b])) {
            if (less.test(p[b], p[c])) swap(p, first, b);
            else if (less.test(p[a], p[c])) swap(p, first, c);
            else swap(p, first, a);
        } else if (less.test(p[a], p[c])) {
            swap(p, first, a);
        } else if (less.test(p[b], p[c])) {
            swap(p, first, c);
        } else {
            swap(p, first, b);
        }
        int lo = first + 1, hi = last;
        while (true) {
            // libstdc++ scans unguarded (the median-of-three stops it); the bounds only keep a comparison
            // that is not a strict weak order (NaN) from running off the range
            while (lo < last - 1 && less.test(p[lo], p[first])) lo++;
            hi--;
            while (hi > first && less.test(p[first], p[hi])) hi--;
            if (lo >= hi) return lo;
            swap(p, lo, hi);
            lo++;
        }
    }

    /** libstdc++'s insertion sort: an element below the first jumps straight to the front. */
    static void insertionSort(int[] p, int first, int last, NthElement.Less less) {
        for (int i = first + 1; i < last; i++) {
            int v = p[i];
            if (less.test(v, p[first])) {
                System.arraycopy(p, first, p, first + 1, i - first);
                p[first] = v;
            } else {
                linearInsert(p, i, less);
            }
        }
    }

    /** Shifts element i left while it is less than its neighbour (unguarded in C++; guarded here). */
    private static void linearInsert(int[] p, int i, NthElement.Less less) {
        int v = p[i], j = i;
        while (j > 0 && less.test(v, p[j - 1])) {
            p[j] = p[j - 1];
            j--;
        }
        p[j] = v;
    }

    private static void swap(int[] p, int i, int j) {
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
}
