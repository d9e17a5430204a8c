package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.spi.HostStorage;

/**
 * Moves runs of elements between host storage of any dtype and the float/double/long arrays kernels
 * compute in. A run is {@code n} elements starting at {@code off} with element stride {@code stride}
 * (0 repeats one element). Conversions follow PyTorch's casting rules: to an integer type floats
 * truncate toward zero (NaN and out-of-range give the minimum, as on x86) and integers wrap; to bool
 * anything non-zero is true.
 */
final class Convert {
    private Convert() {}

    static float halfToFloat(short h) {
        return Float.float16ToFloat(h);
    }

    static short floatToHalf(float f) {
        return Float.floatToFloat16(f);
    }

    static float bf16ToFloat(short b) {
        return Float.intBitsToFloat(b << 16);
    }

    /** float to bfloat16, rounding to nearest even as c10::BFloat16 does. */
    static short floatToBf16(float f) {
        if (Float.isNaN(f)) return (short) 0x7FC0;
        int bits = Float.floatToRawIntBits(f);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** double to int32 as a C cast does on x86 (cvttsd2si): NaN and overflow give the minimum. */
    static int doubleToInt(double d) {
        if (d != d || d >= 0x1p31 || d < -0x1p31) return Integer.MIN_VALUE;
        return (int) d;
    }

    /** double to any integer type: int64 directly, narrower types through int32, then wrapped. */
    static long doubleToIntegral(double d, DType target) {
        return target == DType.INT64 ? doubleToLong(d) : doubleToInt(d);
    }

    /** double to int64 as a C cast does on x86: truncation, with NaN and overflow giving the minimum. */
    static long doubleToLong(double d) {
        if (d != d || d >= 0x1p63 || d < -0x1p63) return Long.MIN_VALUE;
        return (long) d;
    }

    // ---- loads ---------------------------------------------------------------------------------

    static void loadFloat(HostStorage s, int off, int stride, int n, float[] dst, int d) {
        switch (s.dtype()) {
            case FLOAT32 -> {
                float[] a = s.floats();
                if (stride == 1) System.arraycopy(a, off, dst, d, n);
                else if (stride == 0) java.util.Arrays.fill(dst, d, d + n, a[off]); // a broadcast scalar
                else for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride];
            }
            case FLOAT64 -> {
                double[] a = s.doubles();
                for (int i = 0; i < n; i++) dst[d + i] = (float) a[off + i * stride];
            }
            case FLOAT16 -> {
                short[] a = s.shorts();
                for (int i = 0; i < n; i++) dst[d + i] = Float.float16ToFloat(a[off + i * stride]);
            }
            case BFLOAT16 -> {
                short[] a = s.shorts();
                for (int i = 0; i < n; i++) dst[d + i] = Float.intBitsToFloat(a[off + i * stride] << 16);
            }
            case INT64 -> {
                long[] a = s.longs();
                for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride];
            }
            case INT32 -> {
                int[] a = s.ints();
                for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride];
            }
            case INT16 -> {
                short[] a = s.shorts();
                for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride];
            }
            case INT8, BOOL -> {
                byte[] a = s.bytes();
                for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride];
            }
            case UINT8 -> {
                byte[] a = s.bytes();
                for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride] & 0xFF;
            }
        }
    }

    static void loadDouble(HostStorage s, int off, int stride, int n, double[] dst, int d) {
        switch (s.dtype()) {
            case FLOAT64 -> {
                double[] a = s.doubles();
                if (stride == 1) System.arraycopy(a, off, dst, d, n);
                else if (stride == 0) java.util.Arrays.fill(dst, d, d + n, a[off]); // a broadcast scalar
                else for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride];
            }
            case FLOAT32 -> {
                float[] a = s.floats();
                if (stride == 1) for (int i = 0; i < n; i++) dst[d + i] = a[off + i]; // vectorised, unlike a variable stride
                else for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride];
            }
            case FLOAT16 -> {
                short[] a = s.shorts();
                for (int i = 0; i < n; i++) dst[d + i] = Float.float16ToFloat(a[off + i * stride]);
            }
            case BFLOAT16 -> {
                short[] a = s.shorts();
                for (int i = 0; i < n; i++) dst[d + i] = Float.intBitsToFloat(a[off + i * stride] << 16);
            }
            case INT64 -> {
                long[] a = s.longs();
                for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride];
            }
            case INT32 -> {
                int[] a = s.ints();
                for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride];
            }
            case INT16 -> {
                short[] a = s.shorts();
                for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride];
            }
            case INT8, BOOL -> {
                byte[] a = s.bytes();
                for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride];
            }
            case UINT8 -> {
                byte[] a = s.bytes();
                for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride] & 0xFF;
            }
        }
    }

    static void loadLong(HostStorage s, int off, int stride, int n, long[] dst, int d) {
        switch (s.dtype()) {
            case INT64 -> {
                long[] a = s.longs();
                if (stride == 1) System.arraycopy(a, off, dst, d, n);
                else if (stride == 0) java.util.Arrays.fill(dst, d, d + n, a[off]); // a broadcast scalar
                else for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride];
            }
            // a unit stride gets its own loop: the JIT vectorises only constant strides (4-8x faster)
            case INT32 -> {
                int[] a = s.ints();
                if (stride == 1) for (int i = 0; i < n; i++) dst[d + i] = a[off + i];
                else for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride];
            }
            case INT16 -> {
                short[] a = s.shorts();
                if (stride == 1) for (int i = 0; i < n; i++) dst[d + i] = a[off + i];
                else for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride];
            }
            case INT8, BOOL -> {
                byte[] a = s.bytes();
                if (stride == 1) for (int i = 0; i < n; i++) dst[d + i] = a[off + i];
                else for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride];
            }
            case UINT8 -> {
                byte[] a = s.bytes();
                if (stride == 1) for (int i = 0; i < n; i++) dst[d + i] = a[off + i] & 0xFF;
                else for (int i = 0; i < n; i++) dst[d + i] = a[off + i * stride] & 0xFF;
            }
            case FLOAT64 -> {
                double[] a = s.doubles();
                for (int i = 0; i < n; i++) dst[d + i] = doubleToLong(a[off + i * stride]);
            }
            case FLOAT32 -> {
                float[] a = s.floats();
                for (int i = 0; i < n; i++) dst[d + i] = doubleToLong(a[off + i * stride]);
            }
            case FLOAT16 -> {
                short[] a = s.shorts();
                for (int i = 0; i < n; i++) dst[d + i] = doubleToLong(Float.float16ToFloat(a[off + i * stride]));
            }
            case BFLOAT16 -> {
                short[] a = s.shorts();
                for (int i = 0; i < n; i++) dst[d + i] = doubleToLong(Float.intBitsToFloat(a[off + i * stride] << 16));
            }
        }
    }

    // ---- stores --------------------------------------------------------------------------------

    static void storeFloat(float[] src, int sOff, int n, HostStorage s, int off, int stride) {
        switch (s.dtype()) {
            case FLOAT32 -> {
                float[] a = s.floats();
                if (stride == 1) System.arraycopy(src, sOff, a, off, n);
                else for (int i = 0; i < n; i++) a[off + i * stride] = src[sOff + i];
            }
            case FLOAT16 -> {
                short[] a = s.shorts();
                for (int i = 0; i < n; i++) a[off + i * stride] = Float.floatToFloat16(src[sOff + i]);
            }
            case BFLOAT16 -> {
                short[] a = s.shorts();
                for (int i = 0; i < n; i++) a[off + i * stride] = floatToBf16(src[sOff + i]);
            }
            case FLOAT64 -> {
                double[] a = s.doubles();
                for (int i = 0; i < n; i++) a[off + i * stride] = src[sOff + i];
            }
            case BOOL -> {
                byte[] a = s.bytes();
                for (int i = 0; i < n; i++) a[off + i * stride] = (byte) (src[sOff + i] != 0 ? 1 : 0);
            }
            default -> {
                for (int i = 0; i < n; i++) storeLongValue(s, off + i * stride, doubleToIntegral(src[sOff + i], s.dtype()));
            }
        }
    }

    static void storeDouble(double[] src, int sOff, int n, HostStorage s, int off, int stride) {
        switch (s.dtype()) {
            case FLOAT64 -> {
                double[] a = s.doubles();
                if (stride == 1) System.arraycopy(src, sOff, a, off, n);
                else for (int i = 0; i < n; i++) a[off + i * stride] = src[sOff + i];
            }
            case FLOAT32 -> {
                float[] a = s.floats();
                if (stride == 1) for (int i = 0; i < n; i++) a[off + i] = (float) src[sOff + i]; // vectorised
                else for (int i = 0; i < n; i++) a[off + i * stride] = (float) src[sOff + i];
            }
            case FLOAT16 -> {
                short[] a = s.shorts();
                for (int i = 0; i < n; i++) a[off + i * stride] = Float.floatToFloat16((float) src[sOff + i]);
            }
            case BFLOAT16 -> {
                short[] a = s.shorts();
                for (int i = 0; i < n; i++) a[off + i * stride] = floatToBf16((float) src[sOff + i]);
            }
            case BOOL -> {
                byte[] a = s.bytes();
                for (int i = 0; i < n; i++) a[off + i * stride] = (byte) (src[sOff + i] != 0 ? 1 : 0);
            }
            default -> {
                for (int i = 0; i < n; i++) storeLongValue(s, off + i * stride, doubleToIntegral(src[sOff + i], s.dtype()));
            }
        }
    }

    static void storeLong(long[] src, int sOff, int n, HostStorage s, int off, int stride) {
        switch (s.dtype()) {
            case INT64 -> {
                long[] a = s.longs();
                if (stride == 1) System.arraycopy(src, sOff, a, off, n);
                else for (int i = 0; i < n; i++) a[off + i * stride] = src[sOff + i];
            }
            case INT32 -> {
                int[] a = s.ints();
                if (stride == 1) for (int i = 0; i < n; i++) a[off + i] = (int) src[sOff + i]; // vectorised
                else for (int i = 0; i < n; i++) a[off + i * stride] = (int) src[sOff + i];
            }
            case INT16 -> {
                short[] a = s.shorts();
                for (int i = 0; i < n; i++) a[off + i * stride] = (short) src[sOff + i];
            }
            case INT8, UINT8 -> {
                byte[] a = s.bytes();
                if (stride == 1) for (int i = 0; i < n; i++) a[off + i] = (byte) src[sOff + i]; // vectorised
                else for (int i = 0; i < n; i++) a[off + i * stride] = (byte) src[sOff + i];
            }
            case BOOL -> {
                byte[] a = s.bytes();
                for (int i = 0; i < n; i++) a[off + i * stride] = (byte) (src[sOff + i] != 0 ? 1 : 0);
            }
            case FLOAT32 -> {
                float[] a = s.floats();
                for (int i = 0; i < n; i++) a[off + i * stride] = (float) src[sOff + i];
            }
            case FLOAT64 -> {
                double[] a = s.doubles();
                for (int i = 0; i < n; i++) a[off + i * stride] = (double) src[sOff + i];
            }
            case FLOAT16 -> {
                short[] a = s.shorts();
                for (int i = 0; i < n; i++) a[off + i * stride] = Float.floatToFloat16((float) src[sOff + i]);
            }
            case BFLOAT16 -> {
                short[] a = s.shorts();
                for (int i = 0; i < n; i++) a[off + i * stride] = floatToBf16((float) src[sOff + i]);
            }
        }
    }

    /** Stores one integer into an integral or bool storage, wrapping to its width. */
    private static void storeLongValue(HostStorage s, int at, long v) {
        switch (s.dtype()) {
            case INT64 -> s.longs()[at] = v;
            case INT32 -> s.ints()[at] = (int) v;
            case INT16 -> s.shorts()[at] = (short) v;
            case INT8, UINT8 -> s.bytes()[at] = (byte) v;
            case BOOL -> s.bytes()[at] = (byte) (v != 0 ? 1 : 0);
            default -> throw new IllegalStateException("not an integral dtype: " + s.dtype());
        }
    }

    /** True when elements of {@code dtype} are stored in the domain's own array type. */
    static boolean isNative(DType dtype, Domain domain) {
        return dtype == domain.nativeType();
    }
}
