package org.torch4j.quantization;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;
import org.torch4j.internal.ProfilerHook;
import org.torch4j.nn.F;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;
import org.torch4j.spi.Strided;

/**
 * The quantized kernels of static quantization, with QNNPACK's arithmetic (the engine of the reference: Debian's
 * PyTorch 1.13 has no fbgemm): int32 sums of {@code (x - x_zp) * (w - w_zp)} plus the bias quantized to int32 with
 * scale {@code x_scale * w_scale}, requantized as {@code clamp(y_zp + nearbyint(acc * m))} with the float32
 * multiplier {@code m = (w_scale * x_scale) * (1 / y_scale)}; adds in QNNPACK's fixed point.
 *
 * <p>The integer sums run on the backend's float32 GEMM and convolution, exactly: the operands are the integers
 * {@code x - x_zp} and {@code w - w_zp} (at most 255 in magnitude), each product is exact in float32, and every
 * partial sum is an integer no larger than the sum of the products' magnitudes; while that bound stays within
 * 2^24, float32 holds every partial sum exactly, whatever the order of the additions. So the reduction dimension is
 * cut into chunks that keep the bound ({@link #chunk}), each chunk's float32 result is converted to int and the
 * chunks are added in int32: the result is the int32 sum, bit for bit. The Vector API has no int8 dot-product
 * instruction (VNNI's {@code vpdpbusd}, or {@code pmaddwd}); int32 lanes need a widening, a multiply and an add per
 * product where float32 needs one fused multiply-add, so the float32 kernels are the fastest exact route on the JVM
 * for many rows. A product of a few rows is bound by reading the weight instead: there the backend's
 * {@link Backend#int8Matmul} reads the weight's raw int8 values (a quarter of a float32 weight's bytes) and the
 * weight's zero points are taken out afterwards, {@code sum x (w - w_zp) = sum x w - w_zp sum x}.
 */
final class QuantizedKernels {
    /** float32 holds every integer of magnitude up to 2^24 exactly. */
    private static final long EXACT = 1L << 24;
    /** The largest {@code |x - x_zp|} of a quint8 input. */
    private static final int MAX_INPUT = 255;
    /** Up to this many rows a linear product runs on {@link Backend#int8Matmul} (bound by the weight's bytes). */
    static final int INT8_ROWS = 3;

    private QuantizedKernels() {}

    /**
     * A layer's weight as float32 values {@code w - w_zp} in the weight's shape, their largest magnitude, one float
     * scale per output channel, and the raw int8 values {@code (out, rest)} with their per-channel zero points.
     */
    record Weight(Tensor centred, int maxAbs, double[] scales, int outChannels, Tensor raw, int[] zeroPoints) {
        static Weight of(QuantizedTensor weight) {
            int out = (int) weight.shape()[0];
            int[] q = weight.ints();
            int per = out == 0 ? 0 : q.length / out;
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
            float[] w = new float[q.length];
            byte[] bytes = new byte[q.length];
            int max = 0;
            for (int i = 0; i < q.length; i++) {
                int v = q[i] - (int) zp[i / per];
                w[i] = v;
                bytes[i] = (byte) q[i];
                max = Math.max(max, Math.abs(v));
            }
            int[] zps = new int[out];
            for (int o = 0; o < out; o++) zps[o] = (int) zp[o];
            Tensor raw = q.length == 0 ? Torch.zeros(new long[] {out, per}, DType.INT8)
                    : Torch.frombuffer(bytes, DType.INT8).reshape(out, per);
            return new Weight(Torch.tensor(w, weight.shape()), max, s, out, raw, zps);
        }

        /** The values {@code w - w_zp} as ints, row-major. */
        int[] ints() {
            float[] f = centred.toFloatArray();
            int[] w = new int[f.length];
            for (int i = 0; i < f.length; i++) w[i] = (int) f[i];
            return w;
        }
    }

