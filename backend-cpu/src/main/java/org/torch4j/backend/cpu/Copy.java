package org.torch4j.backend.cpu;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/** Strided copies with dtype conversion, and fills. */
final class Copy {
    private Copy() {}

    static void copy(Strided dst, Strided src) {
        StridedIter it = StridedIter.anyOrder(dst, src);
        if (it.total == 0) return;
        HostStorage d = (HostStorage) dst.storage();
        HostStorage s = (HostStorage) src.storage();
        Object da = d.array(), sa = s.array();
        if (d.dtype() == s.dtype()) {
            it.runBlocks(Elementwise.CHEAP_GRAIN, (rows, n, offs, in, out) -> {
                if (rows >= TILE && n >= TILE && (in[0] == 1 && out[1] == 1 || in[1] == 1 && out[0] == 1)
                        && (sa instanceof float[] || sa instanceof double[])) {
                    transposed(sa, offs[1], in[1], out[1], da, offs[0], in[0], out[0], rows, n);
                } else if (in[0] == 1 && in[1] == 1 && sa instanceof float[] f) {
                    // the common case (a float view made contiguous) with the array types known, so each row is
                    // the JIT's inlined copy rather than a call to the generic one
                    float[] t = (float[]) da;
                    for (int r = 0; r < rows; r++) System.arraycopy(f, offs[1] + r * out[1], t, offs[0] + r * out[0], n);
                } else {
                    for (int r = 0; r < rows; r++) copyRaw(sa, offs[1] + r * out[1], in[1], da, offs[0] + r * out[0], in[0], n);
                }
            });
            return;
        }
        if (Casts.dense(s.dtype(), sa, 0, d.dtype(), da, 0, 0)) {   // a typed loop for the pair (none run for 0 elements)
            DomainIO io = DomainIO.of(conversionDomain(d.dtype(), s.dtype()));
            it.runBlocks(Elementwise.CHEAP_GRAIN, (rows, n, offs, in, out) -> {
                for (int r = 0; r < rows; r++) {
                    int so = offs[1] + r * out[1], d0 = offs[0] + r * out[0];
                    if (in[0] == 1 && in[1] == 1) Casts.dense(s.dtype(), sa, so, d.dtype(), da, d0, n);
                    else convert(io, s, so, in[1], d, d0, in[0], n);
                }
            });
            return;
        }
        DomainIO io = DomainIO.of(conversionDomain(d.dtype(), s.dtype()));
        it.run(Elementwise.CHEAP_GRAIN, (n, offs, st) -> convert(io, s, offs[1], st[1], d, offs[0], st[0], n));
    }

    /** A run converted through the domain's scratch block, a block at a time. */
    private static void convert(DomainIO io, HostStorage s, int so, int ss, HostStorage d, int d0, int ds, int n) {
        Object buf = io.scratch()[0];
        for (int start = 0; start < n; start += DomainIO.BLOCK) {
            int len = Math.min(DomainIO.BLOCK, n - start);
            io.load(s, so + start * ss, ss, len, buf, 0);
            io.store(buf, 0, len, d, d0 + start * ds, ds);
        }
    }

    /** The fewest runs and run length for {@link #transposed}. */
    private static final int TILE = 8;

    /**
     * {@code rows} runs of {@code n} where one side is dense along the runs and the other across them (a transpose
     * made contiguous). Walking the runs, the strided side takes a cache line and a page per element, and its lines lie
     * a power of two apart, in one L1 set: a 2048 x 1024 float32 {@code t().contiguous()} took 10.7 ms (PyTorch 2.4).
     * Here each destination line is written whole from the source's columns: gathered with the Vector API, or 8 x 8
     * tiles (3.6 ms).
     */
    private static void transposed(Object sa, int so, int sIn, int sOut, Object da, int dOff, int dIn, int dOut, int rows, int n) {
        // in the destination's terms: v along its dense dim (stride 1), w along the other; the source is dense along w
        boolean alongRuns = dIn == 1 && sOut == 1;   // else dOut == 1 and sIn == 1 (the caller checked one of the two)
        int vLen = alongRuns ? n : rows, wLen = alongRuns ? rows : n, dW = alongRuns ? dOut : dIn, sV = alongRuns ? sIn : sOut;
        if (Simd.ENABLED && sa instanceof float[] f) {
            TransposeVec.floats(f, so, sV, (float[]) da, dOff, dW, vLen, wLen);
            return;
        }
        for (int w0 = 0; w0 < wLen; w0 += TILE) {
            int w1 = Math.min(wLen, w0 + TILE);
            for (int v0 = 0; v0 < vLen; v0 += TILE) {
                int v1 = Math.min(vLen, v0 + TILE);
                if (sa instanceof float[] f) {
                    float[] t = (float[]) da;
                    for (int w = w0; w < w1; w++) for (int v = v0; v < v1; v++) t[dOff + w * dW + v] = f[so + w + v * sV];
                } else {
                    double[] f = (double[]) sa, t = (double[]) da;
                    for (int w = w0; w < w1; w++) for (int v = v0; v < v1; v++) t[dOff + w * dW + v] = f[so + w + v * sV];
                }
            }
        }
    }

