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
        int grain = Math.max(1, (1 << 14) / Math.max(1, outPlane * window));
        if (d == 2 && isFloat && Simd.ENABLED && k[0] == 2 && k[1] == 2 && s[0] == 2 && s[1] == 2 && p[0] == 0 && p[1] == 0
                && dil[0] == 1 && dil[1] == 1 && 2 * out[0] <= in[0] && 2 * out[1] <= in[1]) {
            int fh = in[0], fw = in[1], foh = out[0], fow = out[1];
            Parallel.forRange(planes, grain, (a, b) -> MaxPool2x2.pool(xf, inOff, vf, valOff, idx, idxOff, a, b, fh, fw, foh, fow));
            return true;
        }
        if (d <= 2 && isFloat && Simd.ENABLED) {
            int h = d == 2 ? in[0] : 1, wd = in[d - 1], oh = d == 2 ? out[0] : 1, ow = out[d - 1];
            int kh = d == 2 ? k[0] : 1, kw = k[d - 1], sh = d == 2 ? s[0] : 1, sw = s[d - 1];
            int ph = d == 2 ? p[0] : 0, pw = p[d - 1], dh = d == 2 ? dil[0] : 1, dw = dil[d - 1];
            Parallel.forRange(planes, grain, (a, b) -> MaxPoolWindows.pool(xf, inOff, vf, valOff, idx, idxOff, a, b, h, wd, oh, ow,
                    kh, kw, sh, sw, ph, pw, dh, dw));
            return true;
        }
        if (d <= 2) {
            // 1-d as 2-d with one row: direct loops, no index arithmetic per element
            int h = d == 2 ? in[0] : 1, wd = in[d - 1], oh = d == 2 ? out[0] : 1, ow = out[d - 1];
            int kh = d == 2 ? k[0] : 1, kw = k[d - 1], sh = d == 2 ? s[0] : 1, sw = s[d - 1];
            int ph = d == 2 ? p[0] : 0, pw = p[d - 1], dh = d == 2 ? dil[0] : 1, dw = dil[d - 1];
            Parallel.forRange(planes, grain, (a, b) -> {
                for (int pl = a; pl < b; pl++) {
                    int src = inOff + pl * fPlane, at = pl * fOutPlane;
                    for (int oy = 0; oy < oh; oy++) {
                        int y0 = oy * sh - ph;
                        for (int ox = 0; ox < ow; ox++, at++) {
                            int x0 = ox * sw - pw;
                            double best = Double.NEGATIVE_INFINITY;
                            int bestAt = -1;
                            scan:
                            for (int ky = 0; ky < kh; ky++) {
                                int y = y0 + ky * dh;
                                if (y < 0 || y >= h) continue;
                                for (int kx = 0; kx < kw; kx++) {
                                    int x = x0 + kx * dw;
                                    if (x < 0 || x >= wd) continue;
                                    int pos = y * wd + x;
                                    double v = isFloat ? xf[src + pos] : xd[src + pos];
                                    if (bestAt < 0 || v > best || v != v) {
                                        best = v;
                                        bestAt = pos;
                                        if (v != v) break scan;
                                    }
                                }
                            }
                            if (isFloat) vf[valOff + at] = (float) best;
                            else vd[valOff + at] = best;
                            idx[idxOff + at] = bestAt;
                        }
                    }
                }
            });
            return true;
        }
        Parallel.forRange(planes, grain, (a, b) -> {
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