    /**
     * How many slices of {@code perSlice} products each a float32 sum can take while staying exact: every product
     * at most {@code maxInput * maxWeight} in magnitude; at least 1 for a slice of up to 258 products.
     */
    static int chunk(long perSlice, int maxInput, int maxWeight) {
        long bound = perSlice * maxInput * Math.max(maxWeight, 1);
        return (int) Math.min(Integer.MAX_VALUE, EXACT / Math.max(bound, 1));
    }

    /** Per output channel: the int32 bias. */
    private static int[] bias(float[] bias, Weight w, double xScale) {
        int[] b = new int[w.outChannels()];
        if (bias == null) return b;
        for (int o = 0; o < b.length; o++) {
            b[o] = (int) AffineQuantizer.quantize(bias[o], w.scales()[o] * xScale, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return b;
    }

    /** Per output channel: the float32 requantization multiplier. */
    private static float[] multipliers(Weight w, double xScale, double yScale) {
        float[] m = new float[w.outChannels()];
        float inv = 1.0f / (float) yScale;
        for (int o = 0; o < m.length; o++) m[o] = ((float) w.scales()[o] * (float) xScale) * inv;
        return m;
    }

    /**
     * The int32 sums {@code acc[r, o] = sum over k of x[r, k] * w[o, k]} for {@code xc} float32 {@code (rows, in)}
     * holding integers of magnitude at most {@code maxInput}: on the backend's int8 kernel up to {@link #INT8_ROWS}
     * rows, else (or when the backend has none) through float32 GEMMs over chunks of k.
     */
    static int[] matmul(Tensor xc, Weight w, int maxInput) {
        int rows = (int) xc.shape()[0], in = (int) xc.shape()[1], out = w.outChannels();
        if (in == 0 || rows == 0 || out == 0) return new int[rows * out];
        if (rows <= INT8_ROWS) {
            int[] acc = int8Sums(xc, w);
            if (acc != null) return acc;
        }
        int[] acc = new int[rows * out];
        int kc = Math.max(1, chunk(1, maxInput, w.maxAbs()));
        for (int k0 = 0; k0 < in; k0 += kc) {
            int len = Math.min(kc, in - k0);
            Tensor x = len == in ? xc : xc.narrow(1, k0, len), wk = len == in ? w.centred() : w.centred().narrow(1, k0, len);
            addInto(acc, F.linear(x, wk, null));
        }
        return acc;
    }

    /**
     * {@link #matmul}'s sums on the backend's {@link Backend#int8Matmul} over the raw weight, with the zero points
     * taken out; null when the backend has no such kernel.
     */
    private static int[] int8Sums(Tensor xc, Weight w) {
        Backend backend = BackendRegistry.find("cpu");
        if (backend == null) return null;
        int rows = (int) xc.shape()[0], in = (int) xc.shape()[1], out = w.outChannels();
        Tensor x = xc.to(DType.INT32).contiguous(), y = Torch.zeros(new long[] {rows, out}, DType.INT32);
        if (!ProfilerHook.backend(backend).int8Matmul(strided(x), strided(w.raw()), strided(y))) return null;
        int[] acc = y.toIntArray();
        int[] zp = w.zeroPoints();
        if (java.util.Arrays.stream(zp).allMatch(z -> z == 0)) return acc;
        int[] xs = x.toIntArray();
        for (int r = 0; r < rows; r++) {
            int sum = 0;
            for (int k = 0; k < in; k++) sum += xs[r * in + k];
            for (int o = 0; o < out; o++) acc[r * out + o] -= zp[o] * sum;
        }
        return acc;
    }

    private static Strided strided(Tensor t) {
        return new Strided(Internals.get().storage(t), t.shape(), t.stride(), t.storageOffset());
    }

    /** Adds a float32 tensor of exact integers into {@code acc}, reading its memory in place when it is on the host. */
    private static void addInto(int[] acc, Tensor exact) {
        Tensor c = exact.contiguous();
        float[] f;
        int off = 0;
        if (c.dtype() == DType.FLOAT32 && Internals.get().storage(c) instanceof org.torch4j.spi.HostStorage h) {
            f = h.floats();
            off = (int) c.storageOffset();
        } else {
            f = c.toFloatArray();
        }
        for (int i = 0; i < acc.length; i++) acc[i] += (int) f[off + i];
    }

    /** {@code clamp(zp + nearbyint(acc * m), qmin, 255)}, with {@code acc * m} rounded to float32 as in QNNPACK. */
    private static int requantize(int acc, float m, int zp, int qmin) {
        long v = (long) Math.rint(acc * m) + zp;
        return (int) Math.min(Math.max(v, qmin), 255);
    }

    /**
     * The quint8 result of sums {@code acc} laid out as {@code (outer, channels, inner)}: each sum plus its channel's
     * int32 bias requantized with its channel's multiplier, returned as a carrier.
     */
    private static Tensor output(int[] acc, int channels, int inner, int[] b, float[] m, double yScale, long yZp, boolean relu, long[] shape) {
        int zp = (int) yZp, qmin = relu ? zp : 0;
        byte[] q = new byte[acc.length];
        float[] deq = new float[acc.length];
        float s = (float) yScale;
        for (int i0 = 0; i0 < acc.length; i0 += channels * inner) {
            if (inner == 1) {
                for (int c = 0; c < channels; c++) {
                    int v = requantize(acc[i0 + c] + b[c], m[c], zp, qmin);
                    q[i0 + c] = (byte) v;
                    deq[i0 + c] = (float) (v - zp) * s;
                }
                continue;
            }
            for (int c = 0, i = i0; c < channels; c++) {
                int bc = b[c];
                float mc = m[c];
                for (int end = i + inner; i < end; i++) {
                    int v = requantize(acc[i] + bc, mc, zp, qmin);
                    q[i] = (byte) v;
                    deq[i] = (float) (v - zp) * s;
                }
            }
        }
        return QuantizedTensor.perTensor(q, shape, QDType.QUINT8, yScale, yZp).carrier(deq);
    }

    /**
     * {@code quantized::linear} (or {@code linear_relu}): x {@code (..., in)} quint8, weight {@code (out, in)} qint8;
     * returns the quint8 output's carrier.
     */
    static Tensor linear(QuantizedTensor x, Weight w, float[] bias, double yScale, long yZp, boolean relu) {
        long[] shape = x.shape();
        int in = (int) shape[shape.length - 1], out = w.outChannels();
        if (w.centred().numel() != (long) out * in) {
            throw new IllegalArgumentException("The number of rows in the packW matrix should match the size of the last dimension of input");
        }
        int rows = in == 0 ? 0 : (int) (x.numel() / in);
        int[] acc = matmul(x.centred().reshape(rows, in), w, maxInput(x));
        long[] ys = shape.clone();
        ys[ys.length - 1] = out;
        return output(acc, out, 1, bias(bias, w, x.qScale()), multipliers(w, x.qScale(), yScale), yScale, yZp, relu, ys);
    }

    /** The largest {@code |q - zero_point|} a per-tensor quint8 tensor can hold. */
    private static int maxInput(QuantizedTensor x) {
        int zp = (int) x.qZeroPoint();
        return Math.max(Math.abs(zp), Math.abs(MAX_INPUT - zp));
    }

    /**
     * {@code quantized::conv2d} (or {@code conv2d_relu}): x {@code (N, C, H, W)} quint8, weight {@code (O, C/g, kh, kw)};
     * returns the quint8 output's carrier.
     */
    static Tensor conv2d(QuantizedTensor x, Weight w, long[] wShape, float[] bias, long[] stride, long[] padding, long[] dilation,
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
        int ho = (int) ((h + 2 * padding[0] - dilation[0] * (kh - 1) - 1) / stride[0] + 1);
        int wo = (int) ((wd + 2 * padding[1] - dilation[1] * (kw - 1) - 1) / stride[1] + 1);
        int maxIn = maxInput(x);
        int ck = chunk((long) kh * kw, maxIn, w.maxAbs());
        int[] acc = ck == 0 ? conv2dInts(x, w, wShape, stride, padding, dilation, groups, ho, wo)
                : conv2dExact(x.centred(), w, stride, padding, dilation, groups, ck, ho, wo);
        return output(acc, o, ho * wo, bias(bias, w, x.qScale()), multipliers(w, x.qScale(), yScale), yScale, yZp, relu,
                new long[] {n, o, ho, wo});
    }

    /**
     * The int32 sums of a convolution through float32 convolutions over chunks of at most {@code ck} input channels
     * of a group (all of them, groups together, when they fit).
     */
    private static int[] conv2dExact(Tensor xc, Weight w, long[] stride, long[] padding, long[] dilation, int groups, int ck, int ho,
                                     int wo) {
        long[] s = xc.shape();
        int n = (int) s[0], cg = (int) (s[1] / groups), o = w.outChannels(), og = o / groups, plane = ho * wo;
        int[] acc = new int[n * o * plane];
        if (acc.length == 0 || cg == 0) return acc;
        if (ck >= cg) {
            addInto(acc, F.conv2d(xc, w.centred(), null, stride, padding, dilation, groups));
            return acc;
        }
        for (int g = 0; g < groups; g++) {
            for (int c0 = 0; c0 < cg; c0 += ck) {
                int len = Math.min(ck, cg - c0);
                Tensor part = F.conv2d(xc.narrow(1, g * cg + c0, len), w.centred().narrow(0, g * og, og).narrow(1, c0, len), null, stride,
                        padding, dilation, 1);
                float[] p = part.toFloatArray();
                for (int img = 0; img < n; img++) {
                    for (int oc = 0; oc < og; oc++) {
                        int from = (img * og + oc) * plane, to = (img * o + g * og + oc) * plane;
                        for (int i = 0; i < plane; i++) acc[to + i] += (int) p[from + i];
                    }
                }
            }
        }
        return acc;
    }

    /** The int32 sums of a convolution in plain int arithmetic: for kernels too large for one channel's float32 sum. */
    private static int[] conv2dInts(QuantizedTensor x, Weight w, long[] wShape, long[] stride, long[] padding, long[] dilation,
                                    int groups, int ho, int wo) {
        long[] s = x.shape();
        int n = (int) s[0], c = (int) s[1], h = (int) s[2], wd = (int) s[3];
        int o = (int) wShape[0], cg = (int) wShape[1], kh = (int) wShape[2], kw = (int) wShape[3];
        int sh = (int) stride[0], sw = (int) stride[1], ph = (int) padding[0], pw = (int) padding[1], dh = (int) dilation[0], dw = (int) dilation[1];
        int[] xq = x.ints();
        int xzp = (int) x.qZeroPoint();
        for (int i = 0; i < xq.length; i++) xq[i] -= xzp;
        int[] ww = w.ints();
        int og = o / groups, plane = ho * wo;
        int[] acc = new int[n * o * plane];
        for (int img = 0; img < n; img++) {
            for (int oc = 0; oc < o; oc++) {
                int g = oc / og, a0 = (img * o + oc) * plane;
                for (int ic = 0; ic < cg; ic++) {
                    int xBase = (img * c + g * cg + ic) * h * wd;
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            int wv = ww[((oc * cg + ic) * kh + i) * kw + j];
                            if (wv == 0) continue;
                            for (int oy = 0; oy < ho; oy++) {
                                int iy = oy * sh - ph + i * dh;
                                if (iy < 0 || iy >= h) continue;
                                int row = xBase + iy * wd, ao = a0 + oy * wo;
                                for (int ox = 0; ox < wo; ox++) {
                                    int ix = ox * sw - pw + j * dw;
                                    if (ix >= 0 && ix < wd) acc[ao + ox] += xq[row + ix] * wv;
                                }
                            }
                        }
                    }
                }
            }
        }
        return acc;
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
