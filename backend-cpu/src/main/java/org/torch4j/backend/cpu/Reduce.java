package org.torch4j.backend.cpu;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.backend.cpu.kernels.DoubleKernels;
import org.torch4j.backend.cpu.kernels.FloatKernels;
import org.torch4j.backend.cpu.kernels.LongKernels;
import org.torch4j.spi.BinaryOp;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.ReduceOp;
import org.torch4j.spi.Strided;

/**
 * Reductions over any set of dimensions. When the input's densest dimension is reduced, each output
 * element folds contiguous runs ("inner" strategy); when it is kept, whole rows are folded into a
 * block of accumulators with the elementwise kernels ("outer" strategy), which vectorises.
 * Inner folds of floating values accumulate in double, integer ones in long; outer folds accumulate in
 * the domain's type, float sums through a {@link CascadeSum}.
 */
final class Reduce {
    private Reduce() {}

    static void reduce(ReduceOp op, Strided out, Strided in, int[] dims) {
        int rank = in.rank();
        boolean[] reduced = new boolean[rank];
        for (int d : dims) reduced[d] = true;
        if (in.numel() == 0) {
            fillEmpty(op, out);
            return;
        }
        Layout l = Layout.of(in, reduced);
        HostStorage src = (HostStorage) in.storage();
        HostStorage dst = (HostStorage) out.storage();
        Domain domain = Domain.of(in.dtype());
        int[] keptShape = l.keptShape();
        if (l.innerReduced()) {
            reduceInner(op, domain, src, dst, l, keptShape, outStrides(l, out), (int) out.offset());
        } else {
            reduceOuter(op, domain, src, dst, l, outStrides(l, out), (int) out.offset());
        }
    }

    /** The strides of {@code out} along the layout's kept dims, in its order (0 for the stand-in of a full reduction). */
    static int[] outStrides(Layout l, Strided out) {
        int[] r = new int[l.kept.length];
        for (int i = 0; i < l.kept.length; i++) r[i] = l.keptDims[i] < 0 ? 0 : Math.toIntExact(out.strides()[l.keptDims[i]]);
        return r;
    }