    /**
     * The domain a conversion passes through: the target's float domain when it is floating, double
     * when a floating value becomes an integer (truncation semantics), else long.
     */
    private static Domain conversionDomain(DType to, DType from) {
        if (to.isFloatingPoint()) return Domain.of(to);
        return from.isFloatingPoint() ? Domain.DOUBLE : Domain.LONG;
    }

    /** Copies {@code n} elements between arrays of the same type. */
    static void copyRaw(Object src, int so, int ss, Object dst, int d0, int ds, int n) {
        if (ss == 1 && ds == 1) {
            System.arraycopy(src, so, dst, d0, n);
            return;
        }
        if (ss == 0 && ds == 1) {   // one value repeated (a broadcast operand staged): the JDK's fill, vectorised
            fillRaw(src, so, dst, d0, n);
            return;
        }
        switch (src) {
            case float[] a -> {
                float[] b = (float[]) dst;
                for (int i = 0; i < n; i++) b[d0 + i * ds] = a[so + i * ss];
            }
            case double[] a -> {
                double[] b = (double[]) dst;
                for (int i = 0; i < n; i++) b[d0 + i * ds] = a[so + i * ss];
            }
            case long[] a -> {
                long[] b = (long[]) dst;
                for (int i = 0; i < n; i++) b[d0 + i * ds] = a[so + i * ss];
            }
            case int[] a -> {
                int[] b = (int[]) dst;
                for (int i = 0; i < n; i++) b[d0 + i * ds] = a[so + i * ss];
            }
            case short[] a -> {
                short[] b = (short[]) dst;
                for (int i = 0; i < n; i++) b[d0 + i * ds] = a[so + i * ss];
            }
            case byte[] a -> {
                byte[] b = (byte[]) dst;
                for (int i = 0; i < n; i++) b[d0 + i * ds] = a[so + i * ss];
            }
            default -> throw new IllegalStateException("not a storage array: " + src.getClass());
        }
    }

    /** {@code dst[d0, d0 + n)} set to {@code src[so]}, arrays of one type. */
    private static void fillRaw(Object src, int so, Object dst, int d0, int n) {
        switch (src) {
            case float[] a -> Arrays.fill((float[]) dst, d0, d0 + n, a[so]);
            case double[] a -> Arrays.fill((double[]) dst, d0, d0 + n, a[so]);
            case long[] a -> Arrays.fill((long[]) dst, d0, d0 + n, a[so]);
            case int[] a -> Arrays.fill((int[]) dst, d0, d0 + n, a[so]);
            case short[] a -> Arrays.fill((short[]) dst, d0, d0 + n, a[so]);
            case byte[] a -> Arrays.fill((byte[]) dst, d0, d0 + n, a[so]);
            default -> throw new IllegalStateException("not a storage array: " + src.getClass());
        }
    }

    static void fill(Strided dst, Number value) {
        HostStorage one;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            one = HostStorage.allocate(DType.INT64, 1);
            one.longs()[0] = value.longValue();
        } else {
            one = HostStorage.allocate(DType.FLOAT64, 1);
            one.doubles()[0] = value.doubleValue();
        }
        // convert the value once into the destination's dtype, then broadcast it (stride 0)
        HostStorage typed = HostStorage.allocate(dst.dtype(), 1);
        copy(new Strided(typed, new long[] {1}, new long[] {1}, 0), new Strided(one, new long[] {1}, new long[] {1}, 0));
        long[] zeros = new long[dst.rank()];
        if (dst.isContiguous() && dst.numel() > 0) {
            fillDense(typed.array(), (HostStorage) dst.storage(), (int) dst.offset(), (int) dst.numel());
            return;
        }
        copy(dst, new Strided(typed, dst.shape(), zeros, 0));
    }

    private static void fillDense(Object v, HostStorage d, int off, int n) {
        switch (d.array()) {
            case float[] a -> Arrays.fill(a, off, off + n, ((float[]) v)[0]);
            case double[] a -> Arrays.fill(a, off, off + n, ((double[]) v)[0]);
            case long[] a -> Arrays.fill(a, off, off + n, ((long[]) v)[0]);
            case int[] a -> Arrays.fill(a, off, off + n, ((int[]) v)[0]);
            case short[] a -> Arrays.fill(a, off, off + n, ((short[]) v)[0]);
            case byte[] a -> Arrays.fill(a, off, off + n, ((byte[]) v)[0]);
            default -> throw new IllegalStateException();
        }
    }
}
