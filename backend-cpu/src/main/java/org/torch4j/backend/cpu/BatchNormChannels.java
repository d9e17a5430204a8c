package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.backend.cpu.kernels.FloatBatchNorm;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The backend's fused batch normalization (training) and its backward over contiguous [N, C, P] float32/float64
 * tensors, as PyTorch's CPU kernels: per channel, its N planes read twice forward (mean, then variance) and once
 * more to write the output, twice backward; statistics accumulated in double. The output is
 * {@code (x - mean) * scale + bias}, centred first: PyTorch's {@code x * alpha + beta} cancels two large terms when a
 * channel's mean is large against its spread (the first layers of RAFT's encoders, where it moved the gradient of
 * the first convolution's weight 5e-3 away from torchvision's; centred, 2e-4). Channels are split across threads,
 * each channel summed by one thread in a fixed order, so results do not depend on the thread count. The composition
 * it replaces made about five passes forward and eight backward over the tensor, each with its allocation (a
 * ResNet-18 training step spent about a sixth of its time there).
 */
final class BatchNormChannels {
    private BatchNormChannels() {}

    static boolean forward(Strided out, Strided mean, Strided var, Strided in, Strided weight, Strided bias, double eps) {
        DType t = in.dtype();
        if (!FusedBackward.dense(t, in, out, mean, var, weight, bias) || !java.util.Arrays.equals(out.shape(), in.shape()) || !perChannel(in, mean, var, weight, bias)) {
            return false;
        }
        int n = (int) in.shape()[0], c = (int) in.shape()[1], p = (int) in.shape()[2];
        double count = (double) n * p;
        Parallel.forRange(c, Math.max(1, Elementwise.CHEAP_GRAIN / Math.max(1, n * p)), (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                double mu = sum(in, ch, 0, false) / count;
                double v = sum(in, ch, mu, true) / count;
                double scale = 1 / Math.sqrt(v + eps) * (weight == null ? 1 : get(weight, ch)), shift = bias == null ? 0 : get(bias, ch);
                set(mean, ch, mu);
                set(var, ch, v);
                for (int img = 0; img < n; img++) {
                    int at = plane(in, img, ch), to = plane(out, img, ch);
                    if (t == DType.FLOAT32 && Simd.ENABLED) {
                        FloatBatchNorm.affine(floats(in), at, p, (float) mu, (float) scale, (float) shift, floats(out), to);
                    } else {
                        for (int i = 0; i < p; i++) RealElements.set(out, to + i, (RealElements.get(in, at + i) - mu) * scale + shift);
                    }
                }
            }
        });
        return true;
    }

    static boolean backward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in,
                            Strided mean, Strided invstd, Strided weight) {
        DType t = in.dtype();
        if (!FusedBackward.dense(t, gradIn, gradWeight, gradBias, grad, in, mean, invstd, weight) || !java.util.Arrays.equals(grad.shape(), in.shape())
                || (gradIn != null && !java.util.Arrays.equals(gradIn.shape(), in.shape()))
                || !perChannel(in, mean, invstd, weight, gradWeight) || !perChannel(in, mean, invstd, gradBias, null)) {
            return false;
        }
        int n = (int) in.shape()[0], c = (int) in.shape()[1], p = (int) in.shape()[2];
        double count = (double) n * p;
        boolean simd = t == DType.FLOAT32 && Simd.ENABLED;
        Parallel.forRange(c, Math.max(1, Elementwise.CHEAP_GRAIN / Math.max(1, n * p)), (c0, c1) -> {
            double[] sums = new double[2];
            for (int ch = c0; ch < c1; ch++) {
                double mu = get(mean, ch), is = get(invstd, ch), w = weight == null ? 1 : get(weight, ch);
                sums[0] = sums[1] = 0;
                for (int img = 0; img < n; img++) {
                    int go = plane(grad, img, ch), xo = plane(in, img, ch);
                    if (simd) {
                        FloatBatchNorm.gradientSums(floats(grad), go, floats(in), xo, p, (float) mu, sums);
                    } else {
                        for (int i = 0; i < p; i++) {
                            double g = RealElements.get(grad, go + i);
                            sums[0] += g;
                            sums[1] += (RealElements.get(in, xo + i) - mu) * g;
                        }
                    }
                }
                if (gradWeight != null) set(gradWeight, ch, sums[1] * is);
                if (gradBias != null) set(gradBias, ch, sums[0]);
                if (gradIn == null) continue;
                double gradMean = sums[0] / count, k = sums[1] * is * is / count, scale = is * w;
                for (int img = 0; img < n; img++) {
                    int go = plane(grad, img, ch), xo = plane(in, img, ch), to = plane(gradIn, img, ch);
                    if (simd) {
                        FloatBatchNorm.inputGradient(floats(grad), go, floats(in), xo, p, (float) mu, (float) gradMean, (float) k,
                                (float) scale, floats(gradIn), to);
                    } else {
                        for (int i = 0; i < p; i++) {
                            RealElements.set(gradIn, to + i, (RealElements.get(grad, go + i) - gradMean - (RealElements.get(in, xo + i) - mu) * k) * scale);
                        }
                    }
                }
            }
        });
        return true;
    }

    /** Channel {@code ch}'s sum over all planes of {@code (x - shift)} (or its squares). */
    private static double sum(Strided in, int ch, double shift, boolean squared) {
        int n = (int) in.shape()[0], p = (int) in.shape()[2];
        double total = 0;
        for (int img = 0; img < n; img++) {
            int at = plane(in, img, ch);
            if (in.dtype() == DType.FLOAT32 && Simd.ENABLED) {
                total += FloatBatchNorm.sum(floats(in), at, p, (float) shift, squared);
            } else {
                for (int i = 0; i < p; i++) {
                    double d = RealElements.get(in, at + i) - shift;
                    total += squared ? d * d : d;
                }
            }
        }
        return squared ? total : total + shift * n * p;
    }

    /** The array index where image {@code img}'s plane of channel {@code ch} starts. */
    private static int plane(Strided s, int img, int ch) {
        long[] shape = s.shape();
        return (int) (s.offset() + ((long) img * shape[1] + ch) * shape[2]);
    }

    /** [N, C, P] input; the per-channel operands (null allowed) of C elements. */
    private static boolean perChannel(Strided in, Strided... perChannel) {
        if (in.shape().length != 3 || in.numel() == 0) return false;
        for (Strided s : perChannel) if (s != null && s.numel() != in.shape()[1]) return false;
        return true;
    }

    private static float[] floats(Strided s) {
        return ((HostStorage) s.storage()).floats();
    }

    /** Element {@code i} of a per-channel operand (counted from its offset). */
    private static double get(Strided s, int i) {
        return RealElements.get(s, (int) s.offset() + i);
    }

    private static void set(Strided s, int i, double v) {
        RealElements.set(s, (int) s.offset() + i, v);
    }
}
