package org.torch4j.backend.cpu.conv;

/**
 * A 2-d convolution's sizes and the addressing both direct kernels share, for vectors of {@code lanes}
 * elements. Each image is first copied into a zero-bordered buffer ({@link #pad}): then output pixel
 * (y, x) at kernel offset k = (c, i, j) reads the buffer at {@code y * pitch + x + offsets[k]}, so a run
 * of output pixels along a row reads consecutive elements, which is what the vector tiles load (no
 * im2col matrix of the whole batch is formed). With a stride s, the buffer holds each channel as s x s
 * phase planes (plane (a, b) holds the padded image's rows a, a + s, ... and columns b, b + s, ...), so
 * that neighbouring output pixels still read neighbouring elements. The forward tiles cut each output
 * row into {@code lanes}-wide segments, the last one possibly partial; the planes' rows are padded with
 * zeros to {@code pitch} so that the lanes past a row read zeros, never another row's values (an Inf
 * there would give NaN), and every load stays a plain vector load (masked loads and stores are slow
 * where the JIT does not intrinsify them). {@link BlockedConv} and {@link WeightGradGemm} ask for one lane: the narrowest pitch, over which
 * it runs "virtual" pixels {@code y pitch + x} end to end rather than per-row segments.
 */
record ConvGeometry(int n, int c, int h, int w, int o, int kh, int kw, int ph, int pw, int sh, int sw, int dh, int dw, int oh, int ow,
                    int rows, int pitch, int lanes, int[] offsets) {

    static ConvGeometry of(long[] input, long[] weight, long[] stride, long[] padding, long[] dilation, int lanes) {
        int c = (int) input[1], h = (int) input[2], w = (int) input[3];
        int kh = (int) weight[2], kw = (int) weight[3], ph = (int) padding[0], pw = (int) padding[1];
        int sh = (int) stride[0], sw = (int) stride[1], dh = (int) dilation[0], dw = (int) dilation[1];
        int hp = h + 2 * ph, wp = w + 2 * pw;
        int oh = (hp - dh * (kh - 1) - 1) / sh + 1, ow = (wp - dw * (kw - 1) - 1) / sw + 1;
        int rows = (hp + sh - 1) / sh; // rows of a phase plane
        // a row's last segment reads zeros past the row
        int pitch = Math.max((wp + sw - 1) / sw, roundUp(ow, lanes) + dw * (kw - 1) / sw);
        int[] offsets = new int[c * kh * kw];
        for (int ci = 0, k = 0; ci < c; ci++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int phase = (ci * sh + i * dh % sh) * sw + j * dw % sw;
                    offsets[k++] = (phase * rows + i * dh / sh) * pitch + j * dw / sw;
                }
            }
        }
        return new ConvGeometry((int) input[0], c, h, w, (int) weight[0], kh, kw, ph, pw, sh, sw, dh, dw, oh, ow, rows, pitch, lanes,
                offsets);
    }

    private static int roundUp(int v, int lanes) {
        return (v + lanes - 1) / lanes * lanes;
    }

    /** Multiply-adds per output element. */
    int k() {
        return offsets.length;
    }

    int inPlane() {
        return h * w;
    }

    int outPlane() {
        return oh * ow;
    }

    /** A padded image's buffer length. */
    int paddedLength() {
        return c * sh * sw * rows * pitch;
    }

    /** The row segments: {start in the padded image, start in the output plane, valid lanes}. */
    int[][] segments() {
        int count = oh * (roundUp(ow, lanes) / lanes);
        int[] in = new int[count], out = new int[count], valid = new int[count];
        for (int y = 0, s = 0; y < oh; y++) {
            for (int x = 0; x < ow; x += lanes, s++) {
                in[s] = y * pitch + x;
                out[s] = y * ow + x;
                valid[s] = Math.min(lanes, ow - x);
            }
        }
        return new int[][] {in, out, valid};
    }

    /** Copies the image at {@code base} in {@code x} into the interior of {@code buf}'s phase planes, whose borders stay 0. */
    void pad(ConvKernels t, Object x, int base, Object buf) {
        pad(t, x, base, buf, 0);
    }

    /** As {@link #pad(ConvKernels, Object, int, Object)}, into the padded image at {@code at} in {@code buf}. */
    void pad(ConvKernels t, Object x, int base, Object buf, int at) {
        if (sh == 1 && sw == 1) {
            for (int ci = 0; ci < c; ci++) t.copyRows(x, base + ci * h * w, w, buf, at + (ci * rows + ph) * pitch + pw, pitch, h, w);
            return;
        }
        // only the phases some kernel offset reads (a 1x1 kernel with stride 2 reads one plane of four)
        boolean[] rowPhase = new boolean[sh], colPhase = new boolean[sw];
        for (int i = 0; i < kh; i++) rowPhase[i * dh % sh] = true;
        for (int j = 0; j < kw; j++) colPhase[j * dw % sw] = true;
        for (int ci = 0; ci < c; ci++) {
            for (int y = 0; y < h; y++) {
                int py = y + ph, row = base + (ci * h + y) * w;
                if (!rowPhase[py % sh]) continue;
                for (int b = 0; b < sw; b++) {
                    if (!colPhase[b]) continue;
                    int x0 = Math.floorMod(b - pw, sw); // the first input column landing in phase column b
                    if (x0 >= w) continue;
                    int phase = (ci * sh + py % sh) * sw + b;
                    t.copyStrided(x, row + x0, sw, buf, at + (phase * rows + py / sh) * pitch + (x0 + pw) / sw, (w - x0 + sw - 1) / sw);
                }
            }
        }
    }
}
