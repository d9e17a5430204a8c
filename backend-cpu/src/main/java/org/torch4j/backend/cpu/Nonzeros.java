package org.torch4j.backend.cpu;

import java.util.concurrent.atomic.LongAdder;
import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * count_nonzero and nonzero, reading each dtype's array directly. The first versions converted every element
 * through a one-element load (nonzero of a million-element mask took tens of milliseconds); here a run is
 * scanned with one typed loop that notes the positions of its non-zero elements.
 */
final class Nonzeros {
    private Nonzeros() {}

    /** The number of non-zero elements (NaN counts, -0.0 does not). */
    static long countNonzero(Strided in) {
        Object a = ((HostStorage) in.storage()).array();
        int mask = shortMask(in.dtype());
        StridedIter it = StridedIter.anyOrder(in);
        LongAdder count = new LongAdder();
        it.run(Elementwise.CHEAP_GRAIN, (n, offs, strides) -> count.add(count(a, offs[0], strides[0], n, mask)));
        return count.sum();
    }

    /** Row-major coordinates of the non-zero elements into out [count, rank] (rank >= 1). */
    static void nonzero(Strided out, Strided in) {
        int rank = in.rank();
        long[] shape = in.shape();
        long[] strides = in.strides();
        Object a = ((HostStorage) in.storage()).array();
        int mask = shortMask(in.dtype());
        long[] res = ((HostStorage) out.storage()).longs();
        int o0 = Math.toIntExact(out.offset()), os0 = (int) out.strides()[0], os1 = (int) out.strides()[1];
        int n = (int) shape[rank - 1];
        int stride = (int) strides[rank - 1];
        int[] outerShape = new int[rank - 1];
        for (int d = 0; d < rank - 1; d++) outerShape[d] = (int) shape[d];
        long rows = n == 0 ? 0 : in.numel() / n;
        int[] idx = new int[rank - 1];
        int[] hits = new int[n];
        int row = 0;
        for (long r = 0; r < rows; r++) {
            int base = Math.toIntExact(in.offset());
            for (int d = 0; d < rank - 1; d++) base += idx[d] * (int) strides[d];
            int found = positions(a, base, stride, n, mask, hits);
            for (int h = 0; h < found; h++) {
                int at = o0 + row * os0;
                for (int d = 0; d < rank - 1; d++) res[at + d * os1] = idx[d];
                res[at + (rank - 1) * os1] = hits[h];
                row++;
            }
            Reduce.increment(idx, outerShape);
        }
    }

    /**
     * The bits of a short element that make it non-zero: float16 and bfloat16 are zero with only the sign bit
     * set (-0.0), int16 is zero only when all bits are.
     */
    private static int shortMask(DType dtype) {
        return dtype == DType.FLOAT16 || dtype == DType.BFLOAT16 ? 0x7FFF : 0xFFFF;
    }

    private static long count(Object array, int off, int stride, int n, int shortMask) {
        long c = 0;
        switch (array) {
            case float[] a -> { for (int i = 0; i < n; i++) c += a[off + i * stride] != 0 ? 1 : 0; }
            case double[] a -> { for (int i = 0; i < n; i++) c += a[off + i * stride] != 0 ? 1 : 0; }
            case long[] a -> { for (int i = 0; i < n; i++) c += a[off + i * stride] != 0 ? 1 : 0; }
            case int[] a -> { for (int i = 0; i < n; i++) c += a[off + i * stride] != 0 ? 1 : 0; }
            case short[] a -> { for (int i = 0; i < n; i++) c += (a[off + i * stride] & shortMask) != 0 ? 1 : 0; }
            case byte[] a -> { for (int i = 0; i < n; i++) c += a[off + i * stride] != 0 ? 1 : 0; }
            default -> throw new IllegalStateException("not a storage array: " + array.getClass());
        }
        return c;
    }

    /** Writes the positions (0..n-1) of the run's non-zero elements into hits; returns how many there are. */
    private static int positions(Object array, int off, int stride, int n, int shortMask, int[] hits) {
        int c = 0;
        // each position is written, and kept by advancing c only when its element is non-zero: no branch to mispredict
        switch (array) {
            case float[] a -> { for (int i = 0; i < n; i++) { hits[c] = i; c += a[off + i * stride] != 0 ? 1 : 0; } }
            case double[] a -> { for (int i = 0; i < n; i++) { hits[c] = i; c += a[off + i * stride] != 0 ? 1 : 0; } }
            case long[] a -> { for (int i = 0; i < n; i++) { hits[c] = i; c += a[off + i * stride] != 0 ? 1 : 0; } }
            case int[] a -> { for (int i = 0; i < n; i++) { hits[c] = i; c += a[off + i * stride] != 0 ? 1 : 0; } }
            case short[] a -> { for (int i = 0; i < n; i++) { hits[c] = i; c += (a[off + i * stride] & shortMask) != 0 ? 1 : 0; } }
            case byte[] a -> { for (int i = 0; i < n; i++) { hits[c] = i; c += a[off + i * stride] != 0 ? 1 : 0; } }
            default -> throw new IllegalStateException("not a storage array: " + array.getClass());
        }
        return c;
    }
}
