package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.ScatterReduce;

/**
 * Applies source elements to target elements (scatter, index_put), with a reduction, in any dtype, a block of
 * (target, source) offset pairs at a time. Plain writes and sums between arrays of one type run as typed loops;
 * the other cases convert each element through the target's compute domain. The earlier per-element conversion
 * for every case made an int64 scatter_add (bincount's) cost 40 ns an element.
 */
final class ScatterWriter {
    private final HostStorage dst, src;
    private final ScatterReduce reduce;
    private final DomainIO io;
    private final Object a, b;
    /** Whether target and source hold one dtype whose values add as their array type does. */
    private final boolean typed;

    /** A writer from {@code src}'s elements into {@code dst}'s, combining them by {@code reduce}. */
    ScatterWriter(HostStorage dst, HostStorage src, ScatterReduce reduce) {
        this.dst = dst;
        this.src = src;
        this.reduce = reduce;
        this.io = DomainIO.of(dst.dtype());
        this.a = io.newArray(1);
        this.b = io.newArray(1);
        DType t = dst.dtype();
        // bool sums saturate at true, and float16 / bfloat16 arrays hold bits, not numbers: those convert
        boolean addable = t != DType.BOOL && t != DType.FLOAT16 && t != DType.BFLOAT16;
        this.typed = t == src.dtype() && (reduce == ScatterReduce.NONE || (reduce == ScatterReduce.ADD && addable));
    }

    /** Applies {@code src[from[i]]} to {@code dst[to[i]]} for i in [0, n), in order. */
    void write(int n, int[] to, int[] from) {
        if (!typed) {
            for (int i = 0; i < n; i++) writeOne(to[i], from[i]);
        } else if (reduce == ScatterReduce.NONE) {
            copy(n, to, from);
        } else {
            add(n, to, from);
        }
    }

    /**
     * One run of scatter: {@code src[f0 + i fs]} to {@code dst[t0 + i ts + idx[x0 + i xs] ds]} for i in [0, n). The
     * sums of floating and int64 values (scatter_add's, histc's, bincount's) run as one typed loop; the rest go
     * through blocks of offsets.
     */
    void scatterRun(int n, int t0, int ts, long[] idx, int x0, int xs, int ds, int f0, int fs) {
        if (typed && reduce == ScatterReduce.ADD) {
            switch (dst.array()) {
                case float[] d -> {
                    addRun(d, t0, ts, idx, x0, xs, ds, (float[]) src.array(), f0, fs, n);
                    return;
                }
                case double[] d -> {
                    addRun(d, t0, ts, idx, x0, xs, ds, (double[]) src.array(), f0, fs, n);
                    return;
                }
                case long[] d -> {
                    addRun(d, t0, ts, idx, x0, xs, ds, (long[]) src.array(), f0, fs, n);
                    return;
                }
                default -> { }
            }
        }
        if (typed && reduce == ScatterReduce.NONE && setRun(dst.array(), t0, ts, idx, x0, xs, ds, src.array(), f0, fs, n)) return;
        int[] to = new int[Math.min(n, DomainIO.BLOCK)], from = new int[to.length];
        for (int start = 0; start < n; start += DomainIO.BLOCK) {
            int len = Math.min(DomainIO.BLOCK, n - start);
            for (int j = 0, i = start; j < len; j++, i++) {
                to[j] = t0 + i * ts + (int) idx[x0 + i * xs] * ds;
                from[j] = f0 + i * fs;
            }
            write(len, to, from);
        }
    }

    // scatter_add's typed runs. The common layout (one target line, dense indices and source; for bincount a
    // broadcast source) gets a loop without the stride products: the JIT ran the general loop at half the speed
    private static void addRun(float[] d, int t0, int ts, long[] idx, int x0, int xs, int ds, float[] s, int f0, int fs, int n) {
        if (ts == 0 && xs == 1 && fs == 1) {
            for (int i = 0; i < n; i++) d[t0 + (int) idx[x0 + i] * ds] += s[f0 + i];
        } else {
            for (int i = 0; i < n; i++) d[t0 + i * ts + (int) idx[x0 + i * xs] * ds] += s[f0 + i * fs];
        }
    }

    private static void addRun(double[] d, int t0, int ts, long[] idx, int x0, int xs, int ds, double[] s, int f0, int fs, int n) {
        if (ts == 0 && xs == 1 && fs == 1) {
            for (int i = 0; i < n; i++) d[t0 + (int) idx[x0 + i] * ds] += s[f0 + i];
        } else {
            for (int i = 0; i < n; i++) d[t0 + i * ts + (int) idx[x0 + i * xs] * ds] += s[f0 + i * fs];
        }
    }