    /** The identity of each reduction, for empty inputs (max and min of nothing are errors in the api). */
    private static void fillEmpty(ReduceOp op, Strided out) {
        Number v = switch (op) {
            case SUM, ANY -> 0L;
            case PROD, ALL -> 1L;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
        if (out.numel() > 0) Copy.fill(out, v);
    }

    // ---- inner: each output element folds contiguous runs -------------------------------------------

    private static void reduceInner(ReduceOp op, Domain domain, HostStorage src, HostStorage dst, Layout l,
                                    int[] keptShape, int[] outStrides, int outBase) {
        long outputs = l.keptCount();
        long work = outputs * l.reducedCount();
        int grain = (int) Math.max(1, Elementwise.CHEAP_GRAIN / Math.max(1, l.reducedCount()));
        DomainIO io = DomainIO.of(domain);
        Object nativeSrc = io.nativeArray(src);
        if (nativeSrc instanceof float[] fa && dst.dtype() == DType.FLOAT32 && l.reducedShape.length == 1 && l.reducedStrides[0] == 1) {
            floatRows(op, fa, dst.floats(), l, keptShape, outStrides, outBase, work < Elementwise.CHEAP_GRAIN ? Integer.MAX_VALUE : grain);
            return;
        }
        Parallel.forRange((int) outputs, work < Elementwise.CHEAP_GRAIN ? Integer.MAX_VALUE : grain, (start, end) -> {
            Object buf = io.scratch()[0];
            Object outBuf = io.scratch()[1];
            int[] keptIdx = new int[keptShape.length];
            unravel(start, keptShape, keptIdx);
            for (int o = start; o < end; o++) {
                int inBase = l.base + dot(keptIdx, l.keptStrides);
                int outOff = outBase + dot(keptIdx, outStrides);
                foldInto(op, domain, io, src, nativeSrc, inBase, l, buf, outBuf);
                io.store(outBuf, 0, 1, dst, outOff, 1);
                increment(keptIdx, keptShape);
            }
        });
    }

    /**
     * Float32 rows reduced along their one dense dim into float32 ({@code x.sum(-1)}, {@code x.amax(-1)}): each row's
     * fold stored straight into the output, the same value as {@link #foldInto}'s, without its per-output set-up
     * (scratch blocks, index arrays, a store through the domain's converter), which cost more than folding a short
     * row: [65536, 16].sum(-1) took 45 ns a row.
     */
    private static void floatRows(ReduceOp op, float[] a, float[] out, Layout l, int[] keptShape, int[] outStrides, int outBase,
                                  int grain) {
        int inner = l.reducedShape[0];
        double identity = doubleIdentity(op);
        boolean rowSums = Simd.ENABLED && op == ReduceOp.SUM && inner >= 64 && inner <= FloatFold.CHUNK;
        boolean rowExtremes = Simd.ENABLED && (op == ReduceOp.MAX || op == ReduceOp.MIN) && inner >= 16 && inner <= FloatFold.CHUNK;
        boolean shortRowSums = FloatFold.SHORT_VECTORS && op == ReduceOp.SUM && inner < 64;
        int last = keptShape.length - 1;
        int inStep = last < 0 ? 0 : l.keptStrides[last], outStep = last < 0 ? 0 : outStrides[last];
        Parallel.forRange(Math.toIntExact(l.keptCount()), grain, (start, end) -> {
            int[] keptIdx = new int[keptShape.length];
            unravel(start, keptShape, keptIdx);
            // runs of rows along the innermost kept dim, each row's offsets a step on (rows of 4 took 6 ns to find)
            for (int o = start; o < end; ) {
                int run = last < 0 ? end - o : Math.min(end - o, keptShape[last] - keptIdx[last]);
                int in = l.base + dot(keptIdx, l.keptStrides), at = outBase + dot(keptIdx, outStrides);
                if (rowSums) {
                    FloatFoldVec.rowSums(a, in, inStep, inner, out, at, outStep, run);
                } else if (rowExtremes) {
                    FloatFoldVec.rowExtremes(op == ReduceOp.MAX, a, in, inStep, inner, out, at, outStep, run);
                } else if (shortRowSums) {
                    FloatFoldVec.shortRowSums(a, in, inStep, inner, out, at, outStep, run);
                } else {
                    for (int j = 0; j < run; j++, in += inStep, at += outStep) {
                        out[at] = (float) combine(op, identity, FloatFold.fold(op, a, in, inner));
                    }
                }
                o += run;
                if (last >= 0) {
                    keptIdx[last] += run - 1;
                    increment(keptIdx, keptShape);
                }
            }
        });
    }

    /** Folds the reduced sub-block starting at {@code inBase} into element 0 of {@code result}. */
    private static void foldInto(ReduceOp op, Domain domain, DomainIO io, HostStorage src, Object nativeSrc,
                                 int inBase, Layout l, Object buf, Object result) {
        int[] rShape = l.reducedShape;
        int inner = rShape[rShape.length - 1];
        int innerStride = l.reducedStrides[rShape.length - 1];
        int[] idx = new int[rShape.length];
        long rows = l.reducedCount() / inner;
        if (domain == Domain.LONG) {
            long acc = longIdentity(op);
            boolean denseSum = op == ReduceOp.SUM && innerStride == 1;
            boolean denseIntExtreme = Simd.ENABLED && (op == ReduceOp.MAX || op == ReduceOp.MIN) && innerStride == 1
                    && src.dtype() == DType.INT32;
            for (long r = 0; r < rows; r++) {
                int off = inBase + dot(idx, l.reducedStrides);
                if (denseSum) {
                    acc += IntegerSums.dense(src, off, inner);
                } else if (denseIntExtreme) {
                    acc = IntegerExtremesVec.extreme(op == ReduceOp.MAX, acc, src.ints(), off, inner);
                } else {
                    for (int s = 0; s < inner; s += DomainIO.BLOCK) {
                        int len = Math.min(DomainIO.BLOCK, inner - s);
                        io.load(src, off + s * innerStride, innerStride, len, buf, 0);
                        acc = foldLong(op, acc, (long[]) buf, len);
                    }
                }
                incrementOuter(idx, rShape);
            }
            ((long[]) result)[0] = acc;
        } else {
            double acc = doubleIdentity(op);
            for (long r = 0; r < rows; r++) {
                int off = inBase + dot(idx, l.reducedStrides);
                if (nativeSrc instanceof float[] fa && innerStride == 1) {
                    acc = combine(op, acc, FloatFold.fold(op, fa, off, inner));
                } else if (nativeSrc instanceof double[] da && innerStride == 1 && Simd.ENABLED && inner >= 64
                        && (op == ReduceOp.SUM || op == ReduceOp.MAX || op == ReduceOp.MIN)) {
                    acc = combine(op, acc, DoubleFoldVec.fold(op, da, off, inner));
                } else {
                    for (int s = 0; s < inner; s += DomainIO.BLOCK) {
                        int len = Math.min(DomainIO.BLOCK, inner - s);
                        if (nativeSrc instanceof double[] da && innerStride == 1) {
                            acc = foldDouble(op, acc, da, off + s, len);
                        } else {
                            io.load(src, off + s * innerStride, innerStride, len, buf, 0);
                            acc = buf instanceof float[] fb ? combine(op, acc, FloatFold.fold(op, fb, 0, len))
                                    : foldDouble(op, acc, (double[]) buf, 0, len);
                        }
                    }
                }
                incrementOuter(idx, rShape);
            }
            if (result instanceof float[] f) f[0] = (float) acc;
            else ((double[]) result)[0] = acc;
        }
    }

    static double doubleIdentity(ReduceOp op) {
        return switch (op) {
            case SUM, ANY -> 0;
            case PROD, ALL -> 1;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
    }

    static long longIdentity(ReduceOp op) {
        return switch (op) {
            case SUM, ANY -> 0;
            case PROD, ALL -> 1;
            case MAX -> Long.MIN_VALUE;
            case MIN -> Long.MAX_VALUE;
        };
    }

    static double combine(ReduceOp op, double acc, double v) {
        return switch (op) {
            case SUM -> acc + v;
            case PROD -> acc * v;
            case MAX -> Math.max(acc, v);
            case MIN -> Math.min(acc, v);
            case ALL -> (acc != 0 && v != 0) ? 1 : 0;
            case ANY -> (acc != 0 || v != 0) ? 1 : 0;
        };
    }

    private static double foldDouble(ReduceOp op, double acc, double[] a, int off, int n) {
        switch (op) {
            case SUM -> { for (int i = 0; i < n; i++) acc += a[off + i]; }
            case PROD -> { for (int i = 0; i < n; i++) acc *= a[off + i]; }
            case MAX -> { for (int i = 0; i < n; i++) acc = Math.max(acc, a[off + i]); }
            case MIN -> { for (int i = 0; i < n; i++) acc = Math.min(acc, a[off + i]); }
            case ALL -> { for (int i = 0; i < n; i++) if (a[off + i] == 0) return 0; }
            case ANY -> { for (int i = 0; i < n; i++) if (a[off + i] != 0) return 1; }
        }
        return acc;
    }

    private static long foldLong(ReduceOp op, long acc, long[] a, int n) {
        if (Simd.ENABLED && (op == ReduceOp.MAX || op == ReduceOp.MIN)) return IntegerExtremesVec.extreme(op == ReduceOp.MAX, acc, a, n);
        switch (op) {
            case SUM -> { for (int i = 0; i < n; i++) acc += a[i]; }
            case PROD -> { for (int i = 0; i < n; i++) acc *= a[i]; }
            case MAX -> { for (int i = 0; i < n; i++) acc = Math.max(acc, a[i]); }
            case MIN -> { for (int i = 0; i < n; i++) acc = Math.min(acc, a[i]); }
            case ALL -> { for (int i = 0; i < n; i++) if (a[i] == 0) return 0; }
            case ANY -> { for (int i = 0; i < n; i++) if (a[i] != 0) return 1; }
        }
        return acc;
    }

    // ---- outer: the densest dim is kept; rows fold into accumulator blocks ------------------------

    /**
     * Rows per part where a few column blocks are reduced over many rows ({@code x.sum(0)} of [N, C <= 1024] is one
     * block): each part is a task of its own, and the parts' results are combined in part order. The parts are cut
     * by the shape alone, so the result is the same on any number of threads.
     */
    static final int PART_ROWS = 1 << 14;

    private static void reduceOuter(ReduceOp op, Domain domain, HostStorage src, HostStorage dst, Layout l,
                                    int[] outStrides, int outBase) {
        OuterFold f = new OuterFold(op, domain, src, l);
        long rows = l.reducedCount();
        long work = l.keptCount() * rows;
        int parts = f.cols.tasks < 4 && rows >= 2L * PART_ROWS && work >= 4L * Elementwise.CHEAP_GRAIN
                ? (int) ((rows + PART_ROWS - 1) / PART_ROWS) : 1;
        if (parts == 1) {
            int grain = (int) Math.max(1, (long) Elementwise.CHEAP_GRAIN / Math.max(1, (long) DomainIO.BLOCK * rows));
            Parallel.forRange(f.cols.tasks, work < Elementwise.CHEAP_GRAIN ? Integer.MAX_VALUE : grain, (start, end) -> {
                Object[] scratch = f.io.scratch();
                OuterFold.Rows r = f.new Rows(scratch[1]);
                for (int t = start; t < end; t++) {
                    r.fold(t, 0, rows, scratch[0]);
                    f.store(scratch[0], t, dst, outStrides, outBase);
                }
            });
            return;
        }
        Object[] partial = new Object[f.cols.tasks * parts];
        Parallel.forRange(f.cols.tasks * parts, 1, (start, end) -> {
            OuterFold.Rows r = f.new Rows(f.io.scratch()[1]);
            for (int u = start; u < end; u++) {
                long from = (long) (u % parts) * PART_ROWS;
                partial[u] = f.io.newArray(f.cols.len(u / parts));
                r.fold(u / parts, from, Math.min(rows, from + PART_ROWS), partial[u]);
            }
        });
        for (int t = 0; t < f.cols.tasks; t++) f.store(f.combine(partial, t * parts, parts, f.cols.len(t)), t, dst, outStrides, outBase);
    }

    /** The outer strategy's shared state: which rows and columns a task folds, and how. */
    private static final class OuterFold {
        final ReduceOp op;
        final DomainIO io;
        final HostStorage src;
        final Layout l;
        final ColumnBlocks cols;
        final Elementwise.Kernel fold;
        /** Rows already in the domain's array type and dense are folded where they are, not copied to scratch first. */
        final Object inPlace;
        /** A float sum down many rows adds them in a cascade: its error then grows with log(rows), not rows. */
        final boolean cascaded;

        OuterFold(ReduceOp op, Domain domain, HostStorage src, Layout l) {
            this.op = op;
            this.io = DomainIO.of(domain);
            this.src = src;
            this.l = l;
            cols = new ColumnBlocks(l);
            fold = rowFold(op, domain);
            inPlace = cols.innerIn == 1 && op != ReduceOp.ALL && op != ReduceOp.ANY ? io.nativeArray(src) : null;
            cascaded = op == ReduceOp.SUM && domain == Domain.FLOAT && l.reducedCount() > CascadeSum.FAN;
        }

        /** Writes task t's folded columns {@code acc} to the output. */
        void store(Object acc, int t, HostStorage dst, int[] outStrides, int outBase) {
            io.store(acc, 0, cols.len(t), dst, cols.offset(t, outStrides, outBase), cols.innerStride(outStrides));
        }

        /** The parts' results {@code partial[from .. from + n)} combined in order (float sums in a cascade). */
        Object combine(Object[] partial, int from, int n, int len) {
            if (cascaded) {
                CascadeSum c = new CascadeSum();
                c.start(len);
                for (int p = 0; p < n - 1; p++) c.push((float[]) partial[from + p]);
                c.finish((float[]) partial[from + n - 1]);
                return partial[from + n - 1];
            }
            Object acc = partial[from];
            Object[] arrays = {acc, acc, null};
            int[] offs = {0, 0, 0};
            double[] params = {1.0};
            for (int p = 1; p < n; p++) {
                arrays[2] = partial[from + p];
                fold.apply(len, arrays, offs, params);
            }
            return acc;
        }

        /** A thread's row walker: its scratch row, reduced index and cascade. */
        final class Rows {
            private final Object row;
            private final int[] rIdx = new int[l.reducedShape.length];
            private final CascadeSum cascade = cascaded ? new CascadeSum() : null;
            private final Object[] arrays = new Object[3];
            private final int[] offs = new int[3];
            private final double[] params = {1.0};

            Rows(Object row) {
                this.row = row;
            }

            /** acc = the fold of task t's columns over rows [from, to). */
            void fold(int t, long from, long to, Object acc) {
                int len = cols.len(t);
                int inBase = cols.offset(t, l.keptStrides, l.base);
                unravel((int) from, l.reducedShape, rIdx);
                io.load(src, inBase + dot(rIdx, l.reducedStrides), cols.innerIn, len, acc, 0);
                if (op == ReduceOp.ALL || op == ReduceOp.ANY) normaliseTruth(acc, len);
                arrays[0] = acc;
                arrays[1] = acc;
                arrays[2] = inPlace != null ? inPlace : row;
                offs[2] = 0;
                if (cascade != null) cascade.start(len);
                // a narrow block of dense rows equally apart: each group's rows added in one vector register
                boolean narrow = cascade != null && inPlace != null && l.reducedShape.length == 1 && Simd.ENABLED
                        && len <= RowAddVec.narrowRow();
                // rows in groups of FAN when cascaded, each group summed into acc and pushed
                for (long r = from + 1; r < to; ) {
                    long groupEnd = cascade == null ? to : Math.min(to, from + ((r - from) / CascadeSum.FAN + 1) * CascadeSum.FAN);
                    if (narrow) {
                        int rowStride = l.reducedStrides[0];
                        RowAddVec.addRows((float[]) acc, (float[]) inPlace, inBase + (int) r * rowStride, rowStride, (int) (groupEnd - r), len);
                        r = groupEnd;
                    }
                    for (; r < groupEnd; r++) {
                        incrementAll(rIdx, l.reducedShape);
                        int at = inBase + dot(rIdx, l.reducedStrides);
                        if (inPlace != null) {
                            offs[2] = at;
                        } else {
                            io.load(src, at, cols.innerIn, len, row, 0);
                        }
                        fold.apply(len, arrays, offs, params);
                    }
                    if (r < to) {
                        cascade.push((float[]) acc);
                        Arrays.fill((float[]) acc, 0, len, -0f);   // (-0 + x is x, also for x = -0)
                    }
                }
                if (cascade != null) cascade.finish((float[]) acc);
            }
        }
    }

    private static void normaliseTruth(Object acc, int len) {
        switch (acc) {
            case float[] a -> { for (int i = 0; i < len; i++) a[i] = a[i] != 0 ? 1 : 0; }
            case double[] a -> { for (int i = 0; i < len; i++) a[i] = a[i] != 0 ? 1 : 0; }
            case long[] a -> { for (int i = 0; i < len; i++) a[i] = a[i] != 0 ? 1 : 0; }
            default -> throw new IllegalStateException();
        }
    }

    /** acc = acc (op) row, elementwise, with the binary kernels. */
    private static Elementwise.Kernel rowFold(ReduceOp op, Domain domain) {
        BinaryOp b = switch (op) {
            case SUM -> BinaryOp.ADD;
            case PROD -> BinaryOp.MUL;
            case MAX -> BinaryOp.MAXIMUM;
            case MIN -> BinaryOp.MINIMUM;
            case ALL -> BinaryOp.LOGICAL_AND;
            case ANY -> BinaryOp.LOGICAL_OR;
        };
        return switch (domain) {
            case FLOAT -> {
                FloatKernels.Binary f = FloatKernels.binary(b);
                yield (n, x, o, q) -> f.apply(n, (float[]) x[0], o[0], (float[]) x[1], o[1], (float[]) x[2], o[2], q);
            }
            case DOUBLE -> {
                DoubleKernels.Binary f = DoubleKernels.binary(b);
                yield (n, x, o, q) -> f.apply(n, (double[]) x[0], o[0], (double[]) x[1], o[1], (double[]) x[2], o[2], q);
            }
            case LONG -> {
                LongKernels.Binary f = LongKernels.binary(b);
                yield (n, x, o, q) -> f.apply(n, (long[]) x[0], o[0], (long[]) x[1], o[1], (long[]) x[2], o[2], q);
            }
        };
    }

    // ---- index helpers ---------------------------------------------------------------------------

    static int dot(int[] idx, int[] strides) {
        int s = 0;
        for (int i = 0; i < idx.length; i++) s += idx[i] * strides[i];
        return s;
    }

    static void unravel(int linear, int[] shape, int[] idx) {
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = linear % shape[d];
            linear /= shape[d];
        }
    }

    static void increment(int[] idx, int[] shape) {
        for (int d = shape.length - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) return;
            idx[d] = 0;
        }
    }

