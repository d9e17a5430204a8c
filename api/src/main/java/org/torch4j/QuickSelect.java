package org.torch4j;

/**
 * The quickselect PyTorch's CPU {@code kthvalue} runs (inherited from Torch7): median-of-three pivot
 * moved next to the left end, Hoare partition, NaN ordered above every number. Among equal values the
 * index it returns depends on these exact steps, so they are followed here on a permutation of the row.
 */
final class QuickSelect {
    private QuickSelect() {}

    /** The original position of the element that lands at {@code k} (0-based). */
    static int select(HostRows.Row row, int k) {
        int[] p = new int[row.length()];
        for (int i = 0; i < p.length; i++) p[i] = i;
        int lo = 0, hi = p.length - 1;
        while (true) {
            if (hi <= lo) return p[k];
            if (hi == lo + 1) {
                if (above(row, p[lo], p[hi])) swap(p, lo, hi);
                return p[k];
            }
            swap(p, lo + (hi - lo) / 2, lo + 1);
            if (above(row, p[lo + 1], p[hi])) swap(p, lo + 1, hi);
            if (above(row, p[lo], p[hi])) swap(p, lo, hi);
            if (above(row, p[lo + 1], p[lo])) swap(p, lo + 1, lo);
            int i = lo + 1, j = hi, pivot = p[lo];
            while (true) {
                do i++; while (above(row, pivot, p[i]));
                do j--; while (above(row, p[j], pivot));
                if (j < i) break;
                swap(p, i, j);
            }
            swap(p, lo, j);
            if (j <= k) lo = i;
            if (j >= k) hi = j - 1;
        }
    }

    /** a > b, or a is NaN and b is not. */
    private static boolean above(HostRows.Row row, int a, int b) {
        return row.lessNanLast(b, a);
    }

    private static void swap(int[] p, int i, int j) {
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
}
