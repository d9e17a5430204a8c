package org.torch4j.backend.cuda;

import java.util.Arrays;
import java.util.Comparator;
import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * Sorting of lines too long for the shared-memory kernel: the keys are copied to the host (as
 * float64 or int64), each line's order is computed there (stable, NaN largest), the indices go back
 * to the device and a gather on the device picks the values.
 */
final class HostSort {
    private HostSort() {}

    static void sort(CudaBackend backend, Strided values, Strided indices, Strided in, int dim, int k, boolean descending) {
        long[] shape = in.shape();
        boolean floating = in.dtype().isFloatingPoint();
        HostStorage keys = HostStorage.allocate(floating ? DType.FLOAT64 : DType.INT64, in.numel());
        backend.copy(new Strided(keys, shape, CudaBackend.contiguousStrides(shape), 0), in);
        int n = Math.toIntExact(shape[dim]);
        long outer = 1, innerSize = 1;
        for (int d = dim + 1; d < shape.length; d++) innerSize *= shape[d];
        for (int d = 0; d < dim; d++) outer *= shape[d];
        final long inner = innerSize;
        long[] outShape = shape.clone();
        outShape[dim] = k;
        long[] order = new long[Math.toIntExact(outer * k * inner)];
        Integer[] line = new Integer[n];
        double[] dk = floating ? keys.doubles() : null;
        long[] lk = floating ? null : keys.longs();
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                long base = o * n * inner + i;
                Comparator<Integer> cmp = floating
                        ? (x, y) -> compare(dk[(int) (base + x * inner)], dk[(int) (base + y * inner)], descending)
                        : (x, y) -> descending ? Long.compare(lk[(int) (base + y * inner)], lk[(int) (base + x * inner)])
                                : Long.compare(lk[(int) (base + x * inner)], lk[(int) (base + y * inner)]);
                for (int j = 0; j < n; j++) line[j] = j;
                Arrays.sort(line, cmp); // a stable merge sort: ties keep their order
                long outBase = o * k * inner + i;
                for (int j = 0; j < k; j++) order[(int) (outBase + j * inner)] = line[j];
            }
        }
        backend.copy(indices, new Strided(HostStorage.wrap(DType.INT64, order), outShape, CudaBackend.contiguousStrides(outShape), 0));
        backend.gather(values, in, dim, indices);
    }

    /** Ascending or descending order with NaN as the largest value. */
    private static int compare(double a, double b, boolean descending) {
        boolean na = a != a, nb = b != b;
        int c = na || nb ? Boolean.compare(na, nb) : Double.compare(a == 0 ? 0.0 : a, b == 0 ? 0.0 : b);
        return descending ? -c : c;
    }
}