    /** Advances every dim but the last (rows of the innermost run). */
    static void incrementOuter(int[] idx, int[] shape) {
        for (int d = shape.length - 2; d >= 0; d--) {
            if (++idx[d] < shape[d]) return;
            idx[d] = 0;
        }
    }

    private static void incrementAll(int[] idx, int[] shape) {
        increment(idx, shape);
    }

    /**
     * The input split into kept and reduced dims, each group coalesced where contiguous, with the
     * reduced dims ordered so their densest dim is last.
     */
    record Layout(int base, int[] kept, int[] keptDims, int[] keptStrides, int[] reducedShape, int[] reducedStrides,
                  boolean innerReduced) {

        static Layout of(Strided in, boolean[] reduced) {
            int rank = in.rank();
            long[] shape = in.shape();
            long[] strides = in.strides();
            // kept dims stay in order (output layout); size-1 dims are dropped (all of them: the stand-in below), so
            // that rows run along the innermost kept dim of more than one element ([8, 512, 1, 1] from global
            // pooling's split shape went row by row)
            int[] kept = new int[rank];
            int nk = 0;
            int[] red = new int[rank];
            int nr = 0;
            for (int d = 0; d < rank; d++) {
                if (shape[d] == 1) continue;
                if (reduced[d]) red[nr++] = d;
                else kept[nk++] = d;
            }
            kept = Arrays.copyOf(kept, nk);
            red = Arrays.copyOf(red, nr);
            // reduced dims: densest last
            Integer[] order = new Integer[nr];
            for (int i = 0; i < nr; i++) order[i] = red[i];
            Arrays.sort(order, (x, y) -> Long.compare(Math.abs(strides[y]), Math.abs(strides[x])));
            int[] rShape = new int[Math.max(nr, 1)];
            int[] rStrides = new int[Math.max(nr, 1)];
            if (nr == 0) {
                rShape[0] = 1;
                rStrides[0] = 1;
            } else {
                int m = 0;
                for (int i = 0; i < nr; i++) {
                    int d = order[i];
                    int size = (int) shape[d];
                    int st = (int) strides[d];
                    if (m > 0 && rStrides[m - 1] == st * size) {
                        rShape[m - 1] *= size;
                        rStrides[m - 1] = st;
                    } else {
                        rShape[m] = size;
                        rStrides[m] = st;
                        m++;
                    }
                }
                rShape = Arrays.copyOf(rShape, m);
                rStrides = Arrays.copyOf(rStrides, m);
            }
            int[] kShape = new int[Math.max(nk, 1)];
            int[] kStrides = new int[Math.max(nk, 1)];
            int[] kDims = new int[Math.max(nk, 1)];
            if (nk == 0) {
                kShape[0] = 1;
                kStrides[0] = 0;
                kDims[0] = -1;
            } else {
                for (int i = 0; i < nk; i++) {
                    kShape[i] = (int) shape[kept[i]];
                    kStrides[i] = (int) strides[kept[i]];
                    kDims[i] = kept[i];
                }
            }
            // which group holds the densest non-trivial dim?
            long minReduced = Long.MAX_VALUE;
            for (int i = 0; i < rShape.length; i++) if (rShape[i] > 1) minReduced = Math.min(minReduced, Math.abs(rStrides[i]));
            long innerKept = nk == 0 || kShape[nk - 1] == 1 ? Long.MAX_VALUE : Math.abs(kStrides[nk - 1]);
            boolean innerReduced = nk == 0 || minReduced <= innerKept;
            return new Layout(Math.toIntExact(in.offset()), kShape, kDims, kStrides, rShape, rStrides, innerReduced);
        }

        int[] keptShape() {
            return kept;
        }

        long keptCount() {
            long n = 1;
            for (int s : kept) n *= s;
            return n;
        }

        long reducedCount() {
            long n = 1;
            for (int s : reducedShape) n *= s;
            return n;
        }
    }
}
