package org.torch4j.backend.cpu.conv;

import org.torch4j.DType;
import org.torch4j.backend.cpu.Parallel;
import org.torch4j.backend.cpu.Simd;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * Direct 2-d convolution (groups 1, any stride, padding and dilation) for float32 and float64: the
 * backend's {@code conv2d} and {@code conv2dWeightGrad}. Instead of materialising im2col columns, the
 * forward kernels read each zero-bordered input image in place (see {@link ConvGeometry}) and write NCHW
 * output directly: the float32 forward as a blocked GEMM over pixel panels ({@link BlockedConv}), the
 * float64 forward with output channels as broadcast weights and output pixels as vector lanes
 * ({@link DoubleConv}). The weight gradient is the GEMM over im2col rows gathered a chunk of images at a
 * time ({@link WeightGradGemm}). With stride 1 the input gradient is this
 * forward convolution of the output gradient with the flipped, transposed weights (the api composes it).
 * Declines (returns false) without the Vector API, for other dtypes and for non-contiguous operands.
 */
public final class DirectConv {
    /** Below this many multiply-adds a task runs on the calling thread. */
    private static final int GRAIN_MACS = 1 << 18;

    private DirectConv() {}

    /** out = conv2d(input, weight) + bias; see {@code Backend.conv2d}. */
    public static boolean forward(Strided input, Strided weight, Strided bias, Strided out, long[] stride, long[] padding,
                                  long[] dilation) {
        if (!supported(input, weight, out) || (bias != null && !usable(bias, input.dtype()))) return false;
        if (input.dtype() == DType.FLOAT32 && weight.shape()[1] * weight.shape()[2] * weight.shape()[3] <= SmallConv.MAX_K) {
            // row segments of whole vectors
            ConvGeometry g = ConvGeometry.of(input.shape(), weight.shape(), stride, padding, dilation, FloatConv.LANES);
            SmallConv.forward(g, (float[]) array(input), (int) input.offset(), (float[]) array(weight), (int) weight.offset(),
                    bias == null ? null : (float[]) array(bias), bias == null ? 0 : (int) bias.offset(), (float[]) array(out),
                    (int) out.offset());
            return true;
        }
        if (input.dtype() == DType.FLOAT32) {
            // the narrowest pitch: BlockedConv's tiles run over virtual pixels, not per-row segments
            ConvGeometry g = ConvGeometry.of(input.shape(), weight.shape(), stride, padding, dilation, 1);
            BlockedConv.forward(g, (float[]) array(input), (int) input.offset(), (float[]) array(weight), (int) weight.offset(),
                    bias == null ? null : (float[]) array(bias), bias == null ? 0 : (int) bias.offset(), (float[]) array(out),
                    (int) out.offset());
            return true;
        }
        ConvKernels t = DoubleConv.KERNELS;
        ConvGeometry g = ConvGeometry.of(input.shape(), weight.shape(), stride, padding, dilation, t.lanes());
        int[][] seg = g.segments();
        int pairs = (seg[0].length + 1) / 2, units = g.n() * pairs;
        int grain = (int) Math.max(1, GRAIN_MACS / Math.max(1, (long) g.o() * g.k() * 2 * t.lanes()));
        int in0 = (int) input.offset(), out0 = (int) out.offset(), bOff = bias == null ? 0 : (int) bias.offset();
        int inImage = g.c() * g.inPlane(), outImage = g.o() * g.outPlane();
        double[] x = (double[]) array(input), y = (double[]) array(out), b = bias == null ? null : (double[]) array(bias);
        double[] w = (double[]) array(weight);
        int w0 = (int) weight.offset();
        Parallel.forRange(units, grain, (a, e) -> {
            double[] xp = new double[g.paddedLength()], panel = new double[2 * g.k() * t.lanes()];
            for (int u = a, padded = -1; u < e; u++) {
                int img = u / pairs;
                if (img != padded) g.pad(t, x, in0 + img * inImage, xp);
                padded = img;
                DoubleConv.forward(g, seg, xp, u % pairs, panel, w, w0, b, bOff, y, out0 + img * outImage);
            }
        });
        return true;
    }

    /** gradWeight = the weight gradient of conv2d(input, ·) for output gradient gradOut; see {@code Backend.conv2dWeightGrad}. */
    public static boolean weightGrad(Strided gradOut, Strided input, Strided gradWeight, long[] stride, long[] padding,
                                     long[] dilation) {
        if (!supported(input, gradWeight, gradOut)) return false;
        // one lane: the narrowest pitch, since WeightGradGemm copies whole rows out of the padded image
        ConvGeometry g = ConvGeometry.of(input.shape(), gradWeight.shape(), stride, padding, dilation, 1);
        WeightGradGemm.weightGrad(kernels(input.dtype()), g, array(input), (int) input.offset(), array(gradOut), (int) gradOut.offset(),
                array(gradWeight), (int) gradWeight.offset());
        return true;
    }

    private static ConvKernels kernels(DType t) {
        return t == DType.FLOAT32 ? FloatConv.KERNELS : DoubleConv.KERNELS;
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

    private static Object array(Strided s) {
        HostStorage h = (HostStorage) s.storage();
        return s.dtype() == DType.FLOAT32 ? h.floats() : h.doubles();
    }
}
