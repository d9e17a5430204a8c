package org.torch4j.distributed;

import java.lang.foreign.MemorySegment;
import org.torch4j.DType;

/**
 * The reduction loops: {@code dst[at + i] = op(dst[at + i], src[i])} for the elements a frame brought, one typed
 * loop per storage type (no boxing). float16 and bfloat16 are computed in float32 and rounded back; bool is logic.
 */
final class ReduceKernels {
    private ReduceKernels() {}

    /** Reduces {@code n} elements of {@code payload} (from byte {@code byteOffset}) into {@code b} at element {@code at}. */
    static void reduce(ReduceOp op, HostBuffer b, MemorySegment src, long byteOffset, int at, int n) {
        int o = b.offset + at;
        switch (b.dtype) {
            case FLOAT32 -> {
                float[] d = (float[]) b.array, s = scratch().floats(n);
                MemorySegment.copy(src, b.layout, byteOffset, s, 0, n);
                floats(op, d, o, s, n);
            }
            case FLOAT64 -> {
                double[] d = (double[]) b.array, s = scratch().doubles(n);
                MemorySegment.copy(src, b.layout, byteOffset, s, 0, n);
                doubles(op, d, o, s, n);
            }
            case INT64 -> {
                long[] d = (long[]) b.array, s = scratch().longs(n);
                MemorySegment.copy(src, b.layout, byteOffset, s, 0, n);
                longs(op, d, o, s, n);
            }
            case INT32 -> {
                int[] d = (int[]) b.array, s = scratch().ints(n);
                MemorySegment.copy(src, b.layout, byteOffset, s, 0, n);
                ints(op, d, o, s, n);
            }
            case INT16, FLOAT16, BFLOAT16 -> {
                short[] d = (short[]) b.array, s = scratch().shorts(n);
                MemorySegment.copy(src, b.layout, byteOffset, s, 0, n);
                if (b.dtype == DType.INT16) shorts(op, d, o, s, n);
                else halves(op, b.dtype == DType.BFLOAT16, d, o, s, n);
            }
            case INT8, UINT8, BOOL -> {
                byte[] d = (byte[]) b.array, s = scratch().bytes(n);
                MemorySegment.copy(src, b.layout, byteOffset, s, 0, n);
                bytes(op, b.dtype, d, o, s, n);
            }
            default -> throw new IllegalStateException("no reduction for " + b.dtype);
        }
    }

    /** Per-thread temporary arrays for a frame's elements (reused: no allocation or zeroing per frame). */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static Scratch scratch() {
        return SCRATCH.get();
    }

    private static final class Scratch {
        private float[] f = new float[0];
        private double[] d = new double[0];
        private long[] l = new long[0];
        private int[] i = new int[0];
        private short[] s = new short[0];
        private byte[] b = new byte[0];

        float[] floats(int n) {
            return f.length >= n ? f : (f = new float[n]);
        }

        double[] doubles(int n) {
            return d.length >= n ? d : (d = new double[n]);
        }

        long[] longs(int n) {
            return l.length >= n ? l : (l = new long[n]);
        }

        int[] ints(int n) {
            return i.length >= n ? i : (i = new int[n]);
        }

        short[] shorts(int n) {
            return s.length >= n ? s : (s = new short[n]);
        }

        byte[] bytes(int n) {
            return b.length >= n ? b : (b = new byte[n]);
        }
    }

    private static void floats(ReduceOp op, float[] d, int o, float[] s, int n) {
        switch (op) {
            case SUM, AVG -> { for (int i = 0; i < n; i++) d[o + i] += s[i]; }
            case PRODUCT -> { for (int i = 0; i < n; i++) d[o + i] *= s[i]; }
            case MIN -> { for (int i = 0; i < n; i++) d[o + i] = Math.min(d[o + i], s[i]); }
            case MAX -> { for (int i = 0; i < n; i++) d[o + i] = Math.max(d[o + i], s[i]); }
            default -> throw bitwise(op);
        }
    }

    private static void doubles(ReduceOp op, double[] d, int o, double[] s, int n) {
        switch (op) {
            case SUM, AVG -> { for (int i = 0; i < n; i++) d[o + i] += s[i]; }
            case PRODUCT -> { for (int i = 0; i < n; i++) d[o + i] *= s[i]; }
            case MIN -> { for (int i = 0; i < n; i++) d[o + i] = Math.min(d[o + i], s[i]); }
            case MAX -> { for (int i = 0; i < n; i++) d[o + i] = Math.max(d[o + i], s[i]); }
            default -> throw bitwise(op);
        }
    }

    private static void longs(ReduceOp op, long[] d, int o, long[] s, int n) {
        switch (op) {
            case SUM, AVG -> { for (int i = 0; i < n; i++) d[o + i] += s[i]; }
            case PRODUCT -> { for (int i = 0; i < n; i++) d[o + i] *= s[i]; }
            case MIN -> { for (int i = 0; i < n; i++) d[o + i] = Math.min(d[o + i], s[i]); }
            case MAX -> { for (int i = 0; i < n; i++) d[o + i] = Math.max(d[o + i], s[i]); }
            case BAND -> { for (int i = 0; i < n; i++) d[o + i] &= s[i]; }
            case BOR -> { for (int i = 0; i < n; i++) d[o + i] |= s[i]; }
            case BXOR -> { for (int i = 0; i < n; i++) d[o + i] ^= s[i]; }
        }
    }

