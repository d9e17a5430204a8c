package org.torch4j.backend.cpu.conv;

/**
 * A stride-1 2-d convolution's sizes and the addressing both direct kernels share. Each image is first
 * copied into a zero-bordered buffer ({@link #pad}): then output pixel (y, x) at kernel offset
 * k = (c, i, j) reads the buffer at {@code y * wp + x + offsets[k]}, so a run of output pixels along a
 * row reads consecutive floats, which is what the vector tiles load (no im2col matrix is formed). A row
 * is cut into vector-wide segments; the last one of a row may be partial (its extra lanes read the
 * buffer past the row and are never stored).
 */
record ConvGeometry(int n, int c, int h, int w, int o, int kh, int kw, int ph, int pw, int dh, int dw, int oh, int ow,
                    int hp, int wp, int[] offsets) {

    static ConvGeometry of(long[] input, long[] weight, long[] padding, long[] dilation) {
        int c = (int) input[1], h = (int) input[2], w = (int) input[3];
        int kh = (int) weight[2], kw = (int) weight[3], ph = (int) padding[0], pw = (int) padding[1];
        int dh = (int) dilation[0], dw = (int) dilation[1];
        int hp = h + 2 * ph, wp = w + 2 * pw;
        int[] offsets = new int[c * kh * kw];
        for (int ci = 0, k = 0; ci < c; ci++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) offsets[k++] = (ci * hp + i * dh) * wp + j * dw;
            }
        }
        return new ConvGeometry((int) input[0], c, h, w, (int) weight[0], kh, kw, ph, pw, dh, dw, hp - dh * (kh - 1),
                wp - dw * (kw - 1), hp, wp, offsets);
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

    /** A padded image's buffer length: the zero-bordered planes plus one vector of slack for partial segments. */
    int paddedLength(int lanes) {
        return c * hp * wp + lanes;
    }

    /** Row segments of {@code lanes} output pixels: {start in the padded plane, start in the output plane, valid lanes}. */
    int[][] segments(int lanes) {
        int perRow = (ow + lanes - 1) / lanes, count = oh * perRow;
        int[] in = new int[count], out = new int[count], valid = new int[count];
        for (int y = 0, s = 0; y < oh; y++) {
            for (int x = 0; x < ow; x += lanes, s++) {
                in[s] = y * wp + x;
                out[s] = y * ow + x;
                valid[s] = Math.min(lanes, ow - x);
            }
        }
        return new int[][] {in, out, valid};
    }

    /** Copies image {@code image} of {@code x} (from {@code base}) into the interior of {@code buf}, whose borders stay 0. */
    void pad(float[] x, int base, float[] buf) {
        for (int ci = 0; ci < c; ci++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(x, base + (ci * h + y) * w, buf, (ci * hp + y + ph) * wp + pw, w);
            }
        }
    }

    /** {@link #pad(float[], int, float[])} for float64. */
    void pad(double[] x, int base, double[] buf) {
        for (int ci = 0; ci < c; ci++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(x, base + (ci * h + y) * w, buf, (ci * hp + y + ph) * wp + pw, w);
            }
        }
    }
}
