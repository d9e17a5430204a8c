package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The gradients of {@code grid_sample} over 2 spatial dims, bilinear and nearest, float32/float64, in one
 * pass over the output: each position's output gradient is added into the input gradient at the taps it
 * read (the forward weights), and the grid gradient is the interpolation's slope times the padding
 * mode's ({@link #source}). Sums over channels are in double.
 *
 * <p>Work is split over the batch, as PyTorch's CPU kernel splits it: taps of one image can land on the
 * same input pixel from any output position, so splitting within an image would race on the scatter-add
 * (or need a private input-gradient buffer per thread and a reduction, which for three channels costs
 * more than it saves). Bicubic and 3-d return false: the api's composite computes those.
 */
final class GridSampleBackwardKernel {
    private GridSampleBackwardKernel() {}

    static boolean backward(Strided gradOut, Strided input, Strided grid, Strided gradInput, Strided gradGrid, String mode,
                            String padding, boolean align) {
        DType t = input.dtype();
        boolean nearest = mode.equals("nearest");
        if ((t != DType.FLOAT32 && t != DType.FLOAT64) || input.shape().length != 4 || !(nearest || mode.equals("bilinear"))
                || !(input.storage() instanceof HostStorage)) {
            return false;
        }
        for (Strided s : new Strided[] {gradOut, input, grid, gradInput, gradGrid}) {
            if (s != null && (s.dtype() != t || !WindowKernels.contiguous(s))) return false;
        }
        long[] shape = input.shape();
        Operands o = new Operands(gradOut, input, grid, gradInput, gradGrid, t == DType.FLOAT32);
        int n = (int) shape[0], c = (int) shape[1], h = (int) shape[2], w = (int) shape[3];
        int l = (int) (grid.numel() / Math.max(1, 2L * n));
        int pad = switch (padding) {
            case "border" -> 1;
            case "reflection" -> 2;
            default -> 0;
        };
        if (o.gof != null && !nearest && o.gif != null && o.ggf != null) {
            Parallel.forRange(n, 1, (a, b) -> bilinearFloat(o, a, b, c, h, w, l, pad, align));
            return true;
        }
        Parallel.forRange(n, 1, (a, b) -> {
            double[] slope = new double[2];
            for (int batch = a; batch < b; batch++) {
                for (int q = 0; q < l; q++) {
                    int p = batch * l + q;
                    double ix = source(o.grid(2 * p), w, pad, align, slope, 0);
                    double iy = source(o.grid(2 * p + 1), h, pad, align, slope, 1);
                    if (nearest) nearest(o, batch, q, ix, iy, c, h, w, l);
                    else bilinear(o, batch, q, ix, iy, c, h, w, l, slope);
                    if (nearest && o.gg != null) o.setGrid(2 * p, 0, 0);
                }
            }
        });
        return true;
    }

    /** The four corners' share of each channel's output gradient, and the grid gradient. */
    private static void bilinear(Operands o, int batch, int q, double ix, double iy, int c, int h, int w, int l, double[] slope) {
        int plane = h * w;
        double fx = Math.floor(ix), fy = Math.floor(iy);
        int x0 = (int) fx, y0 = (int) fy;
        double tx = ix - fx, ty = iy - fy;
        boolean inX0 = x0 >= 0 && x0 < w, inX1 = x0 + 1 >= 0 && x0 + 1 < w, inY0 = y0 >= 0 && y0 < h, inY1 = y0 + 1 >= 0 && y0 + 1 < h;
        boolean nw = inY0 && inX0, ne = inY0 && inX1, sw = inY1 && inX0, se = inY1 && inX1;
        double wnw = (1 - ty) * (1 - tx), wne = (1 - ty) * tx, wsw = ty * (1 - tx), wse = ty * tx;
        int corner = y0 * w + x0, src = batch * c * plane + corner, gOff = batch * c * l + q;
        double gx = 0, gy = 0;
        for (int ch = 0; ch < c; ch++, src += plane, gOff += l) {
            double g = o.gradOut(gOff);
            if (o.gi != null) {
                if (nw) o.addInput(src, wnw * g);
                if (ne) o.addInput(src + 1, wne * g);
                if (sw) o.addInput(src + w, wsw * g);
                if (se) o.addInput(src + w + 1, wse * g);
            }
            if (o.gg != null) {
                double vnw = nw ? o.input(src) : 0, vne = ne ? o.input(src + 1) : 0;
                double vsw = sw ? o.input(src + w) : 0, vse = se ? o.input(src + w + 1) : 0;
                gx += g * ((1 - ty) * (vne - vnw) + ty * (vse - vsw));
                gy += g * ((1 - tx) * (vsw - vnw) + tx * (vse - vne));
            }
        }
        if (o.gg != null) o.setGrid(2 * (batch * l + q), gx * slope[0], gy * slope[1]);
    }

