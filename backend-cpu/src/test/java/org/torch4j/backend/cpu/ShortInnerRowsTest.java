package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Elementwise ops and copies whose innermost dimension is short (a complex pair, a broadcast channel
 * dim) walk the next dimension out as their rows ({@link StridedIter#anyOrder}); the values must be those
 * of the plain element-by-element definition, whatever the strides, broadcasts and thread split.
 */
class ShortInnerRowsTest {

    private static float[] values(Tensor t) {
        return t.contiguous().toFloatArray();
    }

    @Test
    void broadcastOverAShortInnerDim() {
        Torch.manualSeed(1);
        Tensor x = Torch.rand(70_000, 2), y = Torch.rand(70_000, 1), row = Torch.rand(3);
        float[] xs = values(x), ys = values(y);
        float[] product = values(x.mul(y));
        for (int i = 0; i < 70_000; i++) {
            for (int j = 0; j < 2; j++) assertEquals(xs[2 * i + j] * ys[i], product[2 * i + j], 0f);
        }
        Tensor img = Torch.rand(300, 200, 3);
        float[] is = values(img), rs = values(row), sum = values(img.add(row));
        for (int p = 0; p < 300 * 200; p++) {
            for (int c = 0; c < 3; c++) assertEquals(is[3 * p + c] + rs[c], sum[3 * p + c], 0f);
        }
    }

    @Test
    void transposedAndSlicedOperands() {
        Torch.manualSeed(2);
        Tensor a = Torch.rand(4, 500, 5), b = Torch.rand(500, 4, 5).transpose(0, 1);
        float[] as = values(a), bs = values(b), diff = values(a.sub(b));
        for (int i = 0; i < as.length; i++) assertEquals(as[i] - bs[i], diff[i], 0f);
        // a copy into a transposed destination with a short inner dim
        Tensor dst = Torch.zeros(500, 4, 5).transpose(0, 1);
        dst.copy_(a);
        assertArrayEquals(as, values(dst));
        // every other pair of a wider tensor, written in place
        Tensor wide = Torch.rand(1000, 4), view = wide.narrow(1, 1, 2);
        float[] before = values(wide);
        view.mul_(2.0);
        float[] after = values(wide);
        for (int r = 0; r < 1000; r++) {
            for (int c = 0; c < 4; c++) {
                float expected = c == 1 || c == 2 ? before[4 * r + c] * 2 : before[4 * r + c];
                assertEquals(expected, after[4 * r + c], 0f);
            }
        }
    }
}
