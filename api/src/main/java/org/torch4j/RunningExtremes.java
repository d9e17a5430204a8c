package org.torch4j;

import org.torch4j.spi.HostStorage;

/**
 * {@code cummax} / {@code cummin} of a tensor in host memory, in one typed pass over its rows: each step keeps
 * the running extreme's value and index, so the values need no second gather and the rows no copy into
 * doubles (the pass through {@link HostRows} and a gather took eight times PyTorch's fused loop). The rule is
 * {@link CumulativeExtremes}': ties move the index forward, a NaN, once seen, stays, and each later NaN takes
 * the index. Covers float32, float64, int32 and int64; other dtypes and devices take the general path.
 */
final class RunningExtremes {
    private RunningExtremes() {}

    /** The values and indices, or null where this pass does not apply ({@code d} already wrapped). */
    static ValuesIndices scan(Tensor t, int d, boolean max) {
        if (!(t.storage instanceof HostStorage) || t.dtype != t.storage.dtype()) return null;
        DType type = t.dtype;
        if (type != DType.FLOAT32 && type != DType.FLOAT64 && type != DType.INT32 && type != DType.INT64) return null;
        // rows along the last dim: free for the common case of scanning the last dim of a contiguous tensor
        Tensor rows = (t.dim() == 0 ? t.reshape(1) : t).detach().movedim(d, -1).contiguous();
        long[] shape = rows.shape();
        int n = (int) shape[shape.length - 1];
        int count = Math.toIntExact(rows.numel());
        Object in = ((HostStorage) rows.storage).array();
        int off = Math.toIntExact(rows.offset);
        long[] idx = new long[count];
        Object vals = switch (in) {
            case float[] a -> floats(a, off, n, count, max, idx);
            case double[] a -> doubles(a, off, n, count, max, idx);
            case int[] a -> ints(a, off, n, count, max, idx);
            case long[] a -> longs(a, off, n, count, max, idx);
            default -> throw new IllegalStateException("not a " + type + " array: " + in.getClass());
        };
        long[] strides = Shapes.contiguousStrides(shape);
        Tensor values = new Tensor(HostStorage.wrap(type, vals), shape, strides, 0);
        Tensor indices = new Tensor(HostStorage.wrap(DType.INT64, idx), shape.clone(), strides.clone(), 0);
        if (t.dim() == 0) return new ValuesIndices(values.reshape(), indices.reshape());
        return new ValuesIndices(values.movedim(-1, d).contiguous(), indices.movedim(-1, d).contiguous());
    }

    private static float[] floats(float[] a, int off, int n, int count, boolean max, long[] idx) {
        float[] out = new float[count];
        for (int r = 0; r < count; r += n) {
            float best = a[off + r];
            int at = 0;
            for (int i = 0; i < n; i++) {
                float v = a[off + r + i];
                // NaN takes the place; a number only while the best is not NaN, and on ties
                if (v != v || (best == best && (max ? v >= best : v <= best))) {
                    best = v;
                    at = i;
                }
                out[r + i] = best;
                idx[r + i] = at;
            }
        }
        return out;
    }

    private static double[] doubles(double[] a, int off, int n, int count, boolean max, long[] idx) {
        double[] out = new double[count];
        for (int r = 0; r < count; r += n) {
            double best = a[off + r];
            int at = 0;
            for (int i = 0; i < n; i++) {
                double v = a[off + r + i];
                if (v != v || (best == best && (max ? v >= best : v <= best))) {
                    best = v;
                    at = i;
                }
                out[r + i] = best;
                idx[r + i] = at;
            }
        }
        return out;
    }

    private static int[] ints(int[] a, int off, int n, int count, boolean max, long[] idx) {
        int[] out = new int[count];
        for (int r = 0; r < count; r += n) {
            int best = a[off + r], at = 0;
            for (int i = 0; i < n; i++) {
                int v = a[off + r + i];
                if (max ? v >= best : v <= best) {
                    best = v;
                    at = i;
                }
                out[r + i] = best;
                idx[r + i] = at;
            }
        }
        return out;
    }

    private static long[] longs(long[] a, int off, int n, int count, boolean max, long[] idx) {
        long[] out = new long[count];
        for (int r = 0; r < count; r += n) {
            long best = a[off + r];
            int at = 0;
            for (int i = 0; i < n; i++) {
                long v = a[off + r + i];
                if (max ? v >= best : v <= best) {
                    best = v;
                    at = i;
                }
                out[r + i] = best;
                idx[r + i] = at;
            }
        }
        return out;
    }
}
