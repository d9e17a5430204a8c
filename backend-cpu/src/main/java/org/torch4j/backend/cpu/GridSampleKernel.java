package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * {@code grid_sample} in one pass over float32/float64 input of 2 or 3 spatial dims. Each output
 * position first lists its taps (flat offsets in an input plane and their weights: 2^d for bilinear,
 * 1 for nearest, 16 for bicubic; taps outside the input are dropped, which is zero padding), then sums
 * them for every channel, so the interpolation rules run once per position, not once per channel.
 * Coordinates and sums are computed in double.
 */
final class GridSampleKernel {
    private GridSampleKernel() {}

    private static final double A = -0.75;   // the cubic convolution kernel's A, as PyTorch's bicubic

    static boolean sample(Strided input, Strided grid, Strided out, String mode, String padding, boolean align) {
        DType t = input.dtype();
        int d = input.shape().length - 2;
        if ((t != DType.FLOAT32 && t != DType.FLOAT64) || grid.dtype() != t || out.dtype() != t || (d != 2 && d != 3)
                || (d == 3 && mode.equals("bicubic")) || !(input.storage() instanceof HostStorage)
                || !WindowKernels.contiguous(input) || !WindowKernels.contiguous(grid) || !WindowKernels.contiguous(out)) {
            return false;
        }
        long[] shape = input.shape();
        int n = (int) shape[0], c = (int) shape[1];
        int[] size = new int[d];
        int plane = 1;
        for (int k = 0; k < d; k++) {
            size[k] = (int) shape[2 + k];
            plane *= size[k];
        }
        int l = (int) (grid.numel() / Math.max(1, (long) n * d));
        boolean isFloat = t == DType.FLOAT32;
        float[] xf = isFloat ? ((HostStorage) input.storage()).floats() : null;
        float[] gf = isFloat ? ((HostStorage) grid.storage()).floats() : null;
        float[] of = isFloat ? ((HostStorage) out.storage()).floats() : null;
        double[] xd = isFloat ? null : ((HostStorage) input.storage()).doubles();
        double[] gd = isFloat ? null : ((HostStorage) grid.storage()).doubles();
        double[] od = isFloat ? null : ((HostStorage) out.storage()).doubles();
        int inOff = (int) input.offset(), gridOff = (int) grid.offset(), outOff = (int) out.offset();
        int pad = switch (padding) {
            case "border" -> 1;
            case "reflection" -> 2;
            default -> 0;
        };
        int kind = switch (mode) {
            case "nearest" -> 1;
            case "bicubic" -> 2;
            default -> 0;
        };
        int fPlane = plane;
        if (isFloat && d == 2 && kind != 2) {
            int h = size[0], wd = size[1];
            Parallel.forRange(n * l, Math.max(64, 8192 / Math.max(1, c)), (a, b) -> {
                if (kind == 0) bilinear2d(xf, inOff, gf, gridOff, of, outOff, a, b, c, h, wd, l, pad, align);
                else nearest2d(xf, inOff, gf, gridOff, of, outOff, a, b, c, h, wd, l, pad, align);
            });
            return true;
        }
        Parallel.forRange(n * l, Math.max(64, 8192 / Math.max(1, c)), (a, b) -> {
            int[] off = new int[16];
            double[] w = new double[16], pos = new double[d], scratch = new double[8];
            for (int p = a; p < b; p++) {
                int batch = p / l, q = p - batch * l;
                // grid lists x (the last spatial dim) first
                for (int k = 0; k < d; k++) {
                    int at = gridOff + p * d + (d - 1 - k);
                    pos[k] = unnormalize(isFloat ? gf[at] : gd[at], size[k], align);
                }
                int taps = switch (kind) {
                    case 1 -> nearest(pos, size, pad, align, off, w);
                    case 2 -> bicubic(pos, size, pad, align, off, w, scratch);
                    default -> linear(pos, size, pad, align, off, w, scratch);
                };
                int src = inOff + batch * c * fPlane, dst = outOff + batch * c * l + q;
                for (int ch = 0; ch < c; ch++, src += fPlane, dst += l) {
                    double s = 0;
                    if (isFloat) {
                        for (int i = 0; i < taps; i++) s += xf[src + off[i]] * w[i];
                        of[dst] = (float) s;
                    } else {
                        for (int i = 0; i < taps; i++) s += xd[src + off[i]] * w[i];
                        od[dst] = s;
                    }
                }
            }
        });
        return true;
    }

    /**
     * The common case, float32 bilinear over 2 dims, with the four corners written out instead of a tap
     * list (the generic loop costs about as much again); corners outside the input are skipped.
     */
    private static void bilinear2d(float[] x, int inOff, float[] g, int gridOff, float[] out, int outOff, int a, int b, int c,
                                   int h, int w, int l, int pad, boolean align) {
        int plane = h * w;
        for (int p = a; p < b; p++) {
            int batch = p / l, q = p - batch * l;
            double ix = pad(unnormalize(g[gridOff + 2 * p], w, align), w, pad, align);
            double iy = pad(unnormalize(g[gridOff + 2 * p + 1], h, align), h, pad, align);
            double fx = Math.floor(ix), fy = Math.floor(iy);
            int x0 = (int) fx, y0 = (int) fy, x1 = x0 + 1, y1 = y0 + 1;
            double tx = ix - fx, ty = iy - fy;
            boolean inX0 = x0 >= 0 && x0 < w, inX1 = x1 >= 0 && x1 < w, inY0 = y0 >= 0 && y0 < h, inY1 = y1 >= 0 && y1 < h;
            boolean nw = inY0 && inX0, ne = inY0 && inX1, sw = inY1 && inX0, se = inY1 && inX1;
            double wnw = (1 - ty) * (1 - tx), wne = (1 - ty) * tx, wsw = ty * (1 - tx), wse = ty * tx;
            int onw = y0 * w + x0;
            int src = inOff + batch * c * plane, dst = outOff + batch * c * l + q;
            for (int ch = 0; ch < c; ch++, src += plane, dst += l) {
                double s = 0;
                if (nw) s += x[src + onw] * wnw;
                if (ne) s += x[src + onw + 1] * wne;
                if (sw) s += x[src + onw + w] * wsw;
                if (se) s += x[src + onw + w + 1] * wse;
                out[dst] = (float) s;
            }
        }
    }

