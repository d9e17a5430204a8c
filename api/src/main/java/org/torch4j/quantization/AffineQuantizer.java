package org.torch4j.quantization;

/**
 * PyTorch 1.13's CPU quantization arithmetic ({@code quantize_val}, {@code dequantize_val}): {@code q = clamp(zp +
 * nearbyint(x * (1f / (float) scale)))} in float32 with round half to even, and the dequantizations of its
 * per-tensor and per-channel kernels (float32 for per-tensor, double for per-channel, as PyTorch's loops).
 */
final class AffineQuantizer {
    private AffineQuantizer() {}

    /** One value quantized with float32 arithmetic, clamped to {@code [qmin, qmax]}. */
    static long quantize(float x, double scale, long zeroPoint, long qmin, long qmax) {
        float inv = 1.0f / (float) scale;
        // C++: int64 zero_point + float -> float, then static_cast<int64_t>
        float v = (float) zeroPoint + (float) Math.rint(x * inv);
        long q = (long) v;
        return Math.min(Math.max(q, qmin), qmax);
    }

    /** Quantizes {@code x} with one channel index per block of {@code inner} elements over {@code channels}. */
    static long[] quantize(float[] x, double[] scales, long[] zeroPoints, long inner, QDType dtype) {
        long[] q = new long[x.length];
        int c = scales.length;
        for (int i = 0; i < x.length; i++) {
            int ch = (int) ((i / inner) % c);
            q[i] = quantize(x[i], scales[ch], zeroPoints[ch], dtype.min(), dtype.max());
        }
        return q;
    }

    /** Per-tensor dequantization: {@code (float(q) - zp) * float(scale)} in float32. */
    static float[] dequantizePerTensor(long[] q, double scale, long zeroPoint) {
        float[] out = new float[q.length];
        float s = (float) scale;
        for (int i = 0; i < q.length; i++) out[i] = (float) (q[i] - zeroPoint) * s;
        return out;
    }

    /** Per-channel dequantization: {@code (q - zp) * scale} in double, rounded to float32. */
    static float[] dequantizePerChannel(long[] q, double[] scales, long[] zeroPoints, long inner) {
        float[] out = new float[q.length];
        int c = scales.length;
        for (int i = 0; i < q.length; i++) {
            int ch = (int) ((i / inner) % c);
            out[i] = (float) ((q[i] - zeroPoints[ch]) * scales[ch]);
        }
        return out;
    }
}
