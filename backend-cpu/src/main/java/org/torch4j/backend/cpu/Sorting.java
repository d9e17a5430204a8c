package org.torch4j.backend.cpu;

/**
 * Stable merge sort of an index permutation by primitive keys. NaN sorts as the largest value (first
 * when descending), as in PyTorch; equal keys keep their original order in both directions.
 */
final class Sorting {
    private Sorting() {}

    static void sort(int[] order, double[] keys, boolean descending) {
        int[] tmp = new int[order.length];
        mergeSort(order, tmp, 0, order.length, (x, y) -> compare(keys[x], keys[y], descending));
    }

    static void sort(int[] order, long[] keys, boolean descending) {
        int[] tmp = new int[order.length];
        mergeSort(order, tmp, 0, order.length, (x, y) -> descending ? Long.compare(keys[y], keys[x]) : Long.compare(keys[x], keys[y]));
    }

    private static int compare(double a, double b, boolean descending) {
        int c;
        boolean an = a != a, bn = b != b;
        if (an || bn) c = an == bn ? 0 : an ? 1 : -1;
        else c = a < b ? -1 : a > b ? 1 : 0;
        return descending ? -c : c;
    }

    @FunctionalInterface
    private interface IndexComparator {
        int compare(int x, int y);
    }

    private static void mergeSort(int[] a, int[] tmp, int lo, int hi, IndexComparator cmp) {
        if (hi - lo <= 16) {
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= lo && cmp.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid, cmp);
        mergeSort(a, tmp, mid, hi, cmp);
        if (cmp.compare(a[mid - 1], a[mid]) <= 0) return;
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi) a[k++] = cmp.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
        while (i < mid) a[k++] = tmp[i++];
        while (j < hi) a[k++] = tmp[j++];
    }
}