    private static void addRun(long[] d, int t0, int ts, long[] idx, int x0, int xs, int ds, long[] s, int f0, int fs, int n) {
        if (ts == 0 && xs == 1 && fs == 1) {
            for (int i = 0; i < n; i++) d[t0 + (int) idx[x0 + i] * ds] += s[f0 + i];
        } else if (ts == 0 && xs == 1 && fs == 0) {
            long v = s[f0];
            for (int i = 0; i < n; i++) d[t0 + (int) idx[x0 + i] * ds] += v;
        } else {
            for (int i = 0; i < n; i++) d[t0 + i * ts + (int) idx[x0 + i * xs] * ds] += s[f0 + i * fs];
        }
    }

    /**
     * A plain scatter's run as one typed loop (the blocks of offsets cost four times as much); false, having
     * written nothing, for array types without one here.
     */
    private static boolean setRun(Object dst, int t0, int ts, long[] idx, int x0, int xs, int ds, Object src, int f0, int fs, int n) {
        boolean dense = ts == 0 && xs == 1 && fs == 1;
        switch (dst) {
            case float[] d -> {
                float[] s = (float[]) src;
                if (dense) for (int i = 0; i < n; i++) d[t0 + (int) idx[x0 + i] * ds] = s[f0 + i];
                else for (int i = 0; i < n; i++) d[t0 + i * ts + (int) idx[x0 + i * xs] * ds] = s[f0 + i * fs];
            }
            case double[] d -> {
                double[] s = (double[]) src;
                if (dense) for (int i = 0; i < n; i++) d[t0 + (int) idx[x0 + i] * ds] = s[f0 + i];
                else for (int i = 0; i < n; i++) d[t0 + i * ts + (int) idx[x0 + i * xs] * ds] = s[f0 + i * fs];
            }
            case long[] d -> {
                long[] s = (long[]) src;
                if (dense) for (int i = 0; i < n; i++) d[t0 + (int) idx[x0 + i] * ds] = s[f0 + i];
                else for (int i = 0; i < n; i++) d[t0 + i * ts + (int) idx[x0 + i * xs] * ds] = s[f0 + i * fs];
            }
            case int[] d -> {
                int[] s = (int[]) src;
                if (dense) for (int i = 0; i < n; i++) d[t0 + (int) idx[x0 + i] * ds] = s[f0 + i];
                else for (int i = 0; i < n; i++) d[t0 + i * ts + (int) idx[x0 + i * xs] * ds] = s[f0 + i * fs];
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Applies {@code n} source elements from {@code from0} (stride fs) to targets from {@code to0} (stride ts). */
    void writeRun(int n, int to0, int ts, int from0, int fs) {
        if (typed && ts == 1 && fs == 1 && src.array() != dst.array()) {
            // (one array for both could overlap, where arraycopy's result differs from element-by-element writes)
            if (reduce == ScatterReduce.NONE) System.arraycopy(src.array(), from0, dst.array(), to0, n);
            else addRun(n, to0, from0);
            return;
        }
        if (typed && ts == 1 && fs == 0 && src.array() != dst.array() && constantRun(n, to0, from0)) return;
        int[] to = new int[Math.min(n, DomainIO.BLOCK)], from = new int[to.length];
        for (int start = 0; start < n; start += DomainIO.BLOCK) {
            int len = Math.min(DomainIO.BLOCK, n - start);
            for (int j = 0; j < len; j++) {
                to[j] = to0 + (start + j) * ts;
                from[j] = from0 + (start + j) * fs;
            }
            write(len, to, from);
        }
    }

    /**
     * A dense float or double run written with (or added) one source element, a broadcast value's row (an embedding's
     * gradient from a sum: index_add of an expanded scalar); false for other types. Each element takes the value as
     * the element-by-element walk gives it.
     */
    private boolean constantRun(int n, int t, int f) {
        boolean add = reduce == ScatterReduce.ADD;
        switch (dst.array()) {
            case float[] d when src.array() instanceof float[] s -> {
                float v = s[f];
                if (add) for (int i = 0; i < n; i++) d[t + i] += v;
                else java.util.Arrays.fill(d, t, t + n, v);
            }
            case double[] d when src.array() instanceof double[] s -> {
                double v = s[f];
                if (add) for (int i = 0; i < n; i++) d[t + i] += v;
                else java.util.Arrays.fill(d, t, t + n, v);
            }
            default -> { return false; }
        }
        return true;
    }

    /** A dense run of sums (target and source are different arrays): the integer ones the JIT vectorises, the floating ones SIMD lanes. */
    private void addRun(int n, int t, int f) {
        switch (dst.array()) {
            case float[] d when Simd.ENABLED -> RowAddVec.add(d, t, (float[]) src.array(), f, n);
            case double[] d when Simd.ENABLED -> RowAddVec.add(d, t, (double[]) src.array(), f, n);
            case float[] d -> { float[] s = (float[]) src.array(); for (int i = 0; i < n; i++) d[t + i] += s[f + i]; }
            case double[] d -> { double[] s = (double[]) src.array(); for (int i = 0; i < n; i++) d[t + i] += s[f + i]; }
            case long[] d -> { long[] s = (long[]) src.array(); for (int i = 0; i < n; i++) d[t + i] += s[f + i]; }
            case int[] d -> { int[] s = (int[]) src.array(); for (int i = 0; i < n; i++) d[t + i] += s[f + i]; }
            case short[] d -> { short[] s = (short[]) src.array(); for (int i = 0; i < n; i++) d[t + i] += s[f + i]; }
            case byte[] d -> { byte[] s = (byte[]) src.array(); for (int i = 0; i < n; i++) d[t + i] += s[f + i]; }
            default -> throw new IllegalStateException("not a storage array: " + dst.array().getClass());
        }
    }

    private void copy(int n, int[] to, int[] from) {
        switch (dst.array()) {
            case float[] d -> { float[] s = (float[]) src.array(); for (int i = 0; i < n; i++) d[to[i]] = s[from[i]]; }
            case double[] d -> { double[] s = (double[]) src.array(); for (int i = 0; i < n; i++) d[to[i]] = s[from[i]]; }
            case long[] d -> { long[] s = (long[]) src.array(); for (int i = 0; i < n; i++) d[to[i]] = s[from[i]]; }
            case int[] d -> { int[] s = (int[]) src.array(); for (int i = 0; i < n; i++) d[to[i]] = s[from[i]]; }
            case short[] d -> { short[] s = (short[]) src.array(); for (int i = 0; i < n; i++) d[to[i]] = s[from[i]]; }
            case byte[] d -> { byte[] s = (byte[]) src.array(); for (int i = 0; i < n; i++) d[to[i]] = s[from[i]]; }
            default -> throw new IllegalStateException("not a storage array: " + dst.array().getClass());
        }
    }

    /** Sums in the array type: integer sums wrap to the dtype's width exactly as a long sum stored back would. */
    private void add(int n, int[] to, int[] from) {
        switch (dst.array()) {
            case float[] d -> { float[] s = (float[]) src.array(); for (int i = 0; i < n; i++) d[to[i]] += s[from[i]]; }
            case double[] d -> { double[] s = (double[]) src.array(); for (int i = 0; i < n; i++) d[to[i]] += s[from[i]]; }
            case long[] d -> { long[] s = (long[]) src.array(); for (int i = 0; i < n; i++) d[to[i]] += s[from[i]]; }
            case int[] d -> { int[] s = (int[]) src.array(); for (int i = 0; i < n; i++) d[to[i]] += s[from[i]]; }
            case short[] d -> { short[] s = (short[]) src.array(); for (int i = 0; i < n; i++) d[to[i]] += s[from[i]]; }
            case byte[] d -> { byte[] s = (byte[]) src.array(); for (int i = 0; i < n; i++) d[to[i]] += s[from[i]]; }
            default -> throw new IllegalStateException("not a storage array: " + dst.array().getClass());
        }
    }

    private void writeOne(int to, int from) {
        io.load(src, from, 1, 1, b, 0);
        if (reduce != ScatterReduce.NONE) {
            io.load(dst, to, 1, 1, a, 0);
            combine(a, b);
            io.store(a, 0, 1, dst, to, 1);
        } else {
            io.store(b, 0, 1, dst, to, 1);
        }
    }

    private void combine(Object acc, Object v) {
        switch (acc) {
            case float[] x -> {
                float y = ((float[]) v)[0];
                x[0] = switch (reduce) {
                    case ADD -> x[0] + y;
                    case MULTIPLY -> x[0] * y;
                    case AMAX -> Math.max(x[0], y);
                    case AMIN -> Math.min(x[0], y);
                    case NONE -> y;
                };
            }
            case double[] x -> {
                double y = ((double[]) v)[0];
                x[0] = switch (reduce) {
                    case ADD -> x[0] + y;
                    case MULTIPLY -> x[0] * y;
                    case AMAX -> Math.max(x[0], y);
                    case AMIN -> Math.min(x[0], y);
                    case NONE -> y;
                };
            }
            case long[] x -> {
                long y = ((long[]) v)[0];
                x[0] = switch (reduce) {
                    case ADD -> x[0] + y;
                    case MULTIPLY -> x[0] * y;
                    case AMAX -> Math.max(x[0], y);
                    case AMIN -> Math.min(x[0], y);
                    case NONE -> y;
                };
            }
            default -> throw new IllegalStateException();
        }
    }
}
