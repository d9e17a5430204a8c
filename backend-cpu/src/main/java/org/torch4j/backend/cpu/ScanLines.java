package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.ScanOp;
import org.torch4j.spi.Strided;

/**
 * cumsum and cumprod as typed loops straight between the storage arrays, for the dtype pairs a scan usually
 * has (float32 and float64 into themselves, integers into int64). Each element is accumulated in the same
 * order and width as {@link LineOps}' generic path (double for floating dtypes, PyTorch's CPU acc_type; long
 * for integers), so results are bit-identical to it; the gain is skipping the per-line load into a fresh
 * double/long array and the store back through the dtype conversion, which cost as much as the scan itself.
 */
final class ScanLines {
    private ScanLines() {}

    /** Columns a task of {@link #columns} scans together: its accumulators stay in L1 next to a row's slice. */
    private static final int COLUMNS = 512;

    /**
     * Scans one line, {@code n} elements of {@code in} from {@code b} (stride {@code s}) into {@code out} from
     * {@code ob} (stride {@code os}); false, having written nothing, when the dtype pair has no typed loop here.
     */
    static boolean line(ScanOp op, HostStorage in, int b, int s, HostStorage out, int ob, int os, int n) {
        if (op == ScanOp.LOGCUMSUMEXP || in.dtype().isComplex() || out.dtype().isComplex()) return false;
        boolean sum = op == ScanOp.CUMSUM;
        // dense lines get loops of their own: the JIT drops the range checks only for constant strides
        boolean dense = s == 1 && os == 1;
        switch (in.array()) {
            case float[] a when out.array() instanceof float[] d -> {
                double acc = sum ? 0 : 1;
                if (dense && sum) for (int i = 0; i < n; i++) d[ob + i] = (float) (acc += a[b + i]);
                else if (dense) for (int i = 0; i < n; i++) d[ob + i] = (float) (acc *= a[b + i]);
                else if (sum) for (int i = 0; i < n; i++) d[ob + i * os] = (float) (acc += a[b + i * s]);
                else for (int i = 0; i < n; i++) d[ob + i * os] = (float) (acc *= a[b + i * s]);
            }
            case double[] a when out.array() instanceof double[] d -> {
                double acc = sum ? 0 : 1;
                if (dense && sum) for (int i = 0; i < n; i++) d[ob + i] = acc += a[b + i];
                else if (dense) for (int i = 0; i < n; i++) d[ob + i] = acc *= a[b + i];
                else if (sum) for (int i = 0; i < n; i++) d[ob + i * os] = acc += a[b + i * s];
                else for (int i = 0; i < n; i++) d[ob + i * os] = acc *= a[b + i * s];
            }
            case long[] a when out.array() instanceof long[] d -> {
                long acc = sum ? 0 : 1;
                if (dense && sum) for (int i = 0; i < n; i++) d[ob + i] = acc += a[b + i];
                else if (sum) for (int i = 0; i < n; i++) d[ob + i * os] = acc += a[b + i * s];
                else for (int i = 0; i < n; i++) d[ob + i * os] = acc *= a[b + i * s];
            }
            case int[] a when out.array() instanceof long[] d -> {
                long acc = sum ? 0 : 1;
                if (dense && sum) for (int i = 0; i < n; i++) d[ob + i] = acc += a[b + i];
                else if (sum) for (int i = 0; i < n; i++) d[ob + i * os] = acc += a[b + i * s];
                else for (int i = 0; i < n; i++) d[ob + i * os] = acc *= a[b + i * s];
            }
            case byte[] a when out.array() instanceof long[] d -> {
                // uint8 reads unsigned; int8 and bool (0 or 1) signed
                int mask = in.dtype() == DType.UINT8 ? 0xFF : -1;
                long acc = sum ? 0 : 1;
                if (sum) for (int i = 0; i < n; i++) d[ob + i * os] = acc += a[b + i * s] & mask;
                else for (int i = 0; i < n; i++) d[ob + i * os] = acc *= a[b + i * s] & mask;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * A scan along a dim that is not the last, of contiguous operands: the lines are columns, so a whole row
     * slice is advanced per step, one running value per column, in loops the JIT vectorises (a line at a time
     * would read one element per cache line). False, having written nothing, where this does not apply.
     */
    static boolean columns(ScanOp op, Strided out, Strided in, int dim) {
        int rank = in.rank();
        if (op == ScanOp.LOGCUMSUMEXP || rank < 2 || dim == rank - 1 || !in.isContiguous() || !out.isContiguous()
                || in.dtype().isComplex() || out.dtype().isComplex()) {
            return false;
        }
        Object a = ((HostStorage) in.storage()).array(), d = ((HostStorage) out.storage()).array();
        boolean typed = a instanceof float[] && d instanceof float[] || a instanceof double[] && d instanceof double[]
                || (a instanceof int[] || a instanceof long[]) && d instanceof long[];
        long[] shape = in.shape();
        int n = Math.toIntExact(shape[dim]);
        long inner = 1, outer = 1;
        for (int k = dim + 1; k < rank; k++) inner *= shape[k];
        for (int k = 0; k < dim; k++) outer *= shape[k];
        if (!typed || inner < 2) return false;
        int chunks = (int) ((inner + COLUMNS - 1) / COLUMNS);
        long tasks = outer * chunks;
        if (tasks > Integer.MAX_VALUE) return false;
        int inOff = Math.toIntExact(in.offset()), outOff = Math.toIntExact(out.offset());
        int cols = (int) inner;
        boolean sum = op == ScanOp.CUMSUM;
        int grain = (int) Math.max(1, Elementwise.CHEAP_GRAIN / ((long) n * Math.min(cols, COLUMNS)));
        Parallel.forRange((int) tasks, grain, (start, end) -> {
            for (int t = start; t < end; t++) {
                int o = t / chunks, c0 = (t % chunks) * COLUMNS, len = Math.min(COLUMNS, cols - c0);
                int first = o * n * cols + c0;
                columnBlock(sum, a, inOff + first, d, outOff + first, cols, n, len);
            }
        });
        return true;
    }

    /** {@code len} columns from {@code b}/{@code ob}, {@code n} rows {@code step} apart, scanned row by row. */
    private static void columnBlock(boolean sum, Object src, int b, Object dst, int ob, int step, int n, int len) {
        switch (src) {
            case float[] a -> {
                float[] d = (float[]) dst;
                double[] acc = start(sum, len);
                for (int i = 0; i < n; i++, b += step, ob += step) {
                    if (sum) for (int j = 0; j < len; j++) d[ob + j] = (float) (acc[j] += a[b + j]);
                    else for (int j = 0; j < len; j++) d[ob + j] = (float) (acc[j] *= a[b + j]);
                }
            }
            case double[] a -> {
                double[] d = (double[]) dst;
                double[] acc = start(sum, len);
                for (int i = 0; i < n; i++, b += step, ob += step) {
                    if (sum) for (int j = 0; j < len; j++) d[ob + j] = acc[j] += a[b + j];
                    else for (int j = 0; j < len; j++) d[ob + j] = acc[j] *= a[b + j];
                }
            }
            case int[] a -> {
                // the output row is the running value: the previous output row is the accumulator
                long[] d = (long[]) dst;
                for (int j = 0; j < len; j++) d[ob + j] = a[b + j];
                for (int i = 1; i < n; i++) {
                    int p = ob + (i - 1) * step, q = ob + i * step, x = b + i * step;
                    if (sum) for (int j = 0; j < len; j++) d[q + j] = d[p + j] + a[x + j];
                    else for (int j = 0; j < len; j++) d[q + j] = d[p + j] * a[x + j];
                }
            }
            case long[] a -> {
                long[] d = (long[]) dst;
                for (int j = 0; j < len; j++) d[ob + j] = a[b + j];
                for (int i = 1; i < n; i++) {
                    int p = ob + (i - 1) * step, q = ob + i * step, x = b + i * step;
                    if (sum) for (int j = 0; j < len; j++) d[q + j] = d[p + j] + a[x + j];
                    else for (int j = 0; j < len; j++) d[q + j] = d[p + j] * a[x + j];
                }
            }
            default -> throw new IllegalStateException("not a typed scan: " + src.getClass());
        }
    }

    private static double[] start(boolean sum, int len) {
        double[] acc = new double[len];
        if (!sum) java.util.Arrays.fill(acc, 1.0);
        return acc;
    }
}
