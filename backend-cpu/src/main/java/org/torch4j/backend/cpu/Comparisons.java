package org.torch4j.backend.cpu;

import java.util.Set;
import org.torch4j.DType;
import org.torch4j.spi.BinaryOp;
import org.torch4j.spi.Strided;

/**
 * eq, ne, lt, le, gt and ge into a bool tensor, comparing the operands in their own array type. The general
 * kernels compute in a float, double or long domain and then convert the 0/1 results to bool: for an int32
 * comparison that was two widening loads, a long comparison and a narrowing store per block. Comparing in the
 * operands' own type gives the same answer (integers exactly, floats as IEEE compares them, NaN unequal to all).
 */
final class Comparisons {
    private Comparisons() {}

    /** The dtypes compared here: those whose storage array holds the values themselves (not float16 bits). */
    private static final Set<DType> TYPES = Set.of(DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32,
            DType.INT16, DType.INT8, DType.UINT8, DType.BOOL);

    /** Whether {@link #binary} computes {@code op} for these operands. */
    static boolean handles(BinaryOp op, Strided out, Strided a, Strided b) {
        boolean comparison = switch (op) {
            case EQ, NE, LT, LE, GT, GE -> true;
            default -> false;
        };
        return comparison && out.dtype() == DType.BOOL && a.dtype() == b.dtype() && TYPES.contains(a.dtype());
    }

    /** The three tests written out; gt and ge are lt and le with the operands swapped, ne is eq negated. */
    enum Test { EQ, LT, LE }

    /** out = a (op) b as bool, for operands {@link #handles} accepts. */
    static void binary(BinaryOp op, Strided out, Strided a, Strided b) {
        boolean swap = op == BinaryOp.GT || op == BinaryOp.GE;
        Test test = switch (op) {
            case EQ, NE -> Test.EQ;
            case LT, GT -> Test.LT;
            default -> Test.LE;
        };
        // a 0/1 result xor 1 is its negation, without a branch in the loop
        int flip = op == BinaryOp.NE ? 1 : 0;
        boolean unsigned = a.dtype() == DType.UINT8;
        NativeRuns.run((n, arr, off) -> compare(test, flip, unsigned, n, (byte[]) arr[0], off[0], arr[1], off[1], arr[2], off[2]),
                Elementwise.CHEAP_GRAIN, out, swap ? b : a, swap ? a : b);
    }

    /** Integers compare by the sign of a difference that cannot overflow (no branch, which random data mispredicts). */
    private static void compare(Test test, int flip, boolean unsigned, int n, byte[] o, int oo, Object x, int xo, Object y, int yo) {
        int s = Simd.ENABLED ? vector(test, flip, n, o, oo, x, xo, y, yo) : 0;
        switch (x) {
            case float[] a -> {
                float[] b = (float[]) y;
                switch (test) {
                    case EQ -> { for (int i = s; i < n; i++) o[oo + i] = (byte) ((a[xo + i] == b[yo + i] ? 1 : 0) ^ flip); }
                    case LT -> { for (int i = s; i < n; i++) o[oo + i] = (byte) (a[xo + i] < b[yo + i] ? 1 : 0); }
                    case LE -> { for (int i = s; i < n; i++) o[oo + i] = (byte) (a[xo + i] <= b[yo + i] ? 1 : 0); }
                }
            }
            case double[] a -> {
                double[] b = (double[]) y;
                switch (test) {
                    case EQ -> { for (int i = s; i < n; i++) o[oo + i] = (byte) ((a[xo + i] == b[yo + i] ? 1 : 0) ^ flip); }
                    case LT -> { for (int i = s; i < n; i++) o[oo + i] = (byte) (a[xo + i] < b[yo + i] ? 1 : 0); }
                    case LE -> { for (int i = s; i < n; i++) o[oo + i] = (byte) (a[xo + i] <= b[yo + i] ? 1 : 0); }
                }
            }
            case long[] a -> {
                long[] b = (long[]) y;
                switch (test) {
                    case EQ -> { for (int i = s; i < n; i++) o[oo + i] = (byte) ((a[xo + i] == b[yo + i] ? 1 : 0) ^ flip); }
                    case LT -> { for (int i = s; i < n; i++) o[oo + i] = (byte) (a[xo + i] < b[yo + i] ? 1 : 0); }
                    case LE -> { for (int i = s; i < n; i++) o[oo + i] = (byte) (a[xo + i] <= b[yo + i] ? 1 : 0); }
                }
            }
            case int[] a -> {
                int[] b = (int[]) y;
                switch (test) {
                    case EQ -> { for (int i = s; i < n; i++) o[oo + i] = (byte) (ne(a[xo + i] ^ b[yo + i]) ^ 1 ^ flip); }
                    case LT -> { for (int i = s; i < n; i++) o[oo + i] = (byte) (((long) a[xo + i] - b[yo + i]) >>> 63); }
                    case LE -> { for (int i = s; i < n; i++) o[oo + i] = (byte) ((((long) b[yo + i] - a[xo + i]) >>> 63) ^ 1); }
                }
            }
            case short[] a -> {
                short[] b = (short[]) y;
                switch (test) {
                    case EQ -> { for (int i = s; i < n; i++) o[oo + i] = (byte) (ne(a[xo + i] ^ b[yo + i]) ^ 1 ^ flip); }
                    case LT -> { for (int i = s; i < n; i++) o[oo + i] = (byte) ((a[xo + i] - b[yo + i]) >>> 31); }
                    case LE -> { for (int i = s; i < n; i++) o[oo + i] = (byte) (((b[yo + i] - a[xo + i]) >>> 31) ^ 1); }
                }
            }
            case byte[] a -> {
                byte[] b = (byte[]) y;
                // uint8 orders by the unsigned value; int8 and bool (0 or 1) by the signed one; equality is the same
                int mask = unsigned ? 0xFF : -1;
                switch (test) {
                    case EQ -> { for (int i = s; i < n; i++) o[oo + i] = (byte) (ne(a[xo + i] ^ b[yo + i]) ^ 1 ^ flip); }
                    case LT -> { for (int i = s; i < n; i++) o[oo + i] = (byte) (((a[xo + i] & mask) - (b[yo + i] & mask)) >>> 31); }
                    case LE -> { for (int i = s; i < n; i++) o[oo + i] = (byte) ((((b[yo + i] & mask) - (a[xo + i] & mask)) >>> 31) ^ 1); }
                }
            }
            default -> throw new IllegalStateException("not a storage array: " + x.getClass());
        }
    }

    /** The SIMD part of an int32, int64 or float32 comparison: how many leading elements it did (0 for other types). */
    private static int vector(Test test, int flip, int n, byte[] o, int oo, Object x, int xo, Object y, int yo) {
        return switch (x) {
            case int[] a -> WordVec.compare(test, flip != 0, n, o, oo, a, xo, (int[]) y, yo);
            case float[] a -> WordVec.compare(test, flip != 0, n, o, oo, a, xo, (float[]) y, yo);
            case long[] a -> WordVec.compare(test, flip != 0, n, o, oo, a, xo, (long[]) y, yo);
            default -> 0;
        };
    }

    /** 1 when z is non-zero, else 0, without a branch: the sign bit of {@code z | -z} is set exactly when z != 0. */
    private static int ne(int z) {
        return (z | -z) >>> 31;
    }
}