    /**
     * {@link #bilinear} for float32 with both gradients wanted (training's case), on the arrays
     * themselves: the accessors' per-element dtype tests cost about a third of the time.
     */
    private static void bilinearFloat(Operands o, int a, int b, int c, int h, int w, int l, int pad, boolean align) {
        float[] go = o.gof, x = o.xf, grid = o.gf, gi = o.gif, gg = o.ggf;
        int plane = h * w;
        double[] slope = new double[2];
        for (int batch = a; batch < b; batch++) {
            for (int q = 0; q < l; q++) {
                int p = batch * l + q;
                double ix = source(grid[o.gOff + 2 * p], w, pad, align, slope, 0);
                double iy = source(grid[o.gOff + 2 * p + 1], h, pad, align, slope, 1);
                double fx = Math.floor(ix), fy = Math.floor(iy);
                int x0 = (int) fx, y0 = (int) fy;
                double tx = ix - fx, ty = iy - fy;
                boolean inX0 = x0 >= 0 && x0 < w, inX1 = x0 + 1 >= 0 && x0 + 1 < w;
                boolean inY0 = y0 >= 0 && y0 < h, inY1 = y0 + 1 >= 0 && y0 + 1 < h;
                boolean nw = inY0 && inX0, ne = inY0 && inX1, sw = inY1 && inX0, se = inY1 && inX1;
                double wnw = (1 - ty) * (1 - tx), wne = (1 - ty) * tx, wsw = ty * (1 - tx), wse = ty * tx;
                int corner = batch * c * plane + y0 * w + x0, src = o.xOff + corner, dst = o.giOff + corner;
                int gOff = o.goOff + batch * c * l + q;
                double gx = 0, gy = 0;
                for (int ch = 0; ch < c; ch++, src += plane, dst += plane, gOff += l) {
                    double g = go[gOff];
                    double vnw = 0, vne = 0, vsw = 0, vse = 0;
                    if (nw) {
                        vnw = x[src];
                        gi[dst] += (float) (wnw * g);
                    }
                    if (ne) {
                        vne = x[src + 1];
                        gi[dst + 1] += (float) (wne * g);
                    }
                    if (sw) {
                        vsw = x[src + w];
                        gi[dst + w] += (float) (wsw * g);
                    }
                    if (se) {
                        vse = x[src + w + 1];
                        gi[dst + w + 1] += (float) (wse * g);
                    }
                    gx += g * ((1 - ty) * (vne - vnw) + ty * (vse - vsw));
                    gy += g * ((1 - tx) * (vsw - vnw) + tx * (vse - vne));
                }
                gg[o.ggOff + 2 * p] = (float) (gx * slope[0]);
                gg[o.ggOff + 2 * p + 1] = (float) (gy * slope[1]);
            }
        }
    }

    /** The output gradient goes whole to the nearest pixel (ties to even, as the forward's nearbyint). */
    private static void nearest(Operands o, int batch, int q, double ix, double iy, int c, int h, int w, int l) {
        if (o.gi == null) return;
        double rx = Math.rint(ix), ry = Math.rint(iy);
        if (!(rx >= 0 && rx < w && ry >= 0 && ry < h)) return;
        int plane = h * w, src = batch * c * plane + (int) ry * w + (int) rx, gOff = batch * c * l + q;
        for (int ch = 0; ch < c; ch++, src += plane, gOff += l) o.addInput(src, o.gradOut(gOff));
    }

