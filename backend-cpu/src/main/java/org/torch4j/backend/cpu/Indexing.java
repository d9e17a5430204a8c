package org.torch4j.backend.cpu;

import org.torch4j.spi.HostStorage;
import org.torch4j.spi.ScatterReduce;
import org.torch4j.spi.Strided;

/**
 * gather, scatter and advanced indexing. Index operands are int64. Ops that write in place
 * check every index before the first write, so a bad index leaves the target unchanged.
 */
final class Indexing {
    private Indexing() {}

    /**
     * out[p] = in[p with coordinate dim replaced by index[p]]. Each row's indices are checked just before the row
     * is gathered (while they are in cache); out is new, so a failure part way leaves nothing the caller had.
     */
    static void gather(Strided out, Strided in, int dim, Strided index) {
        int size = Lines.length(in, dim);
        // `in` seen with index's shape and stride 0 along dim: the walk gives each element's line start
        long[] st = in.strides().clone();
        long dimStride = in.rank() == 0 ? 0 : st[dim];
        if (in.rank() > 0) st[dim] = 0;
        Strided base = in.with(index.shape(), st, in.offset());
        HostStorage src = (HostStorage) in.storage();
        HostStorage dst = (HostStorage) out.storage();
        long[] idx = ((HostStorage) index.storage()).longs();
        Object sa = src.array();
        Object da = dst.array();
        int ds = (int) dimStride;
        // in blocks of runs: a gather of 16 per row paid a run's set-up (offsets, a call) for every 16 elements
        StridedIter.of(out, base, index).runBlocks(Elementwise.CHEAP_GRAIN, (rows, n, offs, step, outer) -> {
            for (int r = 0; r < rows; r++) {
                int x = offs[2] + r * outer[2];
                checkRow(idx, x, step[2], n, size, dim);
                gatherRow(sa, offs[1] + r * outer[1], step[1], idx, x, step[2], ds, da, offs[0] + r * outer[0], step[0], n);
            }
        });
    }

    /**
     * One row of gather: {@code dst[d0 + i ds] = src[b + i bs + idx[x + i xs] dimStride]}, with the array type
     * resolved once per row (a one-element copy call per element was ten times slower).
     */
    private static void gatherRow(Object src, int b, int bs, long[] idx, int x, int xs, int dimStride, Object dst, int d0, int ds, int n) {
        switch (src) {
            case float[] a when bs == 0 && xs == 1 && ds == 1 -> {
                // the common case (each output row picks from one input row) without the stride products
                float[] d = (float[]) dst;
                for (int i = 0; i < n; i++) d[d0 + i] = a[b + (int) idx[x + i] * dimStride];
            }
            case float[] a -> {
                float[] d = (float[]) dst;
                for (int i = 0; i < n; i++) d[d0 + i * ds] = a[b + i * bs + (int) idx[x + i * xs] * dimStride];
            }
            case double[] a -> {
                double[] d = (double[]) dst;
                for (int i = 0; i < n; i++) d[d0 + i * ds] = a[b + i * bs + (int) idx[x + i * xs] * dimStride];
            }
            case long[] a -> {
                long[] d = (long[]) dst;
                for (int i = 0; i < n; i++) d[d0 + i * ds] = a[b + i * bs + (int) idx[x + i * xs] * dimStride];
            }
            case int[] a -> {
                int[] d = (int[]) dst;
                for (int i = 0; i < n; i++) d[d0 + i * ds] = a[b + i * bs + (int) idx[x + i * xs] * dimStride];
            }
            case short[] a -> {
                short[] d = (short[]) dst;
                for (int i = 0; i < n; i++) d[d0 + i * ds] = a[b + i * bs + (int) idx[x + i * xs] * dimStride];
            }
            case byte[] a -> {
                byte[] d = (byte[]) dst;
                for (int i = 0; i < n; i++) d[d0 + i * ds] = a[b + i * bs + (int) idx[x + i * xs] * dimStride];
            }
            default -> throw new IllegalStateException("not a storage array: " + src.getClass());
        }
    }

