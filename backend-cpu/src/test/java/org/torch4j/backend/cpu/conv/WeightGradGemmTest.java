package org.torch4j.backend.cpu.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * The convolution's weight gradient ({@link WeightGradGemm}, through autograd) against a float64 reference written
 * here by the definition, over the chunking's edges: one image per chunk (pixels past {@link WeightGradGemm#MIN_PIXELS})
 * and several (small maps, the batch not a multiple of the chunk), strides (phase-split copies, a 1x1 stride-2
 * downsample reading one phase), padding, dilation; float32 and float64; {@link SmallWeightGrad}'s partial tiles and
 * image batches. Also: the same bits with 1, 2 and 3 threads (the chunks are summed in parts fixed by the shapes).
 */
class WeightGradGemmTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                // n, c, h, w, o, kh, kw, sh, sw, ph, pw, dh, dw, float64
                Arguments.of(new int[] {2, 3, 23, 21, 5, 3, 3, 1, 1, 1, 1, 1, 1, 0}), // 483 pixels: one image per chunk
                Arguments.of(new int[] {10, 16, 7, 7, 9, 3, 3, 1, 1, 1, 1, 1, 1, 0}), // 49 pixels: a chunk of 8 images, then 2
                Arguments.of(new int[] {11, 4, 4, 5, 6, 3, 3, 1, 1, 1, 1, 1, 1, 0}), // 20 pixels: all 11 images in one chunk
                Arguments.of(new int[] {3, 6, 14, 14, 8, 1, 1, 2, 2, 0, 0, 1, 1, 0}), // ResNet's downsample: 1x1 stride 2
                Arguments.of(new int[] {2, 3, 29, 31, 4, 7, 7, 2, 2, 3, 3, 1, 1, 0}), // a stem
                Arguments.of(new int[] {2, 5, 16, 16, 7, 3, 3, 1, 1, 2, 2, 2, 2, 0}), // dilation 2
                Arguments.of(new int[] {3, 4, 9, 12, 6, 3, 2, 2, 1, 1, 0, 1, 2, 1}), // float64, mixed strides and dilations
                // SmallWeightGrad (float32, K <= 32): the demo CNN's first layer in 9 parts of one image, batches of 5 then 4
                Arguments.of(new int[] {9, 1, 28, 28, 16, 3, 3, 1, 1, 1, 1, 1, 1, 0}),
                // K = 5 and O = 6 (partial tiles), stride 2 (phase planes), dilation 2, 3 parts
                Arguments.of(new int[] {3, 1, 13, 9, 6, 5, 1, 2, 1, 2, 0, 2, 1, 0}),
                // K = 8, read in place (no padding), a wide map whose last vector reads past the image
                Arguments.of(new int[] {2, 2, 5, 37, 5, 2, 2, 1, 1, 0, 0, 1, 1, 0}));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void matchesAFloat64Reference(int[] s) {
        Torch.manualSeed(12);
        DType dtype = s[13] == 1 ? DType.FLOAT64 : DType.FLOAT32;
        int n = s[0], c = s[1], h = s[2], w = s[3], o = s[4], kh = s[5], kw = s[6];
        long[] stride = {s[7], s[8]}, padding = {s[9], s[10]}, dilation = {s[11], s[12]};
        Tensor x = Torch.randn(n, c, h, w).to(dtype), wt = Torch.randn(o, c, kh, kw).to(dtype).requiresGrad_(true);
        Tensor y = F.conv2d(x, wt, null, stride, padding, dilation, 1);
        Tensor gy = Torch.randn(y.shape()).to(dtype);
        double[][] ref = reference(x.toDoubleArray(), gy.toDoubleArray(), s, (int) y.size(2), (int) y.size(3));
        double[] got = gradient(x, wt, gy, stride, padding, dilation).toDoubleArray();
        double eps = dtype == DType.FLOAT32 ? 1e-6 : 1e-13;
        for (int i = 0; i < got.length; i++) {
            assertTrue(Math.abs(got[i] - ref[0][i]) <= eps * (1 + ref[1][i]), "element " + i + ": " + got[i] + " vs " + ref[0][i]);
        }
        int threads = Torch.getNumThreads();
        try {
            Torch.setNumThreads(1);
            double[] one = gradient(x, wt, gy, stride, padding, dilation).toDoubleArray();
            Torch.setNumThreads(2);
            assertArrayEquals(one, gradient(x, wt, gy, stride, padding, dilation).toDoubleArray(), "1 and 2 threads");
            Torch.setNumThreads(3);
            assertArrayEquals(one, gradient(x, wt, gy, stride, padding, dilation).toDoubleArray(), "1 and 3 threads");
        } finally {
            Torch.setNumThreads(threads);
        }
    }

    /**
     * An infinity in the input's last column: PyTorch's gradient at kernel column 0 never reads that column (with
     * padding 1, output column x reads input column x - 1), so it stays finite there; SmallWeightGrad's virtual pixels
     * past the row would read it times a zero gradient (0 * Inf = NaN), so such inputs take the GEMM.
     */
    @org.junit.jupiter.api.Test
    void anInfinityReadOnlyPastTheRowsStaysOutOfTheSum() {
        Torch.manualSeed(13);
        float[] xs = Torch.randn(2, 1, 6, 7).toFloatArray();
        xs[3 * 7 + 6] = Float.POSITIVE_INFINITY; // image 0, row 3, last column
        Tensor x = Torch.tensor(xs, 2, 1, 6, 7), wt = Torch.randn(4, 1, 3, 3).requiresGrad_(true);
        Tensor gy = Torch.randn(2, 4, 6, 7);
        float[] gw = gradient(x, wt, gy, new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}).toFloatArray();
        for (int o = 0; o < 4; o++) {
            for (int i = 0; i < 3; i++) {
                float v = gw[o * 9 + i * 3];
                assertTrue(Float.isFinite(v), "o " + o + ", kernel row " + i + ", column 0: " + v);
                assertTrue(!Float.isFinite(gw[o * 9 + i * 3 + 1]), "column 1 reads the infinity");
            }
        }
    }

    private static Tensor gradient(Tensor x, Tensor wt, Tensor gy, long[] stride, long[] padding, long[] dilation) {
        wt.setGrad(null);
        F.conv2d(x, wt, null, stride, padding, dilation, 1).backward(gy);
        return wt.grad();
    }

    /** {weight gradient, sums of |terms|} in float64, by the definition. */
    private static double[][] reference(double[] x, double[] gy, int[] s, int oh, int ow) {
        int n = s[0], c = s[1], h = s[2], w = s[3], o = s[4], kh = s[5], kw = s[6], sh = s[7], sw = s[8];
        int ph = s[9], pw = s[10], dh = s[11], dw = s[12];
        double[] gw = new double[o * c * kh * kw], mag = new double[gw.length];
        for (int oc = 0, at = 0; oc < o; oc++) {
            for (int ci = 0; ci < c; ci++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++, at++) {
                        double sum = 0, abs = 0;
                        for (int im = 0; im < n; im++) {
                            for (int oy = 0; oy < oh; oy++) {
                                int iy = oy * sh + i * dh - ph;
                                if (iy < 0 || iy >= h) continue;
                                for (int ox = 0; ox < ow; ox++) {
                                    int ix = ox * sw + j * dw - pw;
                                    if (ix < 0 || ix >= w) continue;
                                    double t = gy[((im * o + oc) * oh + oy) * ow + ox] * x[((im * c + ci) * h + iy) * w + ix];
                                    sum += t;
                                    abs += Math.abs(t);
                                }
                            }
                        }
                        gw[at] = sum;
                        mag[at] = abs;
                    }
                }
            }
        }
        return new double[][] {gw, mag};
    }
}
