package org.torch4j.backend.cpu;

import java.util.Arrays;
import org.torch4j.spi.Strided;

/**
 * Walks operands of one shape together, innermost dimension last, after dropping size-1 dimensions,
 * ordering dimensions by the first operand's strides and merging dimensions that are contiguous in
 * every operand. Work is handed out in rows: runs along the innermost dimension, each with one
 * offset per operand and the operands' inner strides.
 */
final class StridedIter {

    /** A run of {@code n} elements: operand {@code k} starts at {@code offsets[k]} with stride {@code strides[k]}. */
    @FunctionalInterface
    interface Row {
        void run(int n, int[] offsets, int[] strides);
    }

    final int operands;
    final long total;
    private final int rank;            // >= 1
    private final int[] shape;         // per dim, outermost first
    private final int[][] strides;     // [operand][dim]
    private final int[] base;          // per operand
    private final int[] inner;         // innermost stride per operand

    private StridedIter(int operands, int[] shape, int[][] strides, int[] base) {
        this.operands = operands;
        this.rank = shape.length;
        this.shape = shape;
        this.strides = strides;
        this.base = base;
        long t = 1;
        for (int s : shape) t *= s;
        this.total = t;
        this.inner = new int[operands];
        for (int k = 0; k < operands; k++) inner[k] = strides[k][rank - 1];
    }

