package org.torch4j.backend.cpu.conv;

/**
 * A stride-1 2-d convolution's sizes and the addressing both direct kernels share, for vectors of
 * {@code lanes} elements. Each image is first copied into a zero-bordered buffer ({@link #pad}): then
 * output pixel (y, x) at kernel offset k = (c, i, j) reads the buffer at {@code y * pitch + x + offsets[k]},
 * so a run of output pixels along a row reads consecutive elements (no im2col matrix of the whole batch
 * is formed). The forward tiles cut each output row into {@code lanes}-wide segments, the last one
 * possibly partial; the buffer's rows are padded with zeros to {@code pitch} so that the lanes past a row
 * read zeros, never another row's values (an Inf there would give NaN), and every load stays a plain
 * vector load (masked loads and stores are slow where the JIT does not intrinsify them). The weight
 * gradient works on whole planes instead, {@link #compactPlane} apart.
 */
record ConvGeometry(int n, int c, int h, int w, int o, int kh, int kw, int ph, int pw, int dh, int dw, int oh, int ow,
                    int hp, int pitch, int lanes, int[] offsets) {

    static ConvGeometry of(long[] input, long[] weight, long[] padding, long[] dilation, int lanes) {
        int c = (int) input[1], h = (int) input[2], w = (int) input[3];
        int kh = (int) weight[2], kw = (int) weight[3], ph = (int) padding[0], pw = (int) padding[1];
        int dh = (int) dilation[0], dw = (int) dilation[1];
        int hp = h + 2 * ph, ow = w + 2 * pw - dw * (kw - 1);
        int pitch = roundUp(ow, lanes) + dw * (kw - 1); // a row's last segment reads zeros past the row
        int[] offsets = new int[c * kh * kw];
        for (int ci = 0, k = 0; ci < c; ci++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) offsets[k++] = (ci * hp + i * dh) * pitch + j * dw;
            }
        }
        return new ConvGeometry((int) input[0], c, h, w, (int) weight[0], kh, kw, ph, pw, dh, dw, hp - dh * (kh - 1), ow,
                hp, pitch, lanes, offsets);
    }

    private static int roundUp(int v, int lanes) {
        return (v + lanes - 1) / lanes * lanes;
    }

    /** An output plane rounded up to whole vectors: the plane pitch of the weight gradient's operands, zeros past the plane. */
    int compactPlane() {
        return roundUp(oh * ow, lanes);
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
        return c * hp * pitch;
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

    /** Copies the image at {@code base} in {@code x} into the interior of {@code buf}, whose borders stay 0. */
    void pad(ConvKernels t, Object x, int base, Object buf) {
        for (int ci = 0; ci < c; ci++) t.copyRows(x, base + ci * h * w, w, buf, (ci * hp + ph) * pitch + pw, pitch, h, w);
    }

    /** Copies an output gradient image [O, oh, ow] at {@code base} in {@code gy} into {@code buf}, planes {@link #compactPlane} apart (the rest stays 0). */
    void spread(ConvKernels t, Object gy, int base, Object buf) {
        t.copyRows(gy, base, oh * ow, buf, 0, compactPlane(), o, oh * ow);
    }
}
