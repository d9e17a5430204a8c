package org.torch4j.backend.cpu;

import org.torch4j.DType;

/**
 * Dense runs converted from one dtype to another in one typed loop, for the common pairs: the general path widens
 * each block into a scratch array of the computing domain and narrows it again, with a dtype switch per element
 * for integer targets (float32 to int32 took 2.7 ns an element, PyTorch 0.14). Loops the JIT vectorises are
 * plain Java; the others (bfloat16, and floats to integers, whose NaN and out-of-range values give the minimum as
 * on x86) have Vector API loops in {@link CastsVec}. The values are {@link Convert}'s, bit for bit.
 */
final class Casts {
    private Casts() {}

    /** Converts {@code n} elements from {@code src[so]} ({@code from}) into {@code dst[d0]} ({@code to}); false, having written nothing, for a pair without a loop here. */
    static boolean dense(DType from, Object src, int so, DType to, Object dst, int d0, int n) {
        boolean simd = Simd.ENABLED;
        switch (from) {
            case FLOAT32 -> {
                float[] a = (float[]) src;
                switch (to) {
                    case FLOAT64 -> { double[] b = (double[]) dst; for (int i = 0; i < n; i++) b[d0 + i] = a[so + i]; }
                    case FLOAT16 -> { short[] b = (short[]) dst; for (int i = 0; i < n; i++) b[d0 + i] = Float.floatToFloat16(a[so + i]); }
                    case BFLOAT16 -> {
                        short[] b = (short[]) dst;
                        if (simd) CastsVec.floatsToBf16(a, so, b, d0, n);
                        else for (int i = 0; i < n; i++) b[d0 + i] = Convert.floatToBf16(a[so + i]);
                    }
                    case INT32 -> {
                        int[] b = (int[]) dst;
                        if (simd) CastsVec.floatsToInts(a, so, b, d0, n);
                        else for (int i = 0; i < n; i++) b[d0 + i] = Convert.doubleToInt(a[so + i]);
                    }
                    case INT64 -> {
                        long[] b = (long[]) dst;
                        if (simd) CastsVec.floatsToLongs(a, so, b, d0, n);
                        else for (int i = 0; i < n; i++) b[d0 + i] = Convert.doubleToLong(a[so + i]);
                    }
                    case BOOL -> {
                        byte[] b = (byte[]) dst;
                        if (simd) CastsVec.floatsToBool(a, so, b, d0, n);
                        else for (int i = 0; i < n; i++) b[d0 + i] = (byte) (a[so + i] != 0 ? 1 : 0);
                    }
                    default -> { return false; }
                }
            }
            case FLOAT64 -> {
                double[] a = (double[]) src;
                switch (to) {
                    case FLOAT32 -> { float[] b = (float[]) dst; for (int i = 0; i < n; i++) b[d0 + i] = (float) a[so + i]; }
                    case INT64 -> {
                        long[] b = (long[]) dst;
                        if (simd) CastsVec.doublesToLongs(a, so, b, d0, n);
                        else for (int i = 0; i < n; i++) b[d0 + i] = Convert.doubleToLong(a[so + i]);
                    }
                    default -> { return false; }
                }
            }
            case FLOAT16 -> {
                if (to != DType.FLOAT32) return false;
                short[] a = (short[]) src;
                float[] b = (float[]) dst;
                for (int i = 0; i < n; i++) b[d0 + i] = Float.float16ToFloat(a[so + i]);
            }
            case BFLOAT16 -> {
                if (to != DType.FLOAT32) return false;
                short[] a = (short[]) src;
                float[] b = (float[]) dst;
                if (simd) CastsVec.bf16ToFloats(a, so, b, d0, n);
                else for (int i = 0; i < n; i++) b[d0 + i] = Convert.bf16ToFloat(a[so + i]);
            }
            case INT64 -> {
                long[] a = (long[]) src;
                switch (to) {
                    case FLOAT32 -> { float[] b = (float[]) dst; for (int i = 0; i < n; i++) b[d0 + i] = a[so + i]; }
                    case FLOAT64 -> { double[] b = (double[]) dst; for (int i = 0; i < n; i++) b[d0 + i] = a[so + i]; }
                    case INT32 -> { int[] b = (int[]) dst; for (int i = 0; i < n; i++) b[d0 + i] = (int) a[so + i]; }
                    default -> { return false; }
                }
            }
            case INT32 -> {
                int[] a = (int[]) src;
                switch (to) {
                    case FLOAT32 -> { float[] b = (float[]) dst; for (int i = 0; i < n; i++) b[d0 + i] = a[so + i]; }
                    case FLOAT64 -> { double[] b = (double[]) dst; for (int i = 0; i < n; i++) b[d0 + i] = a[so + i]; }
                    case INT64 -> { long[] b = (long[]) dst; for (int i = 0; i < n; i++) b[d0 + i] = a[so + i]; }
                    default -> { return false; }
                }
            }
            case UINT8 -> {
                byte[] a = (byte[]) src;
                switch (to) {
                    case FLOAT32 -> {
                        float[] b = (float[]) dst;
                        if (simd) CastsVec.bytesToFloats(a, so, b, d0, n, true);
                        else for (int i = 0; i < n; i++) b[d0 + i] = a[so + i] & 0xFF;
                    }
                    case INT64 -> { long[] b = (long[]) dst; for (int i = 0; i < n; i++) b[d0 + i] = a[so + i] & 0xFF; }
                    default -> { return false; }
                }
            }
            case INT8, BOOL -> {
                byte[] a = (byte[]) src;
                switch (to) {
                    case FLOAT32 -> {
                        float[] b = (float[]) dst;
                        if (simd) CastsVec.bytesToFloats(a, so, b, d0, n, false);
                        else for (int i = 0; i < n; i++) b[d0 + i] = a[so + i];
                    }
                    case INT64 -> { long[] b = (long[]) dst; for (int i = 0; i < n; i++) b[d0 + i] = a[so + i]; }
                    default -> { return false; }
                }
            }
            default -> { return false; }
        }
        return true;
    }
}