    /** Float32 nearest over 2 dims, written out as {@link #bilinear2d} is; a point outside reads 0. */
    private static void nearest2d(float[] x, int inOff, float[] g, int gridOff, float[] out, int outOff, int a, int b, int c,
                                  int h, int w, int l, int pad, boolean align) {
        int plane = h * w;
        for (int p = a; p < b; p++) {
            int batch = p / l, q = p - batch * l;
            double ix = Math.rint(pad(unnormalize(g[gridOff + 2 * p], w, align), w, pad, align));
            double iy = Math.rint(pad(unnormalize(g[gridOff + 2 * p + 1], h, align), h, pad, align));
            boolean inside = ix >= 0 && ix < w && iy >= 0 && iy < h;
            int src = inOff + batch * c * plane + (inside ? (int) iy * w + (int) ix : 0), dst = outOff + batch * c * l + q;
            for (int ch = 0; ch < c; ch++, src += plane, dst += l) out[dst] = inside ? x[src] : 0;
        }
    }

    private static double unnormalize(double x, int size, boolean align) {
        return align ? (x + 1) / 2 * (size - 1) : ((x + 1) * size - 1) / 2;
    }

    /** The padding mode on a pixel position: 0 zeros (unchanged), 1 border (clipped), 2 reflection (mirrored, clipped). */
    private static double pad(double x, int size, int pad, boolean align) {
        if (pad == 0) return x;
        if (pad == 2) x = align ? reflect(x, 0, 2 * (size - 1)) : reflect(x, -1, 2 * size - 1);
        return Math.min(size - 1, Math.max(x, 0));
    }

    private static double reflect(double x, int twiceLow, int twiceHigh) {
        if (twiceLow == twiceHigh) return 0;
        double min = twiceLow / 2.0, span = (twiceHigh - twiceLow) / 2.0;
        double in = Math.abs(x - min);
        double extra = in % span;
        return (long) Math.floor(in / span) % 2 == 0 ? extra + min : span - extra + min;
    }

    /** The 2^d corners around the point; {@code scratch} holds each dim's floor, then its fraction. */
    private static int linear(double[] pos, int[] size, int pad, boolean align, int[] off, double[] w, double[] scratch) {
        int d = pos.length, taps = 0;
        for (int k = 0; k < d; k++) {
            double x = pad(pos[k], size[k], pad, align);
            scratch[k] = Math.floor(x);
            scratch[d + k] = x - scratch[k];
        }
        corners:
        for (int corner = 0; corner < 1 << d; corner++) {
            int flat = 0;
            double weight = 1;
            for (int k = 0; k < d; k++) {
                boolean high = (corner >> (d - 1 - k) & 1) == 1;
                int at = (int) scratch[k] + (high ? 1 : 0);
                if (at < 0 || at >= size[k]) continue corners;
                flat = flat * size[k] + at;
                weight *= high ? scratch[d + k] : 1 - scratch[d + k];
            }
            off[taps] = flat;
            w[taps++] = weight;
        }
        return taps;
    }

    private static int nearest(double[] pos, int[] size, int pad, boolean align, int[] off, double[] w) {
        int flat = 0;
        for (int k = 0; k < pos.length; k++) {
            double x = Math.rint(pad(pos[k], size[k], pad, align));   // ties to even, as nearbyint
            if (!(x >= 0 && x < size[k])) return 0;
            flat = flat * size[k] + (int) x;
        }
        off[0] = flat;
        w[0] = 1;
        return 1;
    }

    /**
     * 4 x 4 taps around the point; the padding mode applies to each tap's position. {@code c} receives
     * the rows' weights, then the columns'.
     */
    private static int bicubic(double[] pos, int[] size, int pad, boolean align, int[] off, double[] w, double[] c) {
        double y0 = Math.floor(pos[0]), x0 = Math.floor(pos[1]);
        coefficients(pos[0] - y0, c, 0);
        coefficients(pos[1] - x0, c, 4);
        int taps = 0;
        for (int j = 0; j < 4; j++) {
            double y = pad(y0 - 1 + j, size[0], pad, align);
            if (!(y >= 0 && y < size[0])) continue;
            for (int i = 0; i < 4; i++) {
                double x = pad(x0 - 1 + i, size[1], pad, align);
                if (!(x >= 0 && x < size[1])) continue;
                off[taps] = (int) y * size[1] + (int) x;
                w[taps++] = c[j] * c[4 + i];
            }
        }
        return taps;
    }

    /** Keys' cubic convolution weights of the taps at -1, 0, 1, 2 for a fraction t. */
    private static void coefficients(double t, double[] c, int at) {
        c[at] = far(t + 1);
        c[at + 1] = near(t);
        c[at + 2] = near(1 - t);
        c[at + 3] = far(2 - t);
    }

    private static double near(double x) {
        return ((A + 2) * x - (A + 3)) * x * x + 1;
    }

    private static double far(double x) {
        return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
    }
}