    /** {@code dst[d0 + i ds] = src[from[i]]} for i in [0, n), the array type resolved once per block. */
    private static void gatherAt(Object src, int[] from, Object dst, int d0, int ds, int n) {
        switch (src) {
            case float[] a -> { float[] d = (float[]) dst; for (int i = 0; i < n; i++) d[d0 + i * ds] = a[from[i]]; }
            case double[] a -> { double[] d = (double[]) dst; for (int i = 0; i < n; i++) d[d0 + i * ds] = a[from[i]]; }
            case long[] a -> { long[] d = (long[]) dst; for (int i = 0; i < n; i++) d[d0 + i * ds] = a[from[i]]; }
            case int[] a -> { int[] d = (int[]) dst; for (int i = 0; i < n; i++) d[d0 + i * ds] = a[from[i]]; }
            case short[] a -> { short[] d = (short[]) dst; for (int i = 0; i < n; i++) d[d0 + i * ds] = a[from[i]]; }
            case byte[] a -> { byte[] d = (byte[]) dst; for (int i = 0; i < n; i++) d[d0 + i * ds] = a[from[i]]; }
            default -> throw new IllegalStateException("not a storage array: " + src.getClass());
        }
    }

    /** self[p with coordinate dim replaced by index[p]] (reduce)= src[p], for p over index's shape. */
    static void scatter(Strided self, int dim, Strided index, Strided src, ScatterReduce reduce) {
        int size = Lines.length(self, dim);
        checkIndices(index, size, dim);
        long[] st = self.strides().clone();
        long dimStride = self.rank() == 0 ? 0 : st[dim];
        if (self.rank() > 0) st[dim] = 0;
        Strided base = self.with(index.shape(), st, self.offset());
        Strided srcView = src.with(index.shape(), src.strides(), src.offset());
        HostStorage dst = (HostStorage) self.storage();
        HostStorage from = (HostStorage) src.storage();
        long[] idx = ((HostStorage) index.storage()).longs();
        int ds = (int) dimStride;
        StridedIter it = StridedIter.of(base, srcView, index);
        // Source elements collide only within one line along dim, and the elements sharing the coordinates
        // before dim (a block of prod(shape[dim:]) in walk order) hold whole lines: threads take whole blocks.
        long block = 1;
        for (int i = Math.max(dim, 0); i < index.rank(); i++) block *= index.shape()[i];
        long blocks = it.total / Math.max(1, block);
        long fBlock = block;
        java.util.function.Supplier<StridedIter.Row> rows = () -> {
            ScatterWriter w = new ScatterWriter(dst, from, reduce);
            return (n, offs, strides) -> w.scatterRun(n, offs[0], strides[0], idx, offs[2], strides[2], ds, offs[1], strides[1]);
        };
        if (blocks < 2 || blocks > Integer.MAX_VALUE) {
            it.forRange(0, it.total, rows.get());
            return;
        }
        int grain = (int) Math.max(1, Elementwise.CHEAP_GRAIN / Math.max(1, block));
        Parallel.forRange((int) blocks, grain, (a, b) -> it.forRange(a * fBlock, b * fBlock, rows.get()));
    }

    /**
     * Throws PyTorch's message for the first index outside [0, size). The indices are checked in full before
     * the caller's first write, by a branch-free pass; only a failed pass walks them again for the first bad one.
     */
    private static void checkIndices(Strided index, int size, int dim) {
        long[] idx = ((HostStorage) index.storage()).longs();
        StridedIter it = StridedIter.of(index);
        long[] bad = {0};
        it.forRange(0, it.total, (n, offs, strides) -> bad[0] |= outside(idx, offs[0], strides[0], n, size));
        if (bad[0] < 0) it.forRange(0, it.total, (n, offs, strides) -> checkRow(idx, offs[0], strides[0], n, size, dim));
    }

    /**
     * Negative when one of {@code n} indices (from {@code at}, {@code stride} apart) lies outside {@code [0, size)}:
     * v and size - 1 - v are both non-negative exactly for the valid ones, so the sign bit of their OR flags a bad
     * index without a branch per element (an OR reduction the JIT vectorises for unit strides).
     */
    private static long outside(long[] idx, int at, int stride, int n, int size) {
        long last = size - 1L, bad = 0;
        if (stride == 1) {
            for (int i = 0; i < n; i++) bad |= idx[at + i] | (last - idx[at + i]);
        } else {
            for (int i = 0; i < n; i++) bad |= idx[at + i * stride] | (last - idx[at + i * stride]);
        }
        return bad;
    }

    /** PyTorch's error for the first of {@code n} indices (from {@code at}, {@code stride} apart) outside {@code [0, size)}. */
    private static void checkRow(long[] idx, int at, int stride, int n, int size, int dim) {
        if (outside(idx, at, stride, n, size) >= 0) return;
        for (int i = 0; i < n; i++) {
            long v = idx[at + i * stride];
            if (v < 0 || v >= size) {
                throw new IndexOutOfBoundsException("index " + v + " is out of bounds for dimension " + dim + " with size " + size);
            }
        }
    }

