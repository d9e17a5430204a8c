package org.torch4j.quantization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link QuantizedKernels}' linear and conv2d, whose int32 sums run on the CPU backend's float32 GEMM and
 * convolution in chunks, against QNNPACK's arithmetic written as plain int loops here: the sums and the requantized
 * outputs must agree exactly, for odd sizes, reductions long enough to need several chunks, input zero points 0 and
 * 255 and per-channel weight scales and zero points (so {@code |w - w_zp|} reaches 255).
 */
class QuantizedKernelsTest {
    private final Random random = new Random(7);

    @Test
    void linearSumsAndOutputsMatchIntArithmetic() {
        int[][] shapes = {{1, 1, 1}, {3, 17, 63}, {17, 65, 3}, {63, 3, 65}, {2, 1030, 17}, {65, 300, 5}};
        for (int[] s : shapes) {
            for (int xzp : new int[] {0, 255, 131}) {
                checkLinear(s[0], s[1], s[2], xzp, false);
            }
        }
        checkLinear(5, 129, 33, 3, true);
    }

    @Test
    void extremeOperandsNeedTheChunks() {
        // |x - x_zp| = |w - w_zp| = 255 everywhere: one float32 sum of 1030 products would round (1030 * 65025 > 2^24)
        int rows = 2, in = 1030, out = 3;
        long[] x = new long[rows * in];
        long[] w = new long[out * in];
        java.util.Arrays.fill(w, -128);
        QuantizedTensor xq = QuantizedTensor.perTensor(x, new long[] {rows, in}, QDType.QUINT8, 0.5, 255);
        QuantizedTensor wq = QuantizedTensor.perChannel(w, new long[] {out, in}, QDType.QINT8, new double[] {0.1, 0.2, 0.3},
                new long[] {127, 127, 127}, 0);
        int[] sums = QuantizedKernels.matmul(xq.centred(), QuantizedKernels.Weight.of(wq), 255);
        int[] expected = new int[rows * out];
        java.util.Arrays.fill(expected, in * 255 * 255);
        assertArrayEquals(expected, sums);
    }

    @Test
    void conv2dOutputsMatchIntArithmetic() {
        // n, c, h, w, o, kh, kw, stride, padding, dilation, groups
        int[][] cases = {{1, 3, 5, 7, 4, 3, 3, 1, 1, 1, 1}, {2, 17, 6, 5, 3, 3, 2, 2, 1, 1, 1}, {1, 65, 5, 5, 3, 3, 3, 1, 1, 2, 1},
                {1, 130, 4, 4, 4, 3, 3, 1, 1, 1, 2}, {1, 6, 7, 7, 6, 3, 3, 2, 0, 1, 6}, {1, 1, 18, 18, 2, 17, 17, 1, 0, 1, 1}};
        for (int[] c : cases) {
            for (int xzp : new int[] {0, 255}) {
                checkConv(c, xzp);
            }
        }
    }

