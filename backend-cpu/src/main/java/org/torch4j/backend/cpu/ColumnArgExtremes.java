package org.torch4j.backend.cpu;

import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * argmax / argmin and max / min with indices along a dim that is not the last, of a contiguous float32 or float64
 * tensor: the lines are columns, so whole row slices are compared at a time, one best value and its row per column
 * (a line at a time read one element per cache line, and an argmax down the 2048 rows of a [2048, 1024] tensor
 * took 9.8 ms; PyTorch 8.7). The first extreme wins ties, the first NaN wins over all, as along a line.
 */
final class ColumnArgExtremes {
    private ColumnArgExtremes() {}

    /** Columns a task compares together: their best values and rows stay in L1 next to a row's slice. */
    static final int COLUMNS = 512;

    /** False, having written nothing, where this does not apply. */
    static boolean reduce(boolean max, Strided values, Strided indices, Strided in, int dim) {
        int rank = in.rank();
        if (rank < 2 || dim == rank - 1 || !in.isContiguous() || !indices.isContiguous()
                || values != null && !values.isContiguous()) {
            return false;
        }
        Object a = ((HostStorage) in.storage()).array();
        if (!(a instanceof float[] || a instanceof double[])) return false;
        long[] shape = in.shape();
        int n = Math.toIntExact(shape[dim]);
        long inner = 1, outer = 1;
        for (int k = dim + 1; k < rank; k++) inner *= shape[k];
        for (int k = 0; k < dim; k++) outer *= shape[k];
        if (inner < 2 || n == 0) return false;
        int chunks = (int) ((inner + COLUMNS - 1) / COLUMNS);
        long tasks = outer * chunks;
        if (tasks > Integer.MAX_VALUE) return false;
        int cols = (int) inner, inOff = Math.toIntExact(in.offset());
        long[] at = ((HostStorage) indices.storage()).longs();
        int atOff = Math.toIntExact(indices.offset());
        Object best = values == null ? null : ((HostStorage) values.storage()).array();
        int bestOff = values == null ? 0 : Math.toIntExact(values.offset());
        int grain = (int) Math.max(1, Elementwise.CHEAP_GRAIN / ((long) n * Math.min(cols, COLUMNS)));
        Parallel.forRange((int) tasks, grain, (start, end) -> {
            for (int t = start; t < end; t++) {
                int o = t / chunks, c0 = (t % chunks) * COLUMNS, len = Math.min(COLUMNS, cols - c0);
                int from = inOff + o * n * cols + c0, to = o * cols + c0;
                switch (a) {
                    case float[] f -> {
                        float[] bv = new float[len];
                        int[] row = new int[len];
                        if (Simd.ENABLED) FloatingExtremesVec.columns(max, f, from, cols, n, len, bv, row);
                        else columns(max, f, from, cols, n, 0, len, bv, row);
                        for (int j = 0; j < len; j++) at[atOff + to + j] = row[j];
                        if (best != null) System.arraycopy(bv, 0, best, bestOff + to, len);
                    }
                    case double[] d -> {
                        double[] bv = new double[len];
                        long[] row = new long[len];
                        if (Simd.ENABLED) FloatingExtremesVec.columns(max, d, from, cols, n, len, bv, row);
                        else columns(max, d, from, cols, n, 0, len, bv, row);
                        System.arraycopy(row, 0, at, atOff + to, len);
                        if (best != null) System.arraycopy(bv, 0, best, bestOff + to, len);
                    }
                    default -> throw new IllegalStateException();
                }
            }
        });
        return true;
    }

    /**
     * The first extreme of each of columns [from, len) from {@code b}, {@code n} rows {@code step} apart: its value into
     * {@code bv}, its row into {@code row} (zeros on entry).
     */
    static void columns(boolean max, float[] a, int b, int step, int n, int from, int len, float[] bv, int[] row) {
        System.arraycopy(a, b + from, bv, from, len - from);
        for (int i = 1; i < n; i++) {
            int r = b + i * step;
            for (int j = from; j < len; j++) {
                float v = a[r + j], c = bv[j];
                if ((max ? v > c : v < c) || v != v && c == c) {
                    bv[j] = v;
                    row[j] = i;
                }
            }
        }
    }

    /** {@link #columns(boolean, float[], int, int, int, int, int, float[], int[])} in double. */
    static void columns(boolean max, double[] a, int b, int step, int n, int from, int len, double[] bv, long[] row) {
        System.arraycopy(a, b + from, bv, from, len - from);
        for (int i = 1; i < n; i++) {
            int r = b + i * step;
            for (int j = from; j < len; j++) {
                double v = a[r + j], c = bv[j];
                if ((max ? v > c : v < c) || v != v && c == c) {
                    bv[j] = v;
                    row[j] = i;
                }
            }
        }
    }
}
