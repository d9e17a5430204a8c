package org.torch4j.vision.transforms;

/**
 * The sampling kernels behind resize and rotation, on float planes: PyTorch's nearest and antialiased
 * bilinear ({@code _upsample_bilinear2d_aa}) weights applied one axis at a time (width, then height, as
 * PyTorch's separable kernel), its two-tap bilinear, and {@code grid_sample} for affine grids.
 * Arithmetic is in float32, as PyTorch's CPU kernels for float32 images; the weights and grids for float64 images
 * come in float64, as PyTorch's double kernels compute them (applied by {@link DifferentiableResampling}'s tensor ops).
 */
final class Resampling {
    private Resampling() {}

    /** For each output index: the source indices and their weights. */
    record Weights(int[][] idx, double[][] w) {}

    /**
     * PyTorch's 1-d indices and weights, with the C++ kernels' mixed float/double arithmetic (a float
     * scale times a double half-pixel offset, rounded to float). PyTorch's vectorised loops still round
     * differently in the last bits now and then, which moves a rounded uint8 result by one level at
     * most (13 of 5,000 values in the reference cases). With {@code f64}, PyTorch's double kernels: the bilinear
     * weights in double (nearest indices stay float, as PyTorch computes them for every dtype).
     */
    static Weights weights(int in, int out, InterpolationMode mode, boolean antialias, boolean f64) {
        int[][] idx = new int[out][];
        double[][] w = new double[out][];
        float scale = (float) in / out;
        for (int i = 0; i < out; i++) {
            if (mode == InterpolationMode.NEAREST) {
                idx[i] = new int[] {Math.min((int) Math.floor((float) i * scale), in - 1)};
                w[i] = new double[] {1};
            } else if (f64) {
                doubleWeights(in, out, i, antialias, idx, w);
            } else if (!antialias) {
                float src = (float) (scale * (i + 0.5) - 0.5);
                if (src < 0) src = 0f;
                int i0 = (int) src;
                int i1 = i0 + (i0 < in - 1 ? 1 : 0);   // at the last pixel both taps read it
                float l1 = Math.min(Math.max(src - i0, 0f), 1f);
                idx[i] = new int[] {i0, i1};
                w[i] = new double[] {1f - l1, l1};
            } else {
                float support = scale >= 1f ? scale : 1f;   // bilinear: interp_size / 2, times the scale when downscaling
                float center = (float) (scale * (i + 0.5));
                float invscale = scale >= 1f ? 1f / scale : 1f;
                int xmin = Math.max((int) ((center - support) + 0.5), 0);
                int xsize = Math.min((int) ((center + support) + 0.5), in) - xmin;
                float[] ws = new float[Math.max(xsize, 0)];
                int[] is = new int[ws.length];
                float total = 0f;
                for (int j = 0; j < ws.length; j++) {
                    float x = (float) (((j + xmin) - center + 0.5) * invscale);
                    if (x < 0f) x = -x;
                    ws[j] = x < 1f ? 1f - x : 0f;
                    is[j] = xmin + j;
                    total += ws[j];
                }
                if (total != 0f) for (int j = 0; j < ws.length; j++) ws[j] /= total;
                idx[i] = is;
                w[i] = new double[ws.length];
                for (int j = 0; j < ws.length; j++) w[i][j] = ws[j];
            }
        }
        return new Weights(idx, w);
    }

    /** Output index i's bilinear taps (antialiased or not) in double arithmetic, as PyTorch's kernels for double. */
    private static void doubleWeights(int in, int out, int i, boolean antialias, int[][] idx, double[][] w) {
        double scale = (double) in / out;
        if (!antialias) {
            double src = Math.max(scale * (i + 0.5) - 0.5, 0.0);
            int i0 = (int) src;
            double l1 = Math.min(Math.max(src - i0, 0.0), 1.0);
            idx[i] = new int[] {i0, i0 + (i0 < in - 1 ? 1 : 0)};
            w[i] = new double[] {1 - l1, l1};
            return;
        }
        double support = Math.max(scale, 1.0), center = scale * (i + 0.5), invscale = scale >= 1 ? 1 / scale : 1.0;
        int xmin = Math.max((int) (center - support + 0.5), 0);
        int xsize = Math.max(Math.min((int) (center + support + 0.5), in) - xmin, 0);
        double[] ws = new double[xsize];
        int[] is = new int[xsize];
        double total = 0;
        for (int j = 0; j < xsize; j++) {
            double x = Math.abs((j + xmin - center + 0.5) * invscale);
            ws[j] = x < 1 ? 1 - x : 0;
            is[j] = xmin + j;
            total += ws[j];
        }
        if (total != 0) for (int j = 0; j < xsize; j++) ws[j] /= total;
        idx[i] = is;
        w[i] = ws;
    }