    private static void ints(ReduceOp op, int[] d, int o, int[] s, int n) {
        switch (op) {
            case SUM, AVG -> { for (int i = 0; i < n; i++) d[o + i] += s[i]; }
            case PRODUCT -> { for (int i = 0; i < n; i++) d[o + i] *= s[i]; }
            case MIN -> { for (int i = 0; i < n; i++) d[o + i] = Math.min(d[o + i], s[i]); }
            case MAX -> { for (int i = 0; i < n; i++) d[o + i] = Math.max(d[o + i], s[i]); }
            case BAND -> { for (int i = 0; i < n; i++) d[o + i] &= s[i]; }
            case BOR -> { for (int i = 0; i < n; i++) d[o + i] |= s[i]; }
            case BXOR -> { for (int i = 0; i < n; i++) d[o + i] ^= s[i]; }
        }
    }

    private static void shorts(ReduceOp op, short[] d, int o, short[] s, int n) {
        switch (op) {
            case SUM, AVG -> { for (int i = 0; i < n; i++) d[o + i] += s[i]; }
            case PRODUCT -> { for (int i = 0; i < n; i++) d[o + i] *= s[i]; }
            case MIN -> { for (int i = 0; i < n; i++) d[o + i] = (short) Math.min(d[o + i], s[i]); }
            case MAX -> { for (int i = 0; i < n; i++) d[o + i] = (short) Math.max(d[o + i], s[i]); }
            case BAND -> { for (int i = 0; i < n; i++) d[o + i] &= s[i]; }
            case BOR -> { for (int i = 0; i < n; i++) d[o + i] |= s[i]; }
            case BXOR -> { for (int i = 0; i < n; i++) d[o + i] ^= s[i]; }
        }
    }

    private static void halves(ReduceOp op, boolean bf16, short[] d, int o, short[] s, int n) {
        for (int i = 0; i < n; i++) {
            float a = toFloat(d[o + i], bf16), b = toFloat(s[i], bf16);
            float r = switch (op) {
                case SUM, AVG -> a + b;
                case PRODUCT -> a * b;
                case MIN -> Math.min(a, b);
                case MAX -> Math.max(a, b);
                default -> throw bitwise(op);
            };
            d[o + i] = fromFloat(r, bf16);
        }
    }

    private static void bytes(ReduceOp op, DType dtype, byte[] d, int o, byte[] s, int n) {
        if (dtype == DType.BOOL) {
            switch (op) {
                case SUM, MAX, BOR -> { for (int i = 0; i < n; i++) d[o + i] |= s[i]; }
                case PRODUCT, MIN, BAND -> { for (int i = 0; i < n; i++) d[o + i] &= s[i]; }
                case BXOR -> { for (int i = 0; i < n; i++) d[o + i] ^= s[i]; }
                case AVG -> throw new IllegalArgumentException("Cannot use ReduceOp.AVG with bool tensors");
            }
            return;
        }
        boolean unsigned = dtype == DType.UINT8;
        switch (op) {
            case SUM, AVG -> { for (int i = 0; i < n; i++) d[o + i] += s[i]; }
            case PRODUCT -> { for (int i = 0; i < n; i++) d[o + i] *= s[i]; }
            case MIN -> { for (int i = 0; i < n; i++) if (less(s[i], d[o + i], unsigned)) d[o + i] = s[i]; }
            case MAX -> { for (int i = 0; i < n; i++) if (less(d[o + i], s[i], unsigned)) d[o + i] = s[i]; }
            case BAND -> { for (int i = 0; i < n; i++) d[o + i] &= s[i]; }
            case BOR -> { for (int i = 0; i < n; i++) d[o + i] |= s[i]; }
            case BXOR -> { for (int i = 0; i < n; i++) d[o + i] ^= s[i]; }
        }
    }

    private static boolean less(byte a, byte b, boolean unsigned) {
        return unsigned ? (a & 0xff) < (b & 0xff) : a < b;
    }

    static float toFloat(short bits, boolean bf16) {
        return bf16 ? Float.intBitsToFloat((bits & 0xffff) << 16) : Float.float16ToFloat(bits);
    }

    static short fromFloat(float f, boolean bf16) {
        if (!bf16) return Float.floatToFloat16(f);
        if (Float.isNaN(f)) return (short) 0x7fc0;
        int b = Float.floatToRawIntBits(f);
        return (short) ((b + 0x7fff + ((b >>> 16) & 1)) >>> 16);
    }

    private static IllegalArgumentException bitwise(ReduceOp op) {
        return new IllegalArgumentException("Cannot use " + op + " with non-integral dtype");
    }
}
