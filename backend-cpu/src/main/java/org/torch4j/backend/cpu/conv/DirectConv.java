package org.torch4j.backend.cpu.conv;

import org.torch4j.DType;
import org.torch4j.backend.cpu.Parallel;
import org.torch4j.backend.cpu.Simd;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * Direct 2-d convolution (stride 1, groups 1, any padding and dilation) for float32 and float64: the
 * backend's {@code conv2d} and {@code conv2dWeightGrad}. Instead of materialising im2col columns and
 * packing them for a GEMM, the vector tiles read each zero-bordered input image in place (see
 * {@link ConvGeometry}), with output channels as broadcast weights and output pixels as vector lanes,
 * so the output comes out in NCHW directly. The input gradient is this forward convolution of the
 * output gradient with the flipped, transposed weights (the api composes it). Declines (returns false)
 * without the Vector API, for other dtypes and for non-contiguous operands.
 */
public final class DirectConv {
    /** Below this many multiply-adds a task runs on the calling thread. */
    private static final int GRAIN_MACS = 1 << 18;
    /** Images whose weight-gradient products accumulate in registers before a sum across lanes. */
    private static final int IMAGE_GROUP = 8;

    private DirectConv() {}

    /** out = conv2d(input, weight) + bias; see {@code Backend.conv2d}. */
    public static boolean forward(Strided input, Strided weight, Strided bias, Strided out, long[] padding, long[] dilation) {
        if (!supported(input, weight, out) || (bias != null && !usable(bias, input.dtype()))) return false;
        ConvGeometry g = ConvGeometry.of(input.shape(), weight.shape(), padding, dilation);
        int blocks = (g.o() + FloatConv.ROWS - 1) / FloatConv.ROWS, units = g.n() * blocks;
        int grain = Math.max(1, GRAIN_MACS / Math.max(1, FloatConv.ROWS * g.k() * g.outPlane()));
        int in0 = (int) input.offset(), out0 = (int) out.offset(), w0 = (int) weight.offset();
        int inImage = g.c() * g.inPlane(), outImage = g.o() * g.outPlane();
        if (input.dtype() == DType.FLOAT32) {
            float[] x = floats(input), y = floats(out), b = bias == null ? null : floats(bias);
            float[] packed = FloatConv.pack(floats(weight), w0, g.o(), g.k());
            int[][] seg = g.segments(FloatConv.LANES);
            int bOff = bias == null ? 0 : (int) bias.offset();
            Parallel.forRange(units, grain, (a, e) -> {
                float[] xp = new float[g.paddedLength(FloatConv.LANES)];
                for (int u = a, padded = -1; u < e; u++) {
                    int img = u / blocks;
                    if (img != padded) g.pad(x, in0 + img * inImage, xp);
                    padded = img;
                    FloatConv.forward(g, seg, xp, packed, u % blocks, b, bOff, y, out0 + img * outImage);
                }
            });
        } else {
            double[] x = doubles(input), y = doubles(out), b = bias == null ? null : doubles(bias);
            double[] packed = DoubleConv.pack(doubles(weight), w0, g.o(), g.k());
            int[][] seg = g.segments(DoubleConv.LANES);
            int bOff = bias == null ? 0 : (int) bias.offset();
            Parallel.forRange(units, grain, (a, e) -> {
                double[] xp = new double[g.paddedLength(DoubleConv.LANES)];
                for (int u = a, padded = -1; u < e; u++) {
                    int img = u / blocks;
                    if (img != padded) g.pad(x, in0 + img * inImage, xp);
                    padded = img;
                    DoubleConv.forward(g, seg, xp, packed, u % blocks, b, bOff, y, out0 + img * outImage);
                }
            });
        }
        return true;
    }

