package org.torch4j.internal.random;

/**
 * One lane of PyTorch's AVX2 Box-Muller ({@code normal_fill_16_AVX2}), which computes in float with
 * the Cephes-style polynomial {@code log256_ps} and {@code sincos256_ps} of {@code avx_mathfun.h}.
 *
 * <p>PyTorch's AVX2 kernels are compiled with FMA enabled and GCC's default floating-point
 * contraction, so a multiply whose only use is an add becomes one fused multiply-add. The operations
 * below follow that shape ({@link Math#fma} where GCC fuses, separate roundings where it cannot),
 * which is what makes the results bit-identical to PyTorch's (checked on hundreds of thousands of
 * values against Debian's PyTorch 1.13).
 */
final class Avx2Math {
    private Avx2Math() {}

    /** {@code (float) (2.0f * c10::pi<double>)}. */
    static final float TWO_PI = (float) (2.0 * Math.PI);

    private static final float MIN_NORM_POS = Float.intBitsToFloat(0x00800000);
    private static final float SQRTHF = 0.707106781186547524f;

    /** Natural log of a positive float as {@code log256_ps} computes it (NaN for x <= 0). */
    static float log(float x) {
        boolean invalid = !(x > 0f) && !Float.isNaN(x);
        x = Math.max(x, MIN_NORM_POS);
        int bits = Float.floatToRawIntBits(x);
        float e = (float) ((bits >>> 23) - 0x7f) + 1f;
        x = Float.intBitsToFloat((bits & ~0x7f800000) | 0x3f000000); // mantissa in [0.5, 1)
        // as log256_ps, without a branch (its outcome is a coin flip for random input): below sqrt(1/2)
        // the mantissa is doubled and the exponent lowered
        // (positive floats order as their bits: the mask is all ones when x < sqrt(1/2))
        int low = (Float.floatToRawIntBits(x) - Float.floatToRawIntBits(SQRTHF)) >> 31;
        e -= Float.intBitsToFloat(Float.floatToRawIntBits(1f) & low);
        x = (x - 1f) + Float.intBitsToFloat(Float.floatToRawIntBits(x) & low);
        float z = x * x;
        float y = 7.0376836292E-2f;
        y = Math.fma(y, x, -1.1514610310E-1f);
        y = Math.fma(y, x, 1.1676998740E-1f);
        y = Math.fma(y, x, -1.2420140846E-1f);
        y = Math.fma(y, x, 1.4249322787E-1f);
        y = Math.fma(y, x, -1.6668057665E-1f);
        y = Math.fma(y, x, 2.0000714765E-1f);
        y = Math.fma(y, x, -2.4999993993E-1f);
        y = Math.fma(y, x, 3.3333331174E-1f);
        y = y * x;
        y = Math.fma(y, z, e * -2.12194440e-4f);
        y = Math.fma(-z, 0.5f, y);
        x = x + y;
        x = Math.fma(e, 0.693359375f, x);
        return invalid ? Float.NaN : x;
    }

    /**
     * Sine and cosine of {@code x} as {@code sincos256_ps} computes them (accurate for |x| < 8192);
     * writes the sine to {@code out[0]} and the cosine to {@code out[1]}.
     */
    static void sincos(float x, float[] out) {
        int signSin = Float.floatToRawIntBits(x) & 0x80000000;
        x = Math.abs(x);
        int j = (int) (x * 1.27323954473516f); // 4 / pi, truncated
        j = (j + 1) & ~1;
        float y = (float) j;
        signSin ^= (j & 4) << 29;
        int signCos = (~(j - 2) & 4) << 29;
        // Extended-precision reduction x - y * pi/4, pi/4 split in three parts.
        x = Math.fma(y, -0.78515625f, x);
        x = Math.fma(y, -2.4187564849853515625e-4f, x);
        x = Math.fma(y, -3.77489497744594108e-8f, x);
        float z = x * x;
        float c = Math.fma(2.443315711809948E-005f, z, -1.388731625493765E-003f);
        c = Math.fma(c, z, 4.166664568298827E-002f);
        c = c * z;
        c = Math.fma(c, z, -(z * 0.5f));
        c = c + 1f;
        float s = Math.fma(-1.9515295891E-4f, z, 8.3321608736E-3f);
        s = Math.fma(s, z, -1.6666654611E-1f);
        s = s * z;
        s = Math.fma(s, x, x);
        // the octant picks which polynomial is the sine, without a branch (as the vector code blends)
        int si = Float.floatToRawIntBits(s), ci = Float.floatToRawIntBits(c);
        int pick = ((j & 2) >> 1) - 1; // all ones in the first octant of the pair
        int sinBits = (si & pick) | (ci & ~pick), cosBits = (ci & pick) | (si & ~pick);
        out[0] = Float.intBitsToFloat(sinBits ^ signSin);
        out[1] = Float.intBitsToFloat(cosBits ^ signCos);
    }
}
