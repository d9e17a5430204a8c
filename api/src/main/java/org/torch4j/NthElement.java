package org.torch4j;

/**
 * The steps of GNU libstdc++'s {@code std::nth_element} (introselect: median-of-three partitions while
 * more than three elements remain, then insertion sort) on the positions of a row. PyTorch's CPU median
 * selects with it; where its comparison is not a total order (NaN against NaN in nanmedian), which
 * position lands at {@code nth} depends on these exact steps. Past a recursion depth of 2 log2(n)
 * libstdc++ switches to a heap select, which only adversarial rows reach; this insertion-sorts instead.
 */
final class NthElement {
    private NthElement() {}

    /** A strict comparison of two positions of the row. */
    @FunctionalInterface
    interface Less {
        boolean test(int i, int j);
    }

    /** The position that lands at {@code nth} of {@code n} positions ordered by {@code less}. */
    static int select(int n, int nth, Less less) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        int first = 0, last = n, depth = 2 * (31 - Integer.numberOfLeadingZeros(Math.max(n, 1)));
        while (last - first > 3 && depth-- > 0) {
            int cut = IntroSort.partition(p, first, last, less);
            if (cut <= nth) first = cut;
            else last = cut;
        }
        IntroSort.insertionSort(p, first, last, less);
        return p[nth];
    }
}
