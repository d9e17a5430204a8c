package org.torch4j.backend.cpu;

import static org.torch4j.backend.cpu.RealElements.get;
import static org.torch4j.backend.cpu.RealElements.set;

import org.torch4j.DType;
import org.torch4j.backend.cpu.kernels.FloatGroupNorm;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The backend's group normalization and its backward over contiguous float32/float64 [N, C, P] tensors, a sample's
 * group of channels (C/G * P consecutive values) at a time, split across threads: the forward in three passes over
 * a group (sum, squared deviations, then each channel's {@code x * scale + shift} with the weight and bias folded
 * into its scale and shift), the backward in two (each channel's sums of {@code g x} and {@code g}, then the input
 * gradient), where the composition of layer norm and the affine makes about seven forward and twelve backward. The
 * weight and bias gradients are sums over samples of the per-channel sums, added in sample order, so the result does
 * not depend on the thread count. Floats run the Vector API kernel ({@link FloatGroupNorm}) in float, as PyTorch's;
 * doubles, and floats without the Vector API, a scalar kernel in double.
 */
final class GroupNormKernel {
    private GroupNormKernel() {}

    static boolean forward(Strided out, Strided mean, Strided rstd, Strided in, Strided weight, Strided bias, long groups, double eps) {
        DType t = in.dtype();
        if (!fits(in, groups, mean, rstd, weight, bias) || !FusedBackward.dense(t, out, mean, rstd, in, weight, bias)
                || !java.util.Arrays.equals(out.shape(), in.shape())) {
            return false;
        }
        int g = (int) groups, cg = (int) (in.shape()[1] / groups), p = (int) in.shape()[2], units = (int) in.shape()[0] * g, len = cg * p;
        boolean simd = t == DType.FLOAT32 && Simd.ENABLED;
        Parallel.forRange(units, Math.max(1, Elementwise.COSTLY_GRAIN / len), (u0, u1) -> {
            float[] stats = new float[2];
            for (int u = u0; u < u1; u++) {
                int c0 = (u % g) * cg, xo = at(in) + u * len, yo = at(out) + u * len;
                if (simd) {
                    FloatGroupNorm.forward(floats(in), xo, cg, p, floats(weight), at(weight) + c0, floats(bias), at(bias) + c0, (float) eps,
                            floats(out), yo, stats);
                    floats(mean)[at(mean) + u] = stats[0];
                    floats(rstd)[at(rstd) + u] = stats[1];
                } else {
                    scalarForward(u, c0, cg, p, out, mean, rstd, in, weight, bias, eps);
                }
            }
        });
        return true;
    }

