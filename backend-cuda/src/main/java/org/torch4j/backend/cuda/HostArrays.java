package org.torch4j.backend.cuda;

import java.nio.ByteBuffer;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * Host-side staging of transfers: a strided view of host memory gathered into a dense array (before
 * a copy to the device) or a dense array scattered into a strided view (after a copy back), both in
 * the view's own dtype; conversions between dtypes run on the device.
 */
final class HostArrays {
    private HostArrays() {}

    /** The elements of {@code view} in row-major order, as a new array of its storage's array type (or the array itself when dense). */
    static Object pack(Strided view) {
        HostStorage hs = (HostStorage) view.storage();
        Object src = hs.array();
        int n = Math.toIntExact(view.numel());
        if (view.isContiguous() && view.offset() == 0 && java.lang.reflect.Array.getLength(src) == n) return src;
        Object dst = java.lang.reflect.Array.newInstance(src.getClass().getComponentType(), n);
        walk(view, (i, off) -> System.arraycopy(src, off, dst, i, 1), (i, off, run, stride) -> copyRun(src, off, stride, dst, i, 1, run));
        return dst;
    }

    /** Copies a dense storage array into {@code into} from its position 0, in the platform's byte order. */
    static void put(Object dense, ByteBuffer into) {
        switch (dense) {
            case float[] a -> into.asFloatBuffer().put(a);
            case double[] a -> into.asDoubleBuffer().put(a);
            case long[] a -> into.asLongBuffer().put(a);
            case int[] a -> into.asIntBuffer().put(a);
            case short[] a -> into.asShortBuffer().put(a);
            case byte[] a -> into.put(a);
            default -> throw new IllegalStateException("not a storage array: " + dense.getClass());
        }
    }

    /** Writes the row-major {@code dense} array into {@code view}. */
    static void unpack(Object dense, Strided view) {
        Object dst = ((HostStorage) view.storage()).array();
        walk(view, (i, off) -> System.arraycopy(dense, i, dst, off, 1), (i, off, run, stride) -> copyRun(dense, i, 1, dst, off, stride, run));
    }

    private interface Single {
        void at(int index, int offset);
    }

    private interface Run {
        void at(int index, int offset, int length, int stride);
    }

    /** Visits the view in row-major order, one innermost run at a time. */
    private static void walk(Strided view, Single single, Run run) {
        long[] shape = view.shape(), strides = view.strides();
        int rank = shape.length;
        long n = view.numel();
        if (n == 0) return;
        if (rank == 0) {
            single.at(0, Math.toIntExact(view.offset()));
            return;
        }
        int inner = (int) shape[rank - 1];
        int innerStride = (int) strides[rank - 1];
        long[] idx = new long[rank];
        int i = 0;
        while (i < n) {
            long off = view.offset();
            for (int d = 0; d < rank - 1; d++) off += idx[d] * strides[d];
            run.at(i, Math.toIntExact(off), inner, innerStride);
            i += inner;
            for (int d = rank - 2; d >= 0; d--) {
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
    }

    private static void copyRun(Object src, int so, int ss, Object dst, int dOff, int ds, int n) {
        if (ss == 1 && ds == 1) {
            System.arraycopy(src, so, dst, dOff, n);
            return;
        }
        switch (src) {
            case float[] a -> { float[] b = (float[]) dst; for (int k = 0; k < n; k++) b[dOff + k * ds] = a[so + k * ss]; }
            case double[] a -> { double[] b = (double[]) dst; for (int k = 0; k < n; k++) b[dOff + k * ds] = a[so + k * ss]; }
            case long[] a -> { long[] b = (long[]) dst; for (int k = 0; k < n; k++) b[dOff + k * ds] = a[so + k * ss]; }
            case int[] a -> { int[] b = (int[]) dst; for (int k = 0; k < n; k++) b[dOff + k * ds] = a[so + k * ss]; }
            case short[] a -> { short[] b = (short[]) dst; for (int k = 0; k < n; k++) b[dOff + k * ds] = a[so + k * ss]; }
            case byte[] a -> { byte[] b = (byte[]) dst; for (int k = 0; k < n; k++) b[dOff + k * ds] = a[so + k * ss]; }
            default -> throw new IllegalStateException("not a storage array: " + src.getClass());
        }
    }
}
