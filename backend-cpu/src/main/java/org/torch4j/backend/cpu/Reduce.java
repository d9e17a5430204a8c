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
        // output offsets follow the kept dims of out, in the layout's order
        long[] outStrides = new long[l.kept.length];
        for (int i = 0; i < l.kept.length; i++) outStrides[i] = l.keptDims[i] < 0 ? 0 : out.strides()[l.keptDims[i]];
        int[] keptShape = l.keptShape();
        if (l.innerReduced()) {
            reduceInner(op, domain, src, dst, l, keptShape, toInt(outStrides), (int) out.offset());
        } else {
            reduceOuter(op, domain, src, dst, l, keptShape, toInt(outStrides), (int) out.offset());
        }
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

    private static int[] toInt(long[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) r[i] = Math.toIntExact(a[i]);
        return r;
    }

    // ---- inner: each output element folds contiguous runs -------------------------------------------

    private static void reduceInner(ReduceOp op, Domain domain, HostStorage src, HostStorage dst, Layout l,
                                    int[] keptShape, int[] outStrides, int outBase) {
        long outputs = l.keptCount();
        long work = outputs * l.reducedCount();
        int grain = (int) Math.max(1, Elementwise.CHEAP_GRAIN / Math.max(1, l.reducedCount()));
        DomainIO io = DomainIO.of(domain);
        Object nativeSrc = io.nativeArray(src);
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
                } else if (nativeSrc instanceof double[] da && innerStride == 1 && op == ReduceOp.SUM && Simd.ENABLED && inner >= 64) {
                    acc += DoubleFoldVec.sum(da, off, inner);
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

    private static void reduceOuter(ReduceOp op, Domain domain, HostStorage src, HostStorage dst, Layout l,
                                    int[] keptShape, int[] outStrides, int outBase) {
        int k = keptShape.length;
        int inner = keptShape[k - 1];
        int innerIn = l.keptStrides[k - 1];
        int innerOut = outStrides[k - 1];
        long outerCount = l.keptCount() / inner;
        int chunks = (inner + DomainIO.BLOCK - 1) / DomainIO.BLOCK;
        long tasks = outerCount * chunks;
        long work = l.keptCount() * l.reducedCount();
        int grain = (int) Math.max(1, (long) Elementwise.CHEAP_GRAIN / Math.max(1, (long) DomainIO.BLOCK * l.reducedCount()));
        DomainIO io = DomainIO.of(domain);
        Elementwise.Kernel fold = rowFold(op, domain);
        // rows already in the domain's array type and dense are folded where they are, not copied to scratch first
        Object inPlace = innerIn == 1 && op != ReduceOp.ALL && op != ReduceOp.ANY ? io.nativeArray(src) : null;
        double[] params = {1.0};
        int[] outerShape = Arrays.copyOf(keptShape, k - 1);
        // (a float sum down many rows adds them in a cascade: its error then grows with log(rows), not rows)
        boolean cascaded = op == ReduceOp.SUM && domain == Domain.FLOAT && l.reducedCount() > CascadeSum.FAN;
        Parallel.forRange((int) tasks, work < Elementwise.CHEAP_GRAIN ? Integer.MAX_VALUE : grain, (start, end) -> {
            Object[] scratch = io.scratch();
            Object acc = scratch[0];
            Object row = scratch[1];
            CascadeSum cascade = cascaded ? new CascadeSum() : null;
            int[] outerIdx = new int[Math.max(0, k - 1)];
            int[] rIdx = new int[l.reducedShape.length];
            Object[] arrays = {acc, acc, row};
            int[] offs = {0, 0, 0};
            for (int t = start; t < end; t++) {
                long outer = t / chunks;
                int c0 = (t % chunks) * DomainIO.BLOCK;
                int len = Math.min(DomainIO.BLOCK, inner - c0);
                unravel((int) outer, outerShape, outerIdx);
                int inBase = l.base + dotPrefix(outerIdx, l.keptStrides) + c0 * innerIn;
                int outOff = outBase + dotPrefix(outerIdx, outStrides) + c0 * innerOut;
                Arrays.fill(rIdx, 0);
                io.load(src, inBase, innerIn, len, acc, 0);
                if (op == ReduceOp.ALL || op == ReduceOp.ANY) normaliseTruth(acc, len);
                long rows = l.reducedCount();
                if (inPlace != null) arrays[2] = inPlace;
                if (cascade != null) cascade.start(len);
                // rows in groups of FAN when cascaded, each group summed into acc and pushed
                for (long r = 1; r < rows; ) {
                    long groupEnd = cascade == null ? rows : Math.min(rows, (r / CascadeSum.FAN + 1) * CascadeSum.FAN);
                    for (; r < groupEnd; r++) {
                        incrementAll(rIdx, l.reducedShape);
                        int at = inBase + dot(rIdx, l.reducedStrides);
                        if (inPlace != null) {
                            offs[2] = at;
                        } else {
                            io.load(src, at, innerIn, len, row, 0);
                        }
                        fold.apply(len, arrays, offs, params);
                    }
                    if (r < rows) {
                        cascade.push((float[]) acc);
                        Arrays.fill((float[]) acc, 0, len, -0f);   // (-0 + x is x, also for x = -0)
                    }
                }
                if (cascade != null) cascade.finish((float[]) acc);
                io.store(acc, 0, len, dst, outOff, innerOut);
            }
        });
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

    private static int dotPrefix(int[] idx, int[] strides) {
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
    private static void incrementOuter(int[] idx, int[] shape) {
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
            // kept dims stay in order (output layout); size-1 kept dims are dropped unless all are
            int[] kept = new int[rank];
            int nk = 0;
            int[] red = new int[rank];
            int nr = 0;
            for (int d = 0; d < rank; d++) {
                if (reduced[d]) {
                    if (shape[d] != 1) red[nr++] = d;
                } else {
                    kept[nk++] = d;
                }
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