    static boolean backward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in, Strided mean, Strided rstd,
                            Strided weight, long groups) {
        DType t = in.dtype();
        if (!fits(in, groups, mean, rstd, weight, gradWeight) || !fits(in, groups, mean, rstd, gradBias, null)
                || !FusedBackward.dense(t, gradIn, gradWeight, gradBias, grad, in, mean, rstd, weight)
                || !java.util.Arrays.equals(grad.shape(), in.shape()) || (gradIn != null && !java.util.Arrays.equals(gradIn.shape(), in.shape()))) {
            return false;
        }
        int n = (int) in.shape()[0], c = (int) in.shape()[1], g = (int) groups, cg = c / g, p = (int) in.shape()[2], len = cg * p;
        boolean simd = t == DType.FLOAT32 && Simd.ENABLED;
        // each sample's per-channel sums of g x and g: [N, C]
        float[] dsF = simd ? new float[n * c] : null, dbF = simd ? new float[n * c] : null;
        double[] dsD = simd ? null : new double[n * c], dbD = simd ? null : new double[n * c];
        Parallel.forRange(n * g, Math.max(1, Elementwise.COSTLY_GRAIN / len), (u0, u1) -> {
            for (int u = u0; u < u1; u++) {
                int c0 = (u % g) * cg, at = u * len, sums = u * cg;
                if (simd) {
                    float[] x = floats(in), gy = floats(grad);
                    FloatGroupNorm.channelSums(gy, at(grad) + at, x, at(in) + at, cg, p, dsF, dbF, sums);
                    if (gradIn != null) {
                        FloatGroupNorm.inputGrad(gy, at(grad) + at, x, at(in) + at, cg, p, floats(weight), at(weight) + c0,
                                floats(mean)[at(mean) + u], floats(rstd)[at(rstd) + u], dsF, dbF, sums, floats(gradIn), at(gradIn) + at);
                    }
                } else {
                    scalarBackward(u, c0, cg, p, gradIn, grad, in, mean, rstd, weight, dsD, dbD);
                }
            }
        });
        // gradWeight[c] = sum over samples of (ds - mean db) rstd, gradBias[c] = sum of db, in sample order
        for (int ch = 0; ch < c; ch++) {
            double sw = 0, sb = 0;
            for (int s = 0; s < n; s++) {
                int u = s * g + ch / cg, k = s * c + ch;
                double ds = simd ? dsF[k] : dsD[k], db = simd ? dbF[k] : dbD[k];
                sw += (ds - get(mean, at(mean) + u) * db) * get(rstd, at(rstd) + u);
                sb += db;
            }
            if (gradWeight != null) set(gradWeight, at(gradWeight) + ch, sw);
            if (gradBias != null) set(gradBias, at(gradBias) + ch, sb);
        }
        return true;
    }

    private static void scalarForward(int u, int c0, int cg, int p, Strided out, Strided mean, Strided rstd, Strided in, Strided weight,
                                      Strided bias, double eps) {
        int len = cg * p, xo = at(in) + u * len, yo = at(out) + u * len;
        double sum = 0;
        for (int i = 0; i < len; i++) sum += get(in, xo + i);
        double mu = sum / len, sq = 0;
        for (int i = 0; i < len; i++) {
            double d = get(in, xo + i) - mu;
            sq += d * d;
        }
        double rs = 1 / Math.sqrt(sq / len + eps);
        for (int c = 0; c < cg; c++) {
            double w = weight == null ? 1 : get(weight, at(weight) + c0 + c), b = bias == null ? 0 : get(bias, at(bias) + c0 + c);
            for (int i = c * p; i < (c + 1) * p; i++) set(out, yo + i, (get(in, xo + i) - mu) * rs * w + b);
        }
        set(mean, at(mean) + u, mu);
        set(rstd, at(rstd) + u, rs);
    }

    private static void scalarBackward(int u, int c0, int cg, int p, Strided gradIn, Strided grad, Strided in, Strided mean, Strided rstd,
                                       Strided weight, double[] dsc, double[] dbc) {
        int len = cg * p, go = at(grad) + u * len, xo = at(in) + u * len;
        double ds = 0, db = 0;
        for (int c = 0; c < cg; c++) {
            double sx = 0, sg = 0;
            for (int i = c * p; i < (c + 1) * p; i++) {
                double gv = get(grad, go + i);
                sx += gv * get(in, xo + i);
                sg += gv;
            }
            dsc[u * cg + c] = sx;
            dbc[u * cg + c] = sg;
            double w = weight == null ? 1 : get(weight, at(weight) + c0 + c);
            ds += w * sx;
            db += w * sg;
        }
        if (gradIn == null) return;
        double mu = get(mean, at(mean) + u), rs = get(rstd, at(rstd) + u);
        double pc = (db * mu - ds) * rs * rs * rs / len, q = -pc * mu - db * rs / len;
        int gxo = at(gradIn) + u * len;
        for (int c = 0; c < cg; c++) {
            double a = rs * (weight == null ? 1 : get(weight, at(weight) + c0 + c));
            for (int i = c * p; i < (c + 1) * p; i++) set(gradIn, gxo + i, a * get(grad, go + i) + pc * get(in, xo + i) + q);
        }
    }

    /** A non-empty [N, C, P] input in groups dividing C, per-channel operands {@code a}, {@code b} (null: none) and [N * G] statistics. */
    private static boolean fits(Strided in, long groups, Strided mean, Strided rstd, Strided a, Strided b) {
        if (in.rank() != 3 || in.numel() == 0 || groups <= 0 || in.shape()[1] % groups != 0) return false;
        long n = in.shape()[0], c = in.shape()[1];
        return mean.numel() == n * groups && rstd.numel() == n * groups && (a == null || a.numel() == c) && (b == null || b.numel() == c)
                && in.numel() < Integer.MAX_VALUE / 2;
    }

    private static int at(Strided s) {
        return s == null ? 0 : (int) s.offset();
    }

    private static float[] floats(Strided s) {
        return s == null ? null : ((HostStorage) s.storage()).floats();
    }
}
