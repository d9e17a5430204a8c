package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * Max pooling in one pass over float32/float64 planes of any spatial rank: each window's maximum and
 * its flat position in the input plane (PyTorch's {@code return_indices}), with PyTorch's rules: NaN
 * wins, ties keep the first position, padding and positions past the input (ceil mode) are skipped.
 */
final class MaxPoolKernel {
    private MaxPoolKernel() {}

    static boolean maxPool(Strided input, Strided values, Strided indices, long[] kernel, long[] stride, long[] padding,
                           long[] dilation, long[] outSize) {
        DType t = input.dtype();
        if ((t != DType.FLOAT32 && t != DType.FLOAT64) || values.dtype() != t || indices.dtype() != DType.INT64
                || !(input.storage() instanceof HostStorage) || !WindowKernels.contiguous(input) || !WindowKernels.contiguous(values)
                || !WindowKernels.contiguous(indices)) {
            return false;
        }
        int d = kernel.length;
        long[] shape = input.shape();
        int[] in = new int[d], k = new int[d], s = new int[d], p = new int[d], dil = new int[d], out = new int[d];
        int plane = 1, outPlane = 1, window = 1;
        for (int i = 0; i < d; i++) {
            in[i] = (int) shape[shape.length - d + i];
            k[i] = (int) kernel[i];
            s[i] = (int) stride[i];
            p[i] = (int) padding[i];
            dil[i] = (int) dilation[i];
            out[i] = (int) outSize[i];
            plane *= in[i];
            outPlane *= out[i];
            window *= k[i];
        }
        int planes = (int) (input.numel() / Math.max(1, plane));
        int inOff = (int) input.offset(), valOff = (int) values.offset(), idxOff = (int) indices.offset();
        long[] idx = ((HostStorage) indices.storage()).longs();
        boolean isFloat = t == DType.FLOAT32;
        float[] xf = isFloat ? ((HostStorage) input.storage()).floats() : null, vf = isFloat ? ((HostStorage) values.storage()).floats() : null;
        double[] xd = isFloat ? null : ((HostStorage) input.storage()).doubles(), vd = isFloat ? null : ((HostStorage) values.storage()).doubles();
        int fPlane = plane, fOutPlane = outPlane, fWindow = window;
        Parallel.forRange(planes, Math.max(1, (1 << 14) / Math.max(1, outPlane * window)), (a, b) -> {
            int[] o = new int[d], start = new int[d], kk = new int[d];
            for (int pl = a; pl < b; pl++) {
                int src = inOff + pl * fPlane;
                for (int q = 0; q < fOutPlane; q++) {
                    int rem = q;
                    for (int i = d - 1; i >= 0; i--) {
                        o[i] = rem % out[i];
                        rem /= out[i];
                        start[i] = o[i] * s[i] - p[i];
                    }
                    double best = Double.NEGATIVE_INFINITY;
                    long bestAt = -1;
                    for (int w = 0; w < fWindow; w++) {
                        int r = w, pos = 0;
                        boolean inside = true;
                        for (int i = d - 1; i >= 0; i--) {
                            kk[i] = r % k[i];
                            r /= k[i];
                        }
                        for (int i = 0; i < d && inside; i++) {
                            int c = start[i] + kk[i] * dil[i];
                            inside = c >= 0 && c < in[i];
                            pos = pos * in[i] + c;
                        }
                        if (!inside) continue;
                        double v = isFloat ? xf[src + pos] : xd[src + pos];
                        if (bestAt < 0 || v > best || Double.isNaN(v)) {
                            best = v;
                            bestAt = pos;
                            if (Double.isNaN(v)) break;
                        }
                    }
                    int at = pl * fOutPlane + q;
                    if (isFloat) vf[valOff + at] = (float) best;
                    else vd[valOff + at] = best;
                    idx[idxOff + at] = bestAt;
                }
            }
        });
        return true;
    }
}
