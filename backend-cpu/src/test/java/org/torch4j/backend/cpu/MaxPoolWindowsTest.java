package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.ValuesIndices;
import org.torch4j.nn.F;

/**
 * float32 max pooling (the vectorised {@link MaxPoolWindows} with the Vector API, the scalar loop
 * without) against a scalar reference written here with PyTorch's rules, values and indices exactly:
 * windows, strides, paddings, dilations, ceil mode, output widths not a multiple of the lanes, and
 * data with ties, NaN (the first NaN of a window wins), -inf and whole windows of -inf (the first
 * position inside the input).
 */
class MaxPoolWindowsTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                // n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, ceil
                Arguments.of((Object) new int[] {1, 3, 112, 112, 3, 3, 2, 2, 1, 1, 1, 1, 0}), // ResNet's stem pool
                Arguments.of((Object) new int[] {2, 2, 9, 8, 3, 3, 2, 2, 1, 1, 1, 1, 1}),
                Arguments.of((Object) new int[] {1, 2, 9, 9, 2, 3, 1, 2, 1, 1, 2, 2, 0}),
                Arguments.of((Object) new int[] {2, 3, 7, 37, 3, 2, 1, 1, 1, 0, 1, 1, 0}),
                Arguments.of((Object) new int[] {1, 2, 6, 40, 2, 5, 2, 3, 0, 2, 1, 1, 1}),
                Arguments.of((Object) new int[] {3, 1, 1, 50, 1, 3, 1, 2, 0, 1, 1, 1, 0}),
                Arguments.of((Object) new int[] {1, 1, 5, 5, 5, 5, 1, 1, 2, 2, 1, 1, 0}),
                Arguments.of((Object) new int[] {2, 2, 8, 8, 2, 2, 2, 2, 0, 0, 1, 1, 0})); // the 2x2 kernel
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void valuesAndIndicesMatchPyTorchsRule(int[] s) {
        Torch.manualSeed(5);
        int n = s[0], c = s[1], h = s[2], w = s[3];
        long[] k = {s[4], s[5]}, st = {s[6], s[7]}, p = {s[8], s[9]}, d = {s[10], s[11]};
        // rounded values give ties; -2 becomes NaN, -3 (and a whole corner block) -inf
        Tensor r = Torch.randn(n, c, h, w).mul(1.2).round();
        Tensor x = r.maskedFill(r.eq(-2), Double.NaN).maskedFill(r.eq(-3), Double.NEGATIVE_INFINITY);
        Tensor corner = Torch.arange(h).lt(Math.min(h, 4)).unsqueeze(1).logicalAnd(Torch.arange(w).lt(Math.min(w, 5)));
        x = x.maskedFill(corner, Double.NEGATIVE_INFINITY);
        ValuesIndices got = F.maxPool2dWithIndices(x, k, st, p, d, s[12] == 1);
        float[] xs = x.toFloatArray();
        long[] shape = got.values().shape();
        int oh = (int) shape[2], ow = (int) shape[3];
        float[] want = new float[n * c * oh * ow];
        long[] wantAt = new long[want.length];
        for (int pl = 0, at = 0; pl < n * c; pl++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++, at++) {
                    float best = Float.NEGATIVE_INFINITY;
                    long pos = -1;
                    for (int i = 0; i < k[0]; i++) {
                        int y = oy * s[6] - s[8] + i * s[10];
                        if (y < 0 || y >= h) continue;
                        for (int j = 0; j < k[1]; j++) {
                            int xx = ox * s[7] - s[9] + j * s[11];
                            if (xx < 0 || xx >= w) continue;
                            float v = xs[pl * h * w + y * w + xx];
                            if (pos < 0 || (!(v <= best) && best == best)) {
                                best = v;
                                pos = (long) y * w + xx;
                            }
                        }
                    }
                    want[at] = best;
                    wantAt[at] = pos;
                }
            }
        }
        assertArrayEquals(want, got.values().toFloatArray());
        assertArrayEquals(wantAt, got.indices().toLongArray());
        assertArrayEquals(new long[] {n, c, oh, ow}, got.indices().shape());
        assertArrayEquals(got.values().toFloatArray(), F.maxPool2dWithIndices(x.to(DType.FLOAT64), k, st, p, d, s[12] == 1)
                .values().toFloatArray(), "float64 path");
    }
}