    /** Plans the walk; operand 0 (the output) decides the dimension order. */
    static StridedIter of(Strided... ops) {
        long[] shape = ops[0].shape();
        int n = ops.length;
        int[] base = new int[n];
        for (int k = 0; k < n; k++) base[k] = Math.toIntExact(ops[k].offset());
        // keep non-trivial dims
        int[] dims = new int[shape.length];
        int r = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 0) return new StridedIter(n, new int[] {0}, new int[n][1], base);
            if (shape[d] != 1) dims[r++] = d;
        }
        if (r == 0) return new StridedIter(n, new int[] {1}, new int[n][1], base);
        dims = Arrays.copyOf(dims, r);
        sortByOutputStride(dims, ops[0].strides());
        // merge dims that are contiguous in every operand
        int[] sh = new int[r];
        int[][] st = new int[n][r];
        int m = 0;
        for (int i = 0; i < r; i++) {
            int d = dims[i];
            int size = Math.toIntExact(shape[d]);
            if (m > 0 && mergeable(ops, st, m - 1, d, size)) {
                sh[m - 1] *= size;
                for (int k = 0; k < n; k++) st[k][m - 1] = (int) ops[k].strides()[d];
            } else {
                sh[m] = size;
                for (int k = 0; k < n; k++) st[k][m] = (int) ops[k].strides()[d];
                m++;
            }
        }
        int[][] strides = new int[n][];
        for (int k = 0; k < n; k++) strides[k] = Arrays.copyOf(st[k], m);
        return new StridedIter(n, Arrays.copyOf(sh, m), strides, base);
    }

    /** Innermost runs shorter than this are worth trading for a longer, strided dimension. */
    private static final int SHORT_ROW = 16;

    /**
     * As {@link #of}, for walks whose order does not matter (elementwise kernels, copies without overlap):
     * a short innermost dimension (the pairs of a complex tensor's real view, a broadcast size-2 dim) is
     * swapped with the next dimension out when that is much longer, so the walk is a few long strided
     * rows instead of millions of two-element rows, each paying the per-row set-up.
     */
    static StridedIter anyOrder(Strided... ops) {
        StridedIter it = of(ops);
        if (it.rank < 2 || it.shape[it.rank - 1] >= SHORT_ROW) return it;
        // the next-densest dim (dims are ordered by the output's strides): its rows stay within a few cache
        // lines of each other, where the longest dim could walk a column
        int last = it.rank - 1, longest = last - 1;
        if (it.shape[longest] < 4L * SHORT_ROW) return it;
        int[] shape = it.shape.clone();
        int[][] strides = new int[it.operands][];
        swap(shape, longest, last);
        for (int k = 0; k < it.operands; k++) {
            strides[k] = it.strides[k].clone();
            swap(strides[k], longest, last);
        }
        return new StridedIter(it.operands, shape, strides, it.base);
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** dim {@code d} (size {@code size}) can join the merged dim {@code prev} when prev's stride spans it. */
    private static boolean mergeable(Strided[] ops, int[][] st, int prev, int d, int size) {
        for (int k = 0; k < ops.length; k++) {
            if (st[k][prev] != ops[k].strides()[d] * size) return false;
        }
        return true;
    }

    /** Stable sort of dims by decreasing |stride| of the output, so the innermost dim is the densest. */
    private static void sortByOutputStride(int[] dims, long[] outStrides) {
        for (int i = 1; i < dims.length; i++) {
            int d = dims[i];
            long s = Math.abs(outStrides[d]);
            int j = i - 1;
            while (j >= 0 && Math.abs(outStrides[dims[j]]) < s) {
                dims[j + 1] = dims[j];
                j--;
            }
            dims[j + 1] = d;
        }
    }

    /** True when every operand is dense (stride 1) along the whole walk. */
    boolean allContiguous() {
        if (rank != 1) return false;
        for (int k = 0; k < operands; k++) if (inner[k] != 1) return false;
        return true;
    }

    /**
     * Up to {@code rows} runs of {@code n} elements each: run r of operand k starts at
     * {@code offsets[k] + r * outer[k]} and steps by {@code inner[k]}. A walk handed out in blocks spends its
     * per-run set-up (offsets from the index, a call through an interface) once per block instead of once per
     * run, which dominates where runs are short (a [256, 64, 32] view with 32-element runs copied 5x slower than
     * the same loop written out).
     */
    @FunctionalInterface
    interface Block {
        void run(int rows, int n, int[] offsets, int[] inner, int[] outer);
    }

    /** Runs {@code row} over linear positions {@code [start, end)} of the walk. */
    void forRange(long start, long end, Row row) {
        int[] offs = new int[operands];
        forBlocks(start, end, (rows, n, o, in, out) -> {
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < operands; k++) offs[k] = o[k] + r * out[k];
                row.run(n, offs, in);
            }
        });
    }

    /**
     * Runs {@code block} over linear positions {@code [start, end)} of the walk: whole runs of the innermost
     * dimension grouped along the next one out, a partial run alone.
     */
    void forBlocks(long start, long end, Block block) {
        if (start >= end) return;
        int n = shape[rank - 1];
        int outer = rank - 1;
        int[] idx = new int[Math.max(outer, 1)];
        long rem = start / n;
        int col = (int) (start % n);
        for (int d = outer - 1; d >= 0; d--) {
            idx[d] = (int) (rem % shape[d]);
            rem /= shape[d];
        }
        int[] offs = new int[operands], rowStride = new int[operands];
        for (int k = 0; k < operands; k++) rowStride[k] = outer > 0 ? strides[k][outer - 1] : 0;
        long left = end - start;
        while (true) {
            for (int k = 0; k < operands; k++) {
                int o = base[k];
                int[] s = strides[k];
                for (int d = 0; d < outer; d++) o += idx[d] * s[d];
                offs[k] = o + col * inner[k];
            }
            int rows = 1, count;
            if (col != 0 || left < n) {
                count = (int) Math.min(n - col, left);
            } else {
                count = n;
                if (outer > 0) rows = (int) Math.min(shape[outer - 1] - idx[outer - 1], left / n);
            }
            block.run(rows, count, offs, inner, rowStride);
            left -= (long) rows * count;
            if (left <= 0) return;
            col = 0;
            if (outer == 0) continue;
            idx[outer - 1] += rows;
            for (int d = outer - 1; d > 0 && idx[d] >= shape[d]; d--) {
                idx[d] = 0;
                idx[d - 1]++;
            }
        }
    }

    /** Runs the whole walk, split over the CPU threads when it is larger than {@code grain}. */
    void run(int grain, Row row) {
        split(grain, (s, e) -> forRange(s, e, row));
    }

    /** As {@link #run(int, Row)}, in blocks of runs. */
    void runBlocks(int grain, Block block) {
        split(grain, (s, e) -> forBlocks(s, e, block));
    }

    /** Positions {@code [0, total)} on the calling thread when at most {@code grain}, else split over the threads. */
    private void split(int grain, Parallel.Body range) {
        if (total <= grain) {
            range.run(0, (int) total);
            return;
        }
        int t = total > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) total;
        Parallel.forRange(t, grain, range);
    }
}