    /**
     * Advanced indexing: walks the output with {@code in} seen through the output's shape (stride 0 on
     * the indexed block) and each index tensor broadcast over it, adding index * stride per element.
     */
    static void index(Strided out, Strided in, int firstDim, Strided[] indices) {
        if (selectRows(out, in, firstDim, indices)) return;
        Strided[] ops = advancedOperands(out, in, firstDim, indices);
        int[] dimStrides = indexedStrides(in, firstDim, indices.length);
        HostStorage src = (HostStorage) in.storage();
        HostStorage dst = (HostStorage) out.storage();
        long[][] idx = indexArrays(indices);
        Object sa = src.array();
        Object da = dst.array();
        StridedIter.of(ops).run(Elementwise.CHEAP_GRAIN, (n, offs, strides) -> {
            boolean sameIndex = true; // along this run the indices stay put: one strided copy (a whole row for index_select)
            for (int k = 0; k < idx.length; k++) sameIndex &= strides[2 + k] == 0;
            if (sameIndex) {
                int from = offs[1];
                for (int k = 0; k < idx.length; k++) from += (int) idx[k][offs[2 + k]] * dimStrides[k];
                Copy.copyRaw(sa, from, strides[1], da, offs[0], strides[0], n);
                return;
            }
            if (idx.length == 1 && strides[1] == 0 && strides[2] == 1) {
                // one index vector along the run over a fixed input line (index_select along the last dim, a
                // resampling's taps): gather's row loop, without the positions array (it took 5 ns an element)
                gatherRow(sa, offs[1], 0, idx[0], offs[2], 1, dimStrides[0], da, offs[0], strides[0], n);
                return;
            }
            int[] from = new int[Math.min(n, DomainIO.BLOCK)];
            for (int start = 0; start < n; start += DomainIO.BLOCK) {
                int len = Math.min(DomainIO.BLOCK, n - start);
                for (int j = 0, i = start; j < len; j++, i++) {
                    int f = offs[1] + i * strides[1];
                    for (int k = 0; k < idx.length; k++) f += (int) idx[k][offs[2 + k] + i * strides[2 + k]] * dimStrides[k];
                    from[j] = f;
                }
                gatherAt(sa, from, da, offs[0] + start * strides[0], strides[0], len);
            }
        });
    }

    /**
     * index_select along dim 0 of a contiguous tensor into a contiguous one (embedding lookups, gathers of rows):
     * one array copy per index, split across threads. False for any other layout.
     */
    private static boolean selectRows(Strided out, Strided in, int firstDim, Strided[] indices) {
        if (firstDim != 0 || indices.length != 1 || indices[0].rank() != 1 || in.rank() < 1 || !in.isContiguous()
                || !out.isContiguous() || !indices[0].isContiguous() || in.shape()[0] == 0) {
            return false;
        }
        int rows = (int) indices[0].numel();
        long rowLen = in.numel() / in.shape()[0];
        if (rowLen < 8 || out.numel() != rows * rowLen) return false;
        long[] idx = ((HostStorage) indices[0].storage()).longs();
        int io = (int) indices[0].offset(), len = (int) rowLen, inOff = (int) in.offset(), outOff = (int) out.offset();
        Object sa = ((HostStorage) in.storage()).array(), da = ((HostStorage) out.storage()).array();
        Parallel.forRange(rows, Math.max(1, (1 << 16) / len), (a, b) -> {
            for (int i = a; i < b; i++) System.arraycopy(sa, inOff + (int) idx[io + i] * len, da, outOff + i * len, len);
        });
        return true;
    }

