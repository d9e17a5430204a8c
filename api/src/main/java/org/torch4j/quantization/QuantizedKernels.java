package org.torch4j.quantization;

/**
 * The quantized kernels of static quantization, with QNNPACK's arithmetic (the engine of the reference: Debian's
 * PyTorch 1.13 has no fbgemm): int32 sums of {@code (x - x_zp) * (w - w_zp)} plus the bias quantized to int32 with
 * scale {@code x_scale * w_scale}, requantized as {@code clamp(y_zp + nearbyint(acc * m))} with the float32
 * multiplier {@code m = (w_scale * x_scale) * (1 / y_scale)}; adds in QNNPACK's fixed point.
 */
final class QuantizedKernels {
    private QuantizedKernels() {}

    /** A layer's weight as int values minus their zero points, with one float scale per output channel. */
    record Weight(int[] w, double[] scales, int outChannels) {
        static Weight of(QuantizedTensor weight) {
            int out = (int) weight.shape()[0];
            int[] q = weight.ints();
            int per = q.length / out;
            double[] s = new double[out];
            long[] zp = new long[out];
            if (weight.qscheme().isPerChannel()) {
                double[] cs = weight.qPerChannelScales().toDoubleArray();
                long[] cz = weight.qPerChannelZeroPoints().toLongArray();
                System.arraycopy(cs, 0, s, 0, out);
                System.arraycopy(cz, 0, zp, 0, out);
            } else {
                java.util.Arrays.fill(s, weight.qScale());
                java.util.Arrays.fill(zp, weight.qZeroPoint());
            }
            int[] w = new int[q.length];
            for (int i = 0; i < q.length; i++) w[i] = q[i] - (int) zp[i / per];
            return new Weight(w, s, out);
        }
    }

    /** Per output channel: the int32 bias and the float32 requantization multiplier. */
    private static int[] bias(float[] bias, Weight w, double xScale) {
        int[] b = new int[w.outChannels()];
        if (bias == null) return b;
        for (int o = 0; o < b.length; o++) {
            b[o] = (int) AffineQuantizer.quantize(bias[o], w.scales()[o] * xScale, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return b;
    }

    private static float[] multipliers(Weight w, double xScale, double yScale) {
        float[] m = new float[w.outChannels()];
        float inv = 1.0f / (float) yScale;
        for (int o = 0; o < m.length; o++) m[o] = ((float) w.scales()[o] * (float) xScale) * inv;
        return m;
    }

    private static int requantize(int acc, float m, int zp, int qmin) {
        long v = (long) Math.rint(acc * m) + zp;
        return (int) Math.min(Math.max(v, qmin), 255);
    }

    /** {@code quantized::linear} (or {@code linear_relu}): x {@code (..., in)} quint8, weight {@code (out, in)} qint8. */
    static QuantizedTensor linear(QuantizedTensor x, Weight w, float[] bias, double yScale, long yZp, boolean relu) {
        long[] shape = x.shape();
        int in = (int) shape[shape.length - 1], out = w.outChannels();
        if (w.w().length != out * in) {
            throw new IllegalArgumentException("The number of rows in the packW matrix should match the size of the last dimension of input");
        }
        int[] xq = x.ints();
        int xzp = (int) x.qZeroPoint(), zp = (int) yZp, qmin = relu ? zp : 0;
        int rows = in == 0 ? 0 : xq.length / in;
        for (int i = 0; i < xq.length; i++) xq[i] -= xzp;
        int[] b = bias(bias, w, x.qScale());
        float[] m = multipliers(w, x.qScale(), yScale);
        long[] y = new long[rows * out];
        int[] ww = w.w();
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                int acc = b[o];
                for (int k = 0, xo = r * in, wo = o * in; k < in; k++) acc += xq[xo + k] * ww[wo + k];
                y[r * out + o] = requantize(acc, m[o], zp, qmin);
            }
        }
        long[] ys = shape.clone();
        ys[ys.length - 1] = out;
        return QuantizedTensor.perTensor(y, ys, QDType.QUINT8, yScale, yZp);
    }