    /** gradWeight = the weight gradient of conv2d(input, ·) for output gradient gradOut; see {@code Backend.conv2dWeightGrad}. */
    public static boolean weightGrad(Strided gradOut, Strided input, Strided gradWeight, long[] padding, long[] dilation) {
        if (!supported(input, gradWeight, gradOut)) return false;
        ConvGeometry g = ConvGeometry.of(input.shape(), gradWeight.shape(), padding, dilation);
        int groups = (g.n() + IMAGE_GROUP - 1) / IMAGE_GROUP, size = g.o() * g.k();
        long macsPerGroup = (long) IMAGE_GROUP * size * g.outPlane();
        int grain = (int) Math.max(1, GRAIN_MACS / Math.max(1, macsPerGroup));
        int chunks = Math.max(1, Math.min(Parallel.threads(), (groups + grain - 1) / grain));
        int in0 = (int) input.offset(), gy0 = (int) gradOut.offset(), gw0 = (int) gradWeight.offset();
        int inImage = g.c() * g.inPlane(), outImage = g.o() * g.outPlane();
        if (input.dtype() == DType.FLOAT32) {
            float[] x = floats(input), gy = floats(gradOut), gw = floats(gradWeight);
            int[][] seg = g.segments(FloatConv.LANES);
            float[][] partial = new float[chunks][size];
            Parallel.forRange(chunks, 1, (a, e) -> {
                for (int ch = a; ch < e; ch++) {
                    float[][] xps = new float[IMAGE_GROUP][];
                    for (int gr = groupStart(groups, chunks, ch); gr < groupStart(groups, chunks, ch + 1); gr++) {
                        int first = gr * IMAGE_GROUP, count = Math.min(IMAGE_GROUP, g.n() - first);
                        for (int i = 0; i < count; i++) {
                            if (xps[i] == null) xps[i] = new float[g.paddedLength(FloatConv.LANES)];
                            g.pad(x, in0 + (first + i) * inImage, xps[i]);
                        }
                        FloatConv.weightGrad(g, seg, xps, count, gy, gy0 + first * outImage, partial[ch]);
                    }
                }
            });
            for (int i = 0; i < size; i++) {
                float s = 0;
                for (float[] p : partial) s += p[i];
                gw[gw0 + i] = s;
            }
        } else {
            double[] x = doubles(input), gy = doubles(gradOut), gw = doubles(gradWeight);
            int[][] seg = g.segments(DoubleConv.LANES);
            double[][] partial = new double[chunks][size];
            Parallel.forRange(chunks, 1, (a, e) -> {
                for (int ch = a; ch < e; ch++) {
                    double[][] xps = new double[IMAGE_GROUP][];
                    for (int gr = groupStart(groups, chunks, ch); gr < groupStart(groups, chunks, ch + 1); gr++) {
                        int first = gr * IMAGE_GROUP, count = Math.min(IMAGE_GROUP, g.n() - first);
                        for (int i = 0; i < count; i++) {
                            if (xps[i] == null) xps[i] = new double[g.paddedLength(DoubleConv.LANES)];
                            g.pad(x, in0 + (first + i) * inImage, xps[i]);
                        }
                        DoubleConv.weightGrad(g, seg, xps, count, gy, gy0 + first * outImage, partial[ch]);
                    }
                }
            });
            for (int i = 0; i < size; i++) {
                double s = 0;
                for (double[] p : partial) s += p[i];
                gw[gw0 + i] = s;
            }
        }
        return true;
    }

    /** The first image group of chunk {@code ch} when {@code groups} are split into {@code chunks} even runs. */
    private static int groupStart(int groups, int chunks, int ch) {
        return (int) ((long) groups * ch / chunks);
    }

    /** 4-d operands of one float dtype in host memory, contiguous, non-empty and int-addressable. */
    private static boolean supported(Strided input, Strided weight, Strided out) {
        DType t = input.dtype();
        if (!Simd.ENABLED || (t != DType.FLOAT32 && t != DType.FLOAT64) || input.rank() != 4 || weight.rank() != 4
                || out.rank() != 4) {
            return false;
        }
        return usable(input, t) && usable(weight, t) && usable(out, t);
    }

    private static boolean usable(Strided s, DType t) {
        return s.dtype() == t && s.storage() instanceof HostStorage && s.isContiguous() && s.numel() > 0
                && s.offset() + s.numel() < Integer.MAX_VALUE / 2;
    }

    private static float[] floats(Strided s) {
        return ((HostStorage) s.storage()).floats();
    }

    private static double[] doubles(Strided s) {
        return ((HostStorage) s.storage()).doubles();
    }
}