    static void indexPut(Strided self, int firstDim, Strided[] indices, Strided values, boolean accumulate) {
        // the walk runs over values' (broadcast) shape, which is the indexing result's shape
        Strided[] ops = advancedOperands(values, self, firstDim, indices);
        int[] dimStrides = indexedStrides(self, firstDim, indices.length);
        HostStorage dst = (HostStorage) self.storage();
        HostStorage from = (HostStorage) values.storage();
        long[][] idx = indexArrays(indices);
        ScatterWriter w = new ScatterWriter(dst, from, accumulate ? ScatterReduce.ADD : ScatterReduce.NONE);
        if (putRows(self, firstDim, indices, values, w)) return;
        int[] to = new int[DomainIO.BLOCK], at = new int[DomainIO.BLOCK];
        StridedIter it = StridedIter.of(ops);
        it.forRange(0, it.total, (n, offs, strides) -> {
            boolean sameIndex = true; // along this run the indices stay put: one row into one row (index_add's rows)
            for (int k = 0; k < idx.length; k++) sameIndex &= strides[2 + k] == 0;
            if (sameIndex) {
                int t = offs[1];
                for (int k = 0; k < idx.length; k++) t += (int) idx[k][offs[2 + k]] * dimStrides[k];
                w.writeRun(n, t, strides[1], offs[0], strides[0]);
                return;
            }
            for (int start = 0; start < n; start += DomainIO.BLOCK) {
                int len = Math.min(DomainIO.BLOCK, n - start);
                for (int j = 0, i = start; j < len; j++, i++) {
                    int t = offs[1] + i * strides[1];
                    for (int k = 0; k < idx.length; k++) t += (int) idx[k][offs[2 + k] + i * strides[2 + k]] * dimStrides[k];
                    to[j] = t;
                    at[j] = offs[0] + i * strides[0];
                }
                w.write(len, to, at);
            }
        });
    }

    /**
     * index_put / index_add along dim 0 of a contiguous tensor: one row written (or added) per index, in index
     * order, so repeated rows accumulate as in the general walk. The values' rows are dense, or one broadcast value
     * each (an embedding's gradient from a sum or a mean: the element-by-element walk took 3.6 ms for 4096 rows of
     * 256), at any row stride. False for any other layout.
     */
    private static boolean putRows(Strided self, int firstDim, Strided[] indices, Strided values, ScatterWriter w) {
        if (firstDim != 0 || indices.length != 1 || indices[0].rank() != 1 || self.rank() < 1 || !self.isContiguous()
                || !indices[0].isContiguous() || self.shape()[0] == 0 || values.rank() != self.rank()) {
            return false;
        }
        int rows = (int) indices[0].numel();
        long rowLen = self.numel() / self.shape()[0];
        if (rowLen < 8 || values.numel() != rows * rowLen) return false;
        int inner = rowStep(values);
        if (inner < 0) return false;
        long[] idx = ((HostStorage) indices[0].storage()).longs();
        int io = (int) indices[0].offset(), len = (int) rowLen, selfOff = (int) self.offset(), valOff = (int) values.offset();
        int valRows = Math.toIntExact(values.strides()[0]);
        for (int i = 0; i < rows; i++) w.writeRun(len, selfOff + (int) idx[io + i] * len, 1, valOff + i * valRows, inner);
        return true;
    }

    /** 1 when each of the values' rows (every dim past the first) is dense, 0 when each is one broadcast value, else -1. */
    private static int rowStep(Strided values) {
        long[] shape = values.shape(), strides = values.strides();
        boolean dense = true, broadcast = true;
        long expected = 1;
        for (int d = shape.length - 1; d >= 1; d--) {
            if (shape[d] == 1) continue;
            dense &= strides[d] == expected;
            broadcast &= strides[d] == 0;
            expected *= shape[d];
        }
        return dense ? 1 : broadcast ? 0 : -1;
    }

    /** [result, source seen in result's shape, index_0..index_k seen in result's shape]. */
    private static Strided[] advancedOperands(Strided result, Strided source, int firstDim, Strided[] indices) {
        long[] shape = result.shape();
        int k = indices.length;
        int b = indices[0].rank();
        int rank = shape.length;
        long[] srcStrides = new long[rank];
        for (int d = 0; d < firstDim; d++) srcStrides[d] = source.strides()[d];
        for (int d = firstDim + b; d < rank; d++) srcStrides[d] = source.strides()[d - b + k];
        Strided[] ops = new Strided[2 + k];
        ops[0] = result;
        ops[1] = source.with(shape, srcStrides, source.offset());
        for (int j = 0; j < k; j++) {
            long[] is = new long[rank];
            for (int d = 0; d < b; d++) is[firstDim + d] = indices[j].strides()[d];
            ops[2 + j] = indices[j].with(shape, is, indices[j].offset());
        }
        return ops;
    }

    private static int[] indexedStrides(Strided source, int firstDim, int k) {
        int[] s = new int[k];
        for (int j = 0; j < k; j++) s[j] = Math.toIntExact(source.strides()[firstDim + j]);
        return s;
    }

    private static long[][] indexArrays(Strided[] indices) {
        long[][] a = new long[indices.length][];
        for (int j = 0; j < indices.length; j++) a[j] = ((HostStorage) indices[j].storage()).longs();
        return a;
    }
}
