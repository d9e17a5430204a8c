package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.spi.Strided;
import org.torch4j.spi.TernaryOp;

/**
 * {@code where(condition, x, y)} when x, y and the output share a dtype: each element is copied from x or y as
 * stored, with no trip through a compute domain (the general kernel converted the bool condition and both
 * operands to float, long or double and the result back). A copy is exact for every dtype, float16 included.
 */
final class Select {
    private Select() {}

    /** Whether {@link #where} computes {@code op} for these operands. */
    static boolean handles(TernaryOp op, Strided out, Strided cond, Strided x, Strided y) {
        return op == TernaryOp.WHERE && cond.dtype() == DType.BOOL && x.dtype() == out.dtype() && y.dtype() == out.dtype();
    }

    /** out = cond ? x : y, elementwise, for operands {@link #handles} accepts. */
    static void where(Strided out, Strided cond, Strided x, Strided y) {
        NativeRuns.run((n, arr, off) -> select(n, arr[0], off[0], (byte[]) arr[1], off[1], arr[2], off[2], arr[3], off[3]),
                Elementwise.CHEAP_GRAIN, out, cond, x, y);
    }

    /**
     * Branch-free: with a random mask a branch per element mispredicts half the time (a million floats took 5 ms).
     * {@code m} is all ones where the condition byte is non-zero, else zero, and picks bits of x or y.
     */
    private static void select(int n, Object out, int oo, byte[] c, int co, Object x, int xo, Object y, int yo) {
        int s = Simd.ENABLED ? vector(n, out, oo, c, co, x, xo, y, yo) : 0;
        switch (out) {
            case float[] o -> {
                float[] a = (float[]) x, b = (float[]) y;
                for (int i = s; i < n; i++) {
                    int m = mask(c[co + i]);
                    o[oo + i] = Float.intBitsToFloat(Float.floatToRawIntBits(a[xo + i]) & m | Float.floatToRawIntBits(b[yo + i]) & ~m);
                }
            }
            case double[] o -> {
                double[] a = (double[]) x, b = (double[]) y;
                for (int i = s; i < n; i++) {
                    long m = mask(c[co + i]);
                    o[oo + i] = Double.longBitsToDouble(Double.doubleToRawLongBits(a[xo + i]) & m | Double.doubleToRawLongBits(b[yo + i]) & ~m);
                }
            }
            case long[] o -> {
                long[] a = (long[]) x, b = (long[]) y;
                for (int i = s; i < n; i++) {
                    long m = mask(c[co + i]);
                    o[oo + i] = a[xo + i] & m | b[yo + i] & ~m;
                }
            }
            case int[] o -> {
                int[] a = (int[]) x, b = (int[]) y;
                for (int i = s; i < n; i++) {
                    int m = mask(c[co + i]);
                    o[oo + i] = a[xo + i] & m | b[yo + i] & ~m;
                }
            }
            case short[] o -> {
                short[] a = (short[]) x, b = (short[]) y;
                for (int i = s; i < n; i++) {
                    int m = mask(c[co + i]);
                    o[oo + i] = (short) (a[xo + i] & m | b[yo + i] & ~m);
                }
            }
            case byte[] o -> {
                byte[] a = (byte[]) x, b = (byte[]) y;
                for (int i = s; i < n; i++) {
                    int m = mask(c[co + i]);
                    o[oo + i] = (byte) (a[xo + i] & m | b[yo + i] & ~m);
                }
            }
            default -> throw new IllegalStateException("not a storage array: " + out.getClass());
        }
    }

    /** The SIMD part for float32 and int32: how many leading elements it did (0 for other types). */
    private static int vector(int n, Object out, int oo, byte[] c, int co, Object x, int xo, Object y, int yo) {
        return switch (out) {
            case float[] o -> WordVec.select(n, o, oo, c, co, (float[]) x, xo, (float[]) y, yo);
            case int[] o -> WordVec.select(n, o, oo, c, co, (int[]) x, xo, (int[]) y, yo);
            default -> 0;
        };
    }

    /** -1 (all bits set) for a non-zero byte, 0 for zero: the sign bit of {@code c | -c} is set exactly when c != 0. */
    private static int mask(byte c) {
        return (c | -c) >> 31;
    }
}