    /**
     * A grid value's pixel position under the padding mode, with d position / d grid value stored in
     * {@code slope[k]}: the unnormalisation's scale, times -1 where reflection mirrors, times 0 where the
     * position is clipped (PyTorch counts a position exactly on the border as clipped).
     */
    static double source(double v, int size, int pad, boolean align, double[] slope, int k) {
        double x = align ? (v + 1) / 2 * (size - 1) : ((v + 1) * size - 1) / 2;
        double s = align ? (size - 1) / 2.0 : size / 2.0;
        if (pad == 2) {
            int twiceLow = align ? 0 : -1, twiceHigh = align ? 2 * (size - 1) : 2 * size - 1;
            if (twiceLow == twiceHigh) {
                x = 0;
                s = 0;
            } else {
                double min = twiceLow / 2.0, span = (twiceHigh - twiceLow) / 2.0;
                double in = x - min;
                if (in < 0) {
                    in = -in;
                    s = -s;
                }
                double extra = in % span;
                if ((long) Math.floor(in / span) % 2 == 0) {
                    x = extra + min;
                } else {
                    x = span - extra + min;
                    s = -s;
                }
            }
        }
        if (pad != 0) {
            if (x <= 0) {
                x = 0;
                s = 0;
            } else if (x >= size - 1) {
                x = size - 1;
                s = 0;
            }
        }
        slope[k] = s;
        return x;
    }

    /** The operands' arrays, float32 or float64, indexed from their offsets. */
    private static final class Operands {
        final float[] gof, xf, gf, gif, ggf;
        final double[] god, xd, gd, gid, ggd;
        final int goOff, xOff, gOff, giOff, ggOff;
        final Object gi, gg;

        Operands(Strided gradOut, Strided input, Strided grid, Strided gradInput, Strided gradGrid, boolean isFloat) {
            gof = isFloat ? floats(gradOut) : null;
            xf = isFloat ? floats(input) : null;
            gf = isFloat ? floats(grid) : null;
            gif = isFloat ? floats(gradInput) : null;
            ggf = isFloat ? floats(gradGrid) : null;
            god = isFloat ? null : doubles(gradOut);
            xd = isFloat ? null : doubles(input);
            gd = isFloat ? null : doubles(grid);
            gid = isFloat ? null : doubles(gradInput);
            ggd = isFloat ? null : doubles(gradGrid);
            goOff = (int) gradOut.offset();
            xOff = (int) input.offset();
            gOff = (int) grid.offset();
            giOff = gradInput == null ? 0 : (int) gradInput.offset();
            ggOff = gradGrid == null ? 0 : (int) gradGrid.offset();
            gi = isFloat ? gif : gid;
            gg = isFloat ? ggf : ggd;
        }

        private static float[] floats(Strided s) {
            return s == null ? null : ((HostStorage) s.storage()).floats();
        }

        private static double[] doubles(Strided s) {
            return s == null ? null : ((HostStorage) s.storage()).doubles();
        }

        double gradOut(int i) {
            return gof != null ? gof[goOff + i] : god[goOff + i];
        }

        double input(int i) {
            return xf != null ? xf[xOff + i] : xd[xOff + i];
        }

        double grid(int i) {
            return gf != null ? gf[gOff + i] : gd[gOff + i];
        }

        void addInput(int i, double v) {
            if (gif != null) gif[giOff + i] += (float) v;
            else gid[giOff + i] += v;
        }

        void setGrid(int i, double x, double y) {
            if (ggf != null) {
                ggf[ggOff + i] = (float) x;
                ggf[ggOff + i + 1] = (float) y;
            } else {
                ggd[ggOff + i] = x;
                ggd[ggOff + i + 1] = y;
            }
        }
    }
}
