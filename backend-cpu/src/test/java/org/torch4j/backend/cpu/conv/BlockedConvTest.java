package org.torch4j.backend.cpu.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * float32 convolutions (the blocked kernel with the Vector API, {@link SmallConv} for K = C kh kw up to
 * {@link SmallConv#MAX_K}, the composed path without) against a scalar float64 reference written here, over the
 * kernels' edges (whole tiles read in place, partial tiles through a gathered panel, masked row segments): output channels not a
 * multiple of the tile's rows, virtual pixel counts not a multiple of the tile's width, K deeper than
 * one panel (several depth blocks), inputs read in place (1x1, no padding) or through a padded and
 * phase-split copy (strides, dilations, paddings wider than the kernel), bias or none, groups, deep layers with
 * megabytes of weights. Also:
 * the same bits with 1, 2 and 3 threads.
 */
class BlockedConvTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                // n, c, h, w, o, kh, kw, sh, sw, ph, pw, dh, dw, groups, bias
                Arguments.of(new int[] {1, 3, 9, 7, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}),
                Arguments.of(new int[] {2, 64, 7, 7, 13, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}), // K = 576: two depth blocks
                Arguments.of(new int[] {3, 70, 5, 6, 9, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0}), // 1x1 in place, 30 pixels
                Arguments.of(new int[] {2, 17, 11, 13, 17, 1, 1, 2, 2, 0, 0, 1, 1, 1, 1}), // 1x1 stride 2 (ResNet's downsample)
                Arguments.of(new int[] {2, 3, 23, 29, 11, 7, 7, 2, 2, 3, 3, 1, 1, 1, 1}), // a stem
                Arguments.of(new int[] {1, 4, 12, 37, 6, 3, 2, 3, 2, 1, 0, 1, 2, 1, 0}),
                Arguments.of(new int[] {2, 2, 5, 6, 3, 2, 2, 1, 1, 2, 2, 1, 1, 1, 1}), // padding wider than the kernel
                Arguments.of(new int[] {1, 5, 16, 16, 8, 3, 3, 1, 1, 2, 2, 2, 2, 1, 0}), // dilation 2
                Arguments.of(new int[] {2, 8, 9, 10, 12, 3, 3, 2, 1, 1, 1, 1, 1, 4, 1}), // groups
                Arguments.of(new int[] {1, 1, 1, 40, 33, 1, 3, 1, 1, 0, 1, 1, 1, 1, 1}), // one row, O = 33
                Arguments.of(new int[] {1, 6, 40, 3, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}), // narrow, tall
                Arguments.of(new int[] {3, 5, 9, 11, 10, 3, 3, 1, 1, 0, 0, 2, 1, 1, 1}), // 3x3 read in place (no padding), dilated
                // from 16 pixel tiles (images x tiles) on, packed weights: the demo's input gradient (whole tiles read in place),
                // more than 16 channels (gathered panels, a partial channel block), and K = 576 in two depth blocks
                Arguments.of(new int[] {3, 32, 14, 14, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}),
                Arguments.of(new int[] {4, 20, 10, 13, 33, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}),
                Arguments.of(new int[] {8, 64, 6, 6, 9, 3, 3, 1, 1, 1, 1, 1, 1, 1, 0}),
                Arguments.of(new int[] {2, 1, 28, 28, 17, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}), // SmallConv: 28 = 16 + a 12-lane segment
                // ResNet-sized deep layers: packed weights over 2 MB in nine or six depth blocks (padded with a partial
                // channel block; strided; read in place)
                Arguments.of(new int[] {8, 512, 6, 6, 130, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}),
                Arguments.of(new int[] {8, 300, 17, 17, 240, 3, 3, 2, 2, 1, 1, 1, 1, 1, 0}),
                Arguments.of(new int[] {8, 300, 8, 8, 250, 3, 3, 1, 1, 0, 0, 1, 1, 1, 1}));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void matchesAFloat64Reference(int[] s) {
        Torch.manualSeed(11);
        int n = s[0], c = s[1], h = s[2], w = s[3], o = s[4], kh = s[5], kw = s[6], groups = s[13];
        long[] stride = {s[7], s[8]}, padding = {s[9], s[10]}, dilation = {s[11], s[12]};
        // the images sit one image into their storage: the kernel must honour the offset
        Tensor x = Torch.randn(n + 1, c, h, w).narrow(0, 1, n), wt = Torch.randn(o, c / groups, kh, kw), b = s[14] == 1 ? Torch.randn(o) : null;
        Tensor y = F.conv2d(x, wt, b, stride, padding, dilation, groups);
        double[][] ref = reference(x.toDoubleArray(), wt.toDoubleArray(), b == null ? null : b.toDoubleArray(), s);
        int oh = (h + 2 * s[9] - s[11] * (kh - 1) - 1) / s[7] + 1, ow = (w + 2 * s[10] - s[12] * (kw - 1) - 1) / s[8] + 1;
        assertArrayEquals(new long[] {n, o, oh, ow}, y.shape());
        double[] got = y.toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            double tol = 1e-6 * (1 + ref[1][i]);
            assertTrue(Math.abs(got[i] - ref[0][i]) <= tol, "element " + i + ": " + got[i] + " vs " + ref[0][i]);
        }
        int threads = Torch.getNumThreads();
        try {
            Torch.setNumThreads(1);
            float[] one = F.conv2d(x, wt, b, stride, padding, dilation, groups).toFloatArray();
            Torch.setNumThreads(2);
            assertArrayEquals(one, F.conv2d(x, wt, b, stride, padding, dilation, groups).toFloatArray(), "1 and 2 threads");
            Torch.setNumThreads(3);
            assertArrayEquals(one, F.conv2d(x, wt, b, stride, padding, dilation, groups).toFloatArray(), "1 and 3 threads");
        } finally {
            Torch.setNumThreads(threads);
        }
        assertEquals(DType.FLOAT32, y.dtype());
    }

    /** {values, sums of |terms|} in float64, by the definition. */
    private static double[][] reference(double[] x, double[] wt, double[] bias, int[] s) {
        int n = s[0], c = s[1], h = s[2], w = s[3], o = s[4], kh = s[5], kw = s[6], sh = s[7], sw = s[8];
        int ph = s[9], pw = s[10], dh = s[11], dw = s[12], groups = s[13], cg = c / groups, og = o / groups;
        int oh = (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1, ow = (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
        double[] y = new double[n * o * oh * ow], mag = new double[y.length];
        for (int im = 0, at = 0; im < n; im++) {
            for (int oc = 0; oc < o; oc++) {
                int g = oc / og;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++, at++) {
                        double sum = bias == null ? 0 : bias[oc], abs = Math.abs(sum);
                        for (int ci = 0; ci < cg; ci++) {
                            for (int i = 0; i < kh; i++) {
                                int iy = oy * sh + i * dh - ph;
                                if (iy < 0 || iy >= h) continue;
                                for (int j = 0; j < kw; j++) {
                                    int ix = ox * sw + j * dw - pw;
                                    if (ix < 0 || ix >= w) continue;
                                    double t = wt[((oc * cg + ci) * kh + i) * kw + j] * x[((im * c + g * cg + ci) * h + iy) * w + ix];
                                    sum += t;
                                    abs += Math.abs(t);
                                }
                            }
                        }
                        y[at] = sum;
                        mag[at] = abs;
                    }
                }
            }
        }
        return new double[][] {y, mag};
    }
}
