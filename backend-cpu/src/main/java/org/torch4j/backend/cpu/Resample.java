package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * One dim of a separable resampling (interpolate's nearest, linear and cubic modes), {@code [outer, inLen, inner]}
 * to {@code [outer, outLen, inner]}: each output line is the sum over taps of an input line times the
 * tap's weight. Along an inner dim the lines are rows of {@code inner} elements combined whole; along
 * the last dim (inner 1) each output element gathers its taps from the input row. Products and sums are
 * separate roundings in the dtype, in tap order, on the SIMD and scalar paths alike (the composite's bits).
 */
final class Resample {
    private Resample() {}

    /** Output elements per parallel chunk. */
    private static final int GRAIN = 1 << 14;

    static boolean resample(Strided in, Strided out, int[][] index, double[][] weight) {
        DType t = in.dtype();
        if ((t != DType.FLOAT32 && t != DType.FLOAT64) || out.dtype() != t || !(in.storage() instanceof HostStorage)
                || !(out.storage() instanceof HostStorage) || !WindowKernels.contiguous(in) || !WindowKernels.contiguous(out)) {
            return false;
        }
        int outer = (int) in.shape()[0], inLen = (int) in.shape()[1], inner = (int) in.shape()[2];
        int outLen = (int) out.shape()[1];
        int inOff = (int) in.offset(), outOff = (int) out.offset();
        HostStorage src = (HostStorage) in.storage(), dst = (HostStorage) out.storage();
        if (t == DType.FLOAT32) {
            float[] x = src.floats(), y = dst.floats();
            float[][] w = new float[weight.length][];
            for (int k = 0; k < w.length; k++) {
                w[k] = new float[outLen];
                for (int j = 0; j < outLen; j++) w[k][j] = (float) weight[k][j];
            }
            if (inner == 1) {
                ResampleVec.Plan plan = Simd.ENABLED ? new ResampleVec.Plan(index, true) : null;
                Parallel.forRange(outer, Math.max(1, GRAIN / Math.max(1, outLen)), (a, b) -> {
                    for (int o = a; o < b; o++) gather(x, inOff + o * inLen, y, outOff + o * outLen, index, w, outLen, plan);
                });
            } else {
                Parallel.forRange(outer * outLen, Math.max(1, GRAIN / inner), (a, b) -> {
                    for (int r = a; r < b; r++) {
                        int o = r / outLen, j = r - o * outLen, base = inOff + o * inLen * inner;
                        rows(x, base, y, outOff + r * inner, index, w, j, inner);
                    }
                });
            }
        } else {
            double[] x = src.doubles(), y = dst.doubles();
            if (inner == 1) {
                ResampleVec.Plan plan = Simd.ENABLED ? new ResampleVec.Plan(index, false) : null;
                Parallel.forRange(outer, Math.max(1, GRAIN / Math.max(1, outLen)), (a, b) -> {
                    for (int o = a; o < b; o++) gather(x, inOff + o * inLen, y, outOff + o * outLen, index, weight, outLen, plan);
                });
            } else {
                Parallel.forRange(outer * outLen, Math.max(1, GRAIN / inner), (a, b) -> {
                    for (int r = a; r < b; r++) {
                        int o = r / outLen, j = r - o * outLen, base = inOff + o * inLen * inner;
                        rows(x, base, y, outOff + r * inner, index, weight, j, inner);
                    }
                });
            }
        }
        return true;
    }

    /** Output row {@code y[to, to + n)} from the input rows at {@code base + index[t][j] * n}. */
    private static void rows(float[] x, int base, float[] y, int to, int[][] index, float[][] w, int j, int n) {
        int from = Simd.ENABLED ? ResampleVec.rows(x, base, y, to, index, w, j, n) : 0;
        int r0 = base + index[0][j] * n;
        float w0 = w[0][j];
        for (int i = from; i < n; i++) y[to + i] = x[r0 + i] * w0;
        for (int k = 1; k < index.length; k++) {
            int r = base + index[k][j] * n;
            float wk = w[k][j];
            for (int i = from; i < n; i++) y[to + i] += x[r + i] * wk;
        }
    }

    private static void rows(double[] x, int base, double[] y, int to, int[][] index, double[][] w, int j, int n) {
        int from = Simd.ENABLED ? ResampleVec.rows(x, base, y, to, index, w, j, n) : 0;
        int r0 = base + index[0][j] * n;
        double w0 = w[0][j];
        for (int i = from; i < n; i++) y[to + i] = x[r0 + i] * w0;
        for (int k = 1; k < index.length; k++) {
            int r = base + index[k][j] * n;
            double wk = w[k][j];
            for (int i = from; i < n; i++) y[to + i] += x[r + i] * wk;
        }
    }

    /** {@code y[to + j]} for j in [0, n), each from the taps {@code x[from + index[t][j]]}. */
    private static void gather(float[] x, int from, float[] y, int to, int[][] index, float[][] w, int n, ResampleVec.Plan plan) {
        int start = plan != null ? ResampleVec.gather(x, from, y, to, index, w, n, plan) : 0;
        int[] i0 = index[0];
        float[] w0 = w[0];
        for (int j = start; j < n; j++) y[to + j] = x[from + i0[j]] * w0[j];
        for (int k = 1; k < index.length; k++) {
            int[] ik = index[k];
            float[] wk = w[k];
            for (int j = start; j < n; j++) y[to + j] += x[from + ik[j]] * wk[j];
        }
    }

    private static void gather(double[] x, int from, double[] y, int to, int[][] index, double[][] w, int n,
                               ResampleVec.Plan plan) {
        int start = plan != null ? ResampleVec.gather(x, from, y, to, index, w, n, plan) : 0;
        int[] i0 = index[0];
        double[] w0 = w[0];
        for (int j = start; j < n; j++) y[to + j] = x[from + i0[j]] * w0[j];
        for (int k = 1; k < index.length; k++) {
            int[] ik = index[k];
            double[] wk = w[k];
            for (int j = start; j < n; j++) y[to + j] += x[from + ik[j]] * wk[j];
        }
    }
}
