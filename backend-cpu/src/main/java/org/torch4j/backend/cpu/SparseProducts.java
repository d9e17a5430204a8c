package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The two kernels of sparse-dense products, on host arrays: {@code out[rows[i]] += values[i] * dense[cols[i]]}
 * (SpMM over COO entries) and {@code out[i] = a[rows[i]] . b[cols[i]]} (sampled dot products, the gradient
 * of the values). Rows of the dense operands are read and written whole, in SIMD lanes when enabled.
 */
final class SparseProducts {
    private SparseProducts() {}

    /** Work (entries times row width) below which one thread runs the product. */
    private static final long PARALLEL_WORK = 1L << 18;

    static boolean rowsProduct(Strided rows, Strided cols, Strided values, Strided dense, Strided out) {
        if (!usable(rows, cols, values, dense, out)) return false;
        long[] r = ((HostStorage) rows.storage()).longs(), c = ((HostStorage) cols.storage()).longs();
        int ro = (int) rows.offset(), co = (int) cols.offset();
        int nnz = (int) rows.numel(), p = (int) dense.shape()[1], nRows = (int) out.shape()[0];
        boolean sorted = sortedRows(r, ro, nnz);
        // entries of one output row stay on one thread: split the rows when the entries are sorted by row
        int grain = !sorted || (long) nnz * p < PARALLEL_WORK ? Math.max(1, nRows) : Math.max(1, nRows / 64);
        Parallel.forRange(sorted ? nRows : 1, grain, (a, b) -> {
            int lo = sorted ? lowerBound(r, ro, nnz, a) : 0, hi = sorted ? lowerBound(r, ro, nnz, b) : nnz;
            if (values.dtype() == DType.FLOAT32) {
                float[] v = floats(values), d = floats(dense), o = floats(out);
                int vo = (int) values.offset(), dOff = (int) dense.offset(), oOff = (int) out.offset();
                for (int i = lo; i < hi; i++) {
                    axpy(o, oOff + (int) r[ro + i] * p, d, dOff + (int) c[co + i] * p, v[vo + i], p);
                }
            } else {
                double[] v = doubles(values), d = doubles(dense), o = doubles(out);
                int vo = (int) values.offset(), dOff = (int) dense.offset(), oOff = (int) out.offset();
                for (int i = lo; i < hi; i++) {
                    axpy(o, oOff + (int) r[ro + i] * p, d, dOff + (int) c[co + i] * p, v[vo + i], p);
                }
            }
        });
        return true;
    }

    static boolean sampledDot(Strided rows, Strided cols, Strided a, Strided b, Strided out) {
        if (!usable(rows, cols, out, a, b)) return false;
        long[] r = ((HostStorage) rows.storage()).longs(), c = ((HostStorage) cols.storage()).longs();
        int ro = (int) rows.offset(), co = (int) cols.offset();
        int nnz = (int) rows.numel(), p = (int) a.shape()[1];
        int grain = (long) nnz * p < PARALLEL_WORK ? Math.max(1, nnz) : Math.max(256, nnz / 64);
        Parallel.forRange(nnz, grain, (lo, hi) -> {
            int aOff = (int) a.offset(), bOff = (int) b.offset(), oOff = (int) out.offset();
            if (out.dtype() == DType.FLOAT32) {
                float[] x = floats(a), y = floats(b), o = floats(out);
                for (int i = lo; i < hi; i++) o[oOff + i] = dot(x, aOff + (int) r[ro + i] * p, y, bOff + (int) c[co + i] * p, p);
            } else {
                double[] x = doubles(a), y = doubles(b), o = doubles(out);
                for (int i = lo; i < hi; i++) o[oOff + i] = dot(x, aOff + (int) r[ro + i] * p, y, bOff + (int) c[co + i] * p, p);
            }
        });
        return true;
    }

    /** Host, contiguous, int64 indices, one floating dtype for the rest, and int-addressable arrays. */
    private static boolean usable(Strided rows, Strided cols, Strided values, Strided x, Strided y) {
        DType t = values.dtype();
        if ((t != DType.FLOAT32 && t != DType.FLOAT64) || x.dtype() != t || y.dtype() != t) return false;
        if (rows.dtype() != DType.INT64 || cols.dtype() != DType.INT64) return false;
        for (Strided s : new Strided[] {rows, cols, values, x, y}) {
            if (!(s.storage() instanceof HostStorage) || !s.isContiguous() || s.offset() + s.numel() > Integer.MAX_VALUE) return false;
        }
        return x.rank() == 2 && y.rank() == 2;
    }

    private static boolean sortedRows(long[] r, int off, int n) {
        for (int i = 1; i < n; i++) if (r[off + i - 1] > r[off + i]) return false;
        return true;
    }

    private static int lowerBound(long[] r, int off, int n, long row) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (r[off + mid] < row) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static void axpy(float[] o, int oi, float[] d, int di, float v, int n) {
        if (Simd.ENABLED) {
            SparseProductsVec.axpy(o, oi, d, di, v, n);
            return;
        }
        for (int k = 0; k < n; k++) o[oi + k] += v * d[di + k];
    }

    private static void axpy(double[] o, int oi, double[] d, int di, double v, int n) {
        if (Simd.ENABLED) {
            SparseProductsVec.axpy(o, oi, d, di, v, n);
            return;
        }
        for (int k = 0; k < n; k++) o[oi + k] += v * d[di + k];
    }

    private static float dot(float[] x, int xi, float[] y, int yi, int n) {
        if (Simd.ENABLED) return SparseProductsVec.dot(x, xi, y, yi, n);
        float s = 0;
        for (int k = 0; k < n; k++) s += x[xi + k] * y[yi + k];
        return s;
    }

    private static double dot(double[] x, int xi, double[] y, int yi, int n) {
        if (Simd.ENABLED) return SparseProductsVec.dot(x, xi, y, yi, n);
        double s = 0;
        for (int k = 0; k < n; k++) s += x[xi + k] * y[yi + k];
        return s;
    }

    private static float[] floats(Strided s) {
        return ((HostStorage) s.storage()).floats();
    }

    private static double[] doubles(Strided s) {
        return ((HostStorage) s.storage()).doubles();
    }
}