    /** Resizes {@code planes} planes of h x w to oh x ow: along the width first, then the height. */
    static float[] resize(float[] src, int planes, int h, int w, int oh, int ow, InterpolationMode mode, boolean antialias) {
        if (mode == InterpolationMode.BILINEAR && !antialias) return bilinear(src, planes, h, w, oh, ow);
        float[] cur = src;
        int cw = w;
        if (ow != w) {
            Weights wx = weights(w, ow, mode, antialias, false);
            float[] next = new float[planes * h * ow];
            for (int row = 0; row < planes * h; row++) {
                int si = row * w, di = row * ow;
                for (int x = 0; x < ow; x++) next[di + x] = dot(cur, si, 1, wx.idx[x], wx.w[x]);
            }
            cur = next;
            cw = ow;
        }
        if (oh != h) {
            Weights wy = weights(h, oh, mode, antialias, false);
            float[] next = new float[planes * oh * cw];
            for (int p = 0; p < planes; p++) {
                for (int y = 0; y < oh; y++) {
                    int di = (p * oh + y) * cw;
                    for (int x = 0; x < cw; x++) next[di + x] = dot(cur, p * h * cw + x, cw, wy.idx[y], wy.w[y]);
                }
            }
            cur = next;
        }
        return cur == src ? src.clone() : cur;
    }

    private static float dot(float[] a, int base, int stride, int[] idx, double[] w) {
        float acc = a[base + idx[0] * stride] * (float) w[0];
        for (int k = 1; k < idx.length; k++) acc += a[base + idx[k] * stride] * (float) w[k];
        return acc;
    }

