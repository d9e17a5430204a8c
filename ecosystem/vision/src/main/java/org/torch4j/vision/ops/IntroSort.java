package org.torch4j.vision.ops;

/**
 * The descending order that PyTorch 1.13's CPU {@code sort(descending=True)} gives, ties included.
 * That sort is not stable: it is libstdc++'s {@code std::sort} (introsort: median-of-three quicksort,
 * heapsort past the depth limit, a final insertion sort over runs of 16). torchvision's
 * {@code batched_nms} orders its result with it when it runs one NMS per class, so equal scores
 * must be permuted exactly as it permutes them. This class
 * re-implements that algorithm over an index permutation.
 */
final class IntroSort {
    private static final int THRESHOLD = 16;

    private IntroSort() {}

    /** The indices 0..n-1 ordered by descending key, NaN first, ties as PyTorch's unstable sort leaves them. */
    static int[] descending(double[] keys) {
        int n = keys.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        if (n < 2) return a;
        new Run(a, keys).sort();
        return a;
    }

    private record Run(int[] a, double[] keys) {
        /** PyTorch's descending comparator: NaN above everything, otherwise greater first. */
        boolean before(int x, int y) {
            double p = keys[x], q = keys[y];
            return (Double.isNaN(p) && !Double.isNaN(q)) || p > q;
        }

        boolean lt(int i, int j) {
            return before(a[i], a[j]);
        }

        void swap(int i, int j) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }

        void sort() {
            int n = a.length;
            loop(0, n, 2 * (31 - Integer.numberOfLeadingZeros(n)));
            if (n > THRESHOLD) {
                insertion(0, THRESHOLD);
                for (int i = THRESHOLD; i < n; i++) linearInsert(i);
            } else {
                insertion(0, n);
            }
        }

        void loop(int first, int last, int depth) {
            while (last - first > THRESHOLD) {
                if (depth == 0) {
                    heapSort(first, last);
                    return;
                }
                depth--;
                int cut = partitionPivot(first, last);
                loop(cut, last, depth);
                last = cut;
            }
        }

        int partitionPivot(int first, int last) {
            int mid = first + (last - first) / 2;
            medianToFirst(first, first + 1, mid, last - 1);
            int lo = first + 1, hi = last;
            while (true) {
                while (lt(lo, first)) lo++;
                hi--;
                while (lt(first, hi)) hi--;
                if (lo >= hi) return lo;
                swap(lo, hi);
                lo++;
            }
        }

        void medianToFirst(int result, int x, int y, int z) {
            if (lt(x, y)) {
                if (lt(y, z)) swap(result, y);
                else if (lt(x, z)) swap(result, z);
                else swap(result, x);
            } else if (lt(x, z)) {
                swap(result, x);
            } else if (lt(y, z)) {
                swap(result, z);
            } else {
                swap(result, y);
            }
        }

        void insertion(int first, int last) {
            for (int i = first + 1; i < last; i++) {
                int v = a[i];
                if (before(v, a[first])) {
                    System.arraycopy(a, first, a, first + 1, i - first);
                    a[first] = v;
                } else {
                    linearInsert(i);
                }
            }
        }

        void linearInsert(int i) {
            int v = a[i];
            int j = i - 1;
            while (before(v, a[j])) {
                a[i] = a[j];
                i = j;
                j--;
            }
            a[i] = v;
        }

        void heapSort(int first, int last) {
            int len = last - first;
            if (len >= 2) {
                for (int parent = (len - 2) / 2; ; parent--) {
                    adjust(first, parent, len, a[first + parent]);
                    if (parent == 0) break;
                }
            }
            while (last - first > 1) {
                last--;
                int v = a[last];
                a[last] = a[first];
                adjust(first, 0, last - first, v);
            }
        }

        void adjust(int first, int hole, int len, int value) {
            int top = hole, child = hole;
            while (child < (len - 1) / 2) {
                child = 2 * (child + 1);
                if (before(a[first + child], a[first + child - 1])) child--;
                a[first + hole] = a[first + child];
                hole = child;
            }
            if ((len & 1) == 0 && child == (len - 2) / 2) {
                child = 2 * (child + 1);
                a[first + hole] = a[first + child - 1];
                hole = child - 1;
            }
            int parent = (hole - 1) / 2;
            while (hole > top && before(a[first + parent], value)) {
                a[first + hole] = a[first + parent];
                hole = parent;
                parent = (hole - 1) / 2;
            }
            a[first + hole] = value;
        }
    }
}