    private void checkLinear(int rows, int in, int out, int xzp, boolean relu) {
        int[] x = ints(rows * in, 0, 255);
        int[] w = ints(out * in, -128, 127);
        int[] wzp = ints(out, -128, 127);
        double[] ws = scales(out);
        QuantizedTensor xq = QuantizedTensor.perTensor(longs(x), new long[] {rows, in}, QDType.QUINT8, 0.02, xzp);
        QuantizedTensor wq = QuantizedTensor.perChannel(longs(w), new long[] {out, in}, QDType.QINT8, ws, longs(wzp), 0);
        QuantizedKernels.Weight packed = QuantizedKernels.Weight.of(wq);
        float[] bias = floats(out);
        int[] sums = new int[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                for (int k = 0; k < in; k++) sums[r * out + o] += (x[r * in + k] - xzp) * (w[o * in + k] - wzp[o]);
            }
        }
        String what = "linear " + rows + "x" + in + " -> " + out + ", x_zp " + xzp;
        assertArrayEquals(sums, QuantizedKernels.matmul(xq.centred(), packed, 255), what);
        double ys = 0.7;
        long yzp = 100;
        long[] got = QuantizedTensor.of(QuantizedKernels.linear(xq, packed, bias, ys, yzp, relu)).intRepr().toLongArray();
        assertArrayEquals(requantize(sums, out, 1, bias, ws, 0.02, ys, yzp, relu), got, what);
    }

    private void checkConv(int[] c, int xzp) {
        int n = c[0], ch = c[1], h = c[2], wd = c[3], o = c[4], kh = c[5], kw = c[6], st = c[7], pad = c[8], dil = c[9], groups = c[10];
        int cg = ch / groups, og = o / groups;
        int ho = (h + 2 * pad - dil * (kh - 1) - 1) / st + 1, wo = (wd + 2 * pad - dil * (kw - 1) - 1) / st + 1;
        int[] x = ints(n * ch * h * wd, 0, 255);
        int[] w = ints(o * cg * kh * kw, -128, 127);
        int[] wzp = ints(o, -128, 127);
        double[] ws = scales(o);
        long[] wShape = {o, cg, kh, kw};
        QuantizedTensor xq = QuantizedTensor.perTensor(longs(x), new long[] {n, ch, h, wd}, QDType.QUINT8, 0.03, xzp);
        QuantizedTensor wq = QuantizedTensor.perChannel(longs(w), wShape, QDType.QINT8, ws, longs(wzp), 0);
        float[] bias = floats(o);
        int[] sums = new int[n * o * ho * wo];
        for (int img = 0; img < n; img++) {
            for (int oc = 0; oc < o; oc++) {
                int g = oc / og;
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        int acc = 0;
                        for (int ic = 0; ic < cg; ic++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int iy = oy * st - pad + i * dil, ix = ox * st - pad + j * dil;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                                    int xv = x[((img * ch + g * cg + ic) * h + iy) * wd + ix] - xzp;
                                    acc += xv * (w[((oc * cg + ic) * kh + i) * kw + j] - wzp[oc]);
                                }
                            }
                        }
                        sums[((img * o + oc) * ho + oy) * wo + ox] = acc;
                    }
                }
            }
        }
        long[] s = {st, st}, p = {pad, pad}, d = {dil, dil};
        double ys = 1.3;
        long yzp = 7;
        long[] got = QuantizedTensor.of(QuantizedKernels.conv2d(xq, QuantizedKernels.Weight.of(wq), wShape, bias, s, p, d, groups, ys, yzp,
                false)).intRepr().toLongArray();
        assertArrayEquals(requantize(sums, o, ho * wo, bias, ws, 0.03, ys, yzp, false), got, "conv " + java.util.Arrays.toString(c)
                + ", x_zp " + xzp);
    }

    /** QNNPACK's requantization of sums laid out (outer, channels, inner), written out once more. */
    private static long[] requantize(int[] sums, int channels, int inner, float[] bias, double[] ws, double xs, double ys, long yzp,
                                     boolean relu) {
        long[] y = new long[sums.length];
        for (int i = 0; i < sums.length; i++) {
            int ch = (i / inner) % channels;
            int b = (int) AffineQuantizer.quantize(bias[ch], ws[ch] * xs, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
            float m = ((float) ws[ch] * (float) xs) * (1.0f / (float) ys);
            long v = (long) Math.rint((sums[i] + b) * m) + yzp;
            y[i] = Math.min(Math.max(v, relu ? yzp : 0), 255);
        }
        return y;
    }

    private int[] ints(int n, int lo, int hi) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = lo + random.nextInt(hi - lo + 1);
        return v;
    }

    private double[] scales(int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = 0.001 + random.nextDouble() * 0.01;
        return s;
    }

    private float[] floats(int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) random.nextGaussian();
        return f;
    }

    private static long[] longs(int[] v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) l[i] = v[i];
        return l;
    }
}