    /** {@code quantized::conv2d} (or {@code conv2d_relu}): x {@code (N, C, H, W)} quint8, weight {@code (O, C/g, kh, kw)}. */
    static QuantizedTensor conv2d(QuantizedTensor x, Weight w, long[] wShape, float[] bias, long[] stride, long[] padding, long[] dilation,
                                  int groups, double yScale, long yZp, boolean relu) {
        long[] s = x.shape();
        if (s.length != 4) throw new IllegalArgumentException("quantized::conv2d(): Expected input to be 4-dimensional: got " + s.length);
        int n = (int) s[0], c = (int) s[1], h = (int) s[2], wd = (int) s[3];
        int o = (int) wShape[0], cg = (int) wShape[1], kh = (int) wShape[2], kw = (int) wShape[3];
        if (cg * groups != c) {
            throw new IllegalArgumentException("Given groups=" + groups + ", weight of size " + org.torch4j.internal.PyFormat.tuple(wShape)
                    + ", expected input" + org.torch4j.internal.PyFormat.tuple(s) + " to have " + cg * groups + " channels, but got " + c
                    + " channels instead");
        }
        int sh = (int) stride[0], sw = (int) stride[1], ph = (int) padding[0], pw = (int) padding[1], dh = (int) dilation[0], dw = (int) dilation[1];
        int ho = (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1, wo = (wd + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
        int[] xq = x.ints();
        int xzp = (int) x.qZeroPoint(), zp = (int) yZp, qmin = relu ? zp : 0;
        for (int i = 0; i < xq.length; i++) xq[i] -= xzp;
        int[] b = bias(bias, w, x.qScale());
        float[] m = multipliers(w, x.qScale(), yScale);
        int[] ww = w.w();
        int og = o / groups;
        long[] y = new long[n * o * ho * wo];
        int[] acc = new int[ho * wo];
        for (int img = 0; img < n; img++) {
            for (int oc = 0; oc < o; oc++) {
                int g = oc / og;
                java.util.Arrays.fill(acc, b[oc]);
                for (int ic = 0; ic < cg; ic++) {
                    int xBase = (img * c + g * cg + ic) * h * wd;
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            int wv = ww[((oc * cg + ic) * kh + i) * kw + j];
                            if (wv == 0) continue;
                            for (int oy = 0; oy < ho; oy++) {
                                int iy = oy * sh - ph + i * dh;
                                if (iy < 0 || iy >= h) continue;
                                int row = xBase + iy * wd, ao = oy * wo;
                                for (int ox = 0; ox < wo; ox++) {
                                    int ix = ox * sw - pw + j * dw;
                                    if (ix >= 0 && ix < wd) acc[ao + ox] += xq[row + ix] * wv;
                                }
                            }
                        }
                    }
                }
                int yBase = (img * o + oc) * ho * wo;
                for (int p = 0; p < acc.length; p++) y[yBase + p] = requantize(acc[p], m[oc], zp, qmin);
            }
        }
        return QuantizedTensor.perTensor(y, new long[] {n, o, ho, wo}, QDType.QUINT8, yScale, yZp);
    }

    /**
     * {@code quantized::add} with QNNPACK's {@code add_nc_q8}: both scales relative to the output's as fixed-point
     * multipliers sharing a shift, the sum rounded half away from zero in the shift.
     */
    static QuantizedTensor add(QuantizedTensor a, QuantizedTensor b, double scale, long zeroPoint) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("qnnpack_add(): operands must have the same shape");
        }
        float outScale = (float) scale;
        float as = (float) a.qScale() / outScale, bs = (float) b.qScale() / outScale;
        float maxScale = Math.max(as, bs);
        int exponent = (Float.floatToRawIntBits(maxScale) >>> 23) - 127;
        int shift = 21 - exponent;
        int am = (int) Math.rint(Float.intBitsToFloat(Float.floatToRawIntBits(as) + (shift << 23)));
        int bm = (int) Math.rint(Float.intBitsToFloat(Float.floatToRawIntBits(bs) + (shift << 23)));
        int mask = (1 << shift) - 1, threshold = mask >>> 1;
        int zpProduct = -(am * (int) a.qZeroPoint() + bm * (int) b.qZeroPoint());
        int[] qa = a.ints(), qb = b.ints();
        long[] y = new long[qa.length];
        for (int i = 0; i < qa.length; i++) {
            int acc = zpProduct + qa[i] * am + qb[i] * bm;
            int rem = (acc & mask) - (acc < 0 ? 1 : 0);
            int v = (acc >> shift) + (rem > threshold ? 1 : 0) + (int) zeroPoint;
            y[i] = Math.min(Math.max(v, 0), 255);
        }
        return QuantizedTensor.perTensor(y, a.shape(), QDType.QUINT8, scale, zeroPoint);
    }
}
