package org.torch4j.backend.cpu;

import org.torch4j.spi.HostStorage;
import org.torch4j.spi.ReduceOp;
import org.torch4j.spi.ScanOp;
import org.torch4j.spi.Strided;

/** Ops that work one line at a time along a dimension: scans, sort, topk, max/min with indices. */
final class LineOps {
    private LineOps() {}

    static void scan(ScanOp op, Strided out, Strided in, int dim) {
        int n = Lines.length(in, dim);
        // empty lines: nothing to scan, and a line's start may lie past an empty storage's end (arraycopy refuses it)
        if (n == 0) return;
        HostStorage src = (HostStorage) in.storage();
        HostStorage dst = (HostStorage) out.storage();
        if (ScanLines.columns(op, out, in, dim)) return;
        // floating scans accumulate in double (PyTorch's acc_type on the CPU), integer ones in long
        boolean floating = in.dtype().isFloatingPoint();
        Lines.forEach(dim, n, (b, s) -> {
            if (ScanLines.line(op, src, b[1], s[1], dst, b[0], s[0], n)) return;
            if (floating) {
                double[] v = new double[n];
                Convert.loadDouble(src, b[1], s[1], n, v, 0);
                // one loop per op: a switch inside the loop stayed there, per element
                switch (op) {
                    case CUMSUM -> { double acc = 0; for (int i = 0; i < n; i++) v[i] = acc += v[i]; }
                    case CUMPROD -> { double acc = 1; for (int i = 0; i < n; i++) v[i] = acc *= v[i]; }
                    case LOGCUMSUMEXP -> {
                        double acc = Double.NEGATIVE_INFINITY;
                        for (int i = 0; i < n; i++) v[i] = acc = logAddExp(acc, v[i]);
                    }
                }
                Convert.storeDouble(v, 0, n, dst, b[0], s[0]);
            } else {
                long[] v = new long[n];
                Convert.loadLong(src, b[1], s[1], n, v, 0);
                if (op == ScanOp.CUMPROD) {
                    long acc = 1;
                    for (int i = 0; i < n; i++) v[i] = acc *= v[i];
                } else {
                    long acc = 0;
                    for (int i = 0; i < n; i++) v[i] = acc += v[i];
                }
                Convert.storeLong(v, 0, n, dst, b[0], s[0]);
            }
        }, out, in);
    }

    private static double logAddExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) return b;
        if (b == Double.NEGATIVE_INFINITY) return a;
        double m = Math.max(a, b);
        if (m != m || a == b && Double.isInfinite(a)) return m; // inf with inf stays inf (inf - inf would give NaN)
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    static void reduceWithIndex(ReduceOp op, Strided values, Strided indices, Strided in, int dim) {
        int n = Lines.length(in, dim);
        HostStorage src = (HostStorage) in.storage();
        HostStorage idx = (HostStorage) indices.storage();
        HostStorage val = values == null ? null : (HostStorage) values.storage();
        boolean max = op == ReduceOp.MAX;
        boolean floating = in.dtype().isFloatingPoint();
        if (ColumnArgExtremes.reduce(max, values, indices, in, dim)) return;
        Strided[] ops = values == null ? new Strided[] {indices, in} : new Strided[] {indices, in, values};
        Lines.forEach(dim, n, (b, s) -> {
            int best = ArgExtremes.first(max, src, b[1], s[1], n);
            if (best < 0) best = firstExtremeInBlocks(max, src, b[1], s[1], n);
            if (val != null) copyElement(src, b[1] + best * s[1], val, b[2], floating);
            idx.longs()[b[0]] = best;
        }, ops);
    }

    /**
     * {@link ArgExtremes#first} for the dtypes it has no loop for (float16, bfloat16), through doubles converted a
     * block at a time: a whole line converted at once was an array of its length (a full argmax of 2^24 floats
     * allocated 128 MB and took 120-370 ms; PyTorch 14).
     */
    private static int firstExtremeInBlocks(boolean max, HostStorage src, int off, int stride, int n) {
        double[] v = new double[Math.min(n, DomainIO.BLOCK)];
        double bv = Double.NaN;
        int best = 0;
        for (int from = 0; from < n && (from == 0 || bv == bv); from += v.length) {
            int len = Math.min(v.length, n - from);
            Convert.loadDouble(src, off + from * stride, stride, len, v, 0);
            int i = 0;
            if (from == 0) bv = v[i++];
            for (; i < len && bv == bv; i++) {
                double x = v[i];
                if (x != x || (max ? x > bv : x < bv)) {
                    bv = x;
                    best = from + i;
                }
            }
        }
        return best;
    }

    /** Element {@code from} of {@code src} into element {@code to} of {@code dst} (the same dtype), through a double or a long. */
    private static void copyElement(HostStorage src, int from, HostStorage dst, int to, boolean floating) {
        if (floating) {
            double[] v = new double[1];
            Convert.loadDouble(src, from, 1, 1, v, 0);
            Convert.storeDouble(v, 0, 1, dst, to, 1);
        } else {
            long[] v = new long[1];
            Convert.loadLong(src, from, 1, 1, v, 0);
            Convert.storeLong(v, 0, 1, dst, to, 1);
        }
    }

    static void sort(Strided values, Strided indices, Strided in, int dim, boolean descending) {
        int n = Lines.length(in, dim);
        sortLines(values, indices, in, dim, descending, n);
    }

    static void topk(Strided values, Strided indices, Strided in, int dim, int k, boolean largest) {
        sortLines(values, indices, in, dim, largest, k);
    }

    /** Sorts each line (stably; NaN largest) and writes the first {@code keep} values and indices (a few, for topk, selected without sorting). */
    private static void sortLines(Strided values, Strided indices, Strided in, int dim, boolean descending, int keep) {
        int n = Lines.length(in, dim);
        if (n == 0) return; // as for scans: nothing to write, and the lines' starts may lie past the storage
        HostStorage src = (HostStorage) in.storage();
        HostStorage dst = (HostStorage) values.storage();
        HostStorage idx = (HostStorage) indices.storage();
        boolean floating = in.dtype().isFloatingPoint();
        boolean select = keep <= Sorting.SELECT_MAX && 2 * keep <= n;   // topk: keep the best few, sort nothing
        long cost = select ? n : (long) n * Math.max(1, 32 - Integer.numberOfLeadingZeros(n));
        Lines.forEach(dim, cost, (b, s) -> {
            int[] order = new int[select ? keep : n];
            for (int i = 0; i < order.length; i++) order[i] = i;
            if (floating) {
                double[] v = new double[n];
                Convert.loadDouble(src, b[1], s[1], n, v, 0);
                if (select) Sorting.first(order, v, descending, keep);
                else Sorting.sort(order, v, descending);
                double[] outV = new double[keep];
                for (int i = 0; i < keep; i++) outV[i] = v[order[i]];
                Convert.storeDouble(outV, 0, keep, dst, b[0], s[0]);
            } else {
                long[] v = new long[n];
                Convert.loadLong(src, b[1], s[1], n, v, 0);
                if (select) Sorting.first(order, v, descending, keep);
                else Sorting.sort(order, v, descending);
                long[] outV = new long[keep];
                for (int i = 0; i < keep; i++) outV[i] = v[order[i]];
                Convert.storeLong(outV, 0, keep, dst, b[0], s[0]);
            }
            long[] ix = idx.longs();
            for (int i = 0; i < keep; i++) ix[b[2] + i * s[2]] = order[i];
        }, values, in, indices);
    }
}