    /**
     * PyTorch's (non-antialiased) bilinear kernel: {@code (x00 w0 + x01 w1) h0 + (x10 w0 + x11 w1) h1},
     * in that order.
     */
    private static float[] bilinear(float[] src, int planes, int h, int w, int oh, int ow) {
        Weights wy = weights(h, oh, InterpolationMode.BILINEAR, false, false), wx = weights(w, ow, InterpolationMode.BILINEAR, false, false);
        float[] out = new float[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < oh; y++) {
                int r0 = (p * h + wy.idx[y][0]) * w, r1 = (p * h + wy.idx[y][1]) * w;
                float h0 = (float) wy.w[y][0], h1 = (float) wy.w[y][1];
                for (int x = 0; x < ow; x++) {
                    int c0 = wx.idx[x][0], c1 = wx.idx[x][1];
                    float w0 = (float) wx.w[x][0], w1 = (float) wx.w[x][1];
                    float t0 = src[r0 + c0] * w0 + src[r0 + c1] * w1;
                    float t1 = src[r1 + c0] * w0 + src[r1 + c1] * w1;
                    out[(p * oh + y) * ow + x] = t0 * h0 + t1 * h1;
                }
            }
        }
        return out;
    }

    /**
     * torchvision's {@code _gen_affine_grid}: the normalised source points {x, y} of the oh x ow output pixels under the
     * inverse affine map {@code m} (pixel coordinates relative to the image centre), for {@link #sample}; in float32,
     * or with {@code f64} in double (torchvision builds it in the image's dtype).
     */
    static double[][] affineGrid(int h, int w, int oh, int ow, double[] m, boolean f64) {
        if (f64) {
            double[] gx = new double[oh * ow], gy = new double[oh * ow];
            for (int y = 0; y < oh; y++) {
                double by = -oh * 0.5 + 0.5 + y;
                for (int x = 0; x < ow; x++) {
                    double bx = -ow * 0.5 + 0.5 + x;
                    gx[y * ow + x] = bx * (m[0] / (0.5 * w)) + by * (m[1] / (0.5 * w)) + m[2] / (0.5 * w);
                    gy[y * ow + x] = bx * (m[3] / (0.5 * h)) + by * (m[4] / (0.5 * h)) + m[5] / (0.5 * h);
                }
            }
            return new double[][] {gx, gy};
        }
        float hw = 0.5f * w, hh = 0.5f * h;
        float a = (float) m[0] / hw, b = (float) m[1] / hw, c = (float) m[2] / hw;
        float d = (float) m[3] / hh, e = (float) m[4] / hh, f = (float) m[5] / hh;
        double[] gx = new double[oh * ow], gy = new double[oh * ow];
        for (int y = 0; y < oh; y++) {
            float by = -oh * 0.5f + 0.5f + y;
            for (int x = 0; x < ow; x++) {
                float bx = -ow * 0.5f + 0.5f + x;
                gx[y * ow + x] = bx * a + by * b + c;
                gy[y * ow + x] = bx * d + by * e + f;
            }
        }
        return new double[][] {gx, gy};
    }

    /**
     * torchvision's {@code _apply_grid_transform}: {@code grid_sample} (align_corners=False, zero padding) of
     * {@code planes} planes at the normalised grid points ({@code gx}, {@code gy} in [-1, 1], one per output pixel,
     * row-major), outside pixels taking {@code fill[c]} through the sampled coverage mask, or zero-padded without
     * the mask when {@code fill} is null.
     */
    static float[] sample(float[] src, int planes, int channels, int h, int w, int oh, int ow, double[] gx, double[] gy, boolean nearest,
            float[] fill) {
        float[] out = new float[planes * oh * ow];
        for (int o = 0; o < oh * ow; o++) {
            // grid_sample's unnormalisation with align_corners=False
            float ix = (((float) gx[o] + 1f) * w - 1f) / 2f, iy = (((float) gy[o] + 1f) * h - 1f) / 2f;
            if (nearest) {
                int nx = (int) Math.rint(ix), ny = (int) Math.rint(iy);
                boolean in = nx >= 0 && nx < w && ny >= 0 && ny < h;
                for (int p = 0; p < planes; p++) {
                    // the mask is 1 inside and 0 outside; "mask < 0.5" takes the fill colour
                    out[p * oh * ow + o] = in ? src[(p * h + ny) * w + nx] : fill == null ? 0f : fill[p % channels];
                }
            } else {
                int x0 = (int) Math.floor(ix), y0 = (int) Math.floor(iy);
                float tx = ix - x0, ty = iy - y0;
                float w00 = (1 - tx) * (1 - ty), w01 = tx * (1 - ty), w10 = (1 - tx) * ty, w11 = tx * ty;
                boolean i00 = inside(x0, y0, w, h), i01 = inside(x0 + 1, y0, w, h), i10 = inside(x0, y0 + 1, w, h),
                        i11 = inside(x0 + 1, y0 + 1, w, h);
                float mask = (i00 ? w00 : 0) + (i01 ? w01 : 0) + (i10 ? w10 : 0) + (i11 ? w11 : 0);
                for (int p = 0; p < planes; p++) {
                    int base = p * h * w;
                    float v = 0f;
                    if (i00) v += src[base + y0 * w + x0] * w00;
                    if (i01) v += src[base + y0 * w + x0 + 1] * w01;
                    if (i10) v += src[base + (y0 + 1) * w + x0] * w10;
                    if (i11) v += src[base + (y0 + 1) * w + x0 + 1] * w11;
                    out[p * oh * ow + o] = fill == null ? v : v * mask + (1f - mask) * fill[p % channels];
                }
            }
        }
        return out;
    }

    private static boolean inside(int x, int y, int w, int h) {
        return x >= 0 && x < w && y >= 0 && y < h;
    }
}
