package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.spi.ReduceOp;

/**
 * Float32 rows reduced along their last dim ({@code Reduce.floatRows}): every row length around the vector width and
 * the SIMD thresholds (extremes from one vector, sums from 64 elements), with NaN, infinities and signed zeros among
 * the values, against the plain definitions: an extreme is NaN if any element is, else the largest (smallest) element,
 * 0 above -0; a sum within float rounding of the double sum.
 */
class RowReductionsTest {

    @Test
    void extremesAndSumsOfRowsOfEveryShortLength() {
        SplittableRandom random = new SplittableRandom(17);
        for (int n = 1; n <= 70; n++) {
            int rows = 37;
            float[] x = new float[rows * n];
            for (int i = 0; i < x.length; i++) {
                int kind = random.nextInt(40);
                x[i] = switch (kind) {
                    case 0 -> Float.NaN;
                    case 1 -> Float.POSITIVE_INFINITY;
                    case 2 -> Float.NEGATIVE_INFINITY;
                    case 3 -> 0f;
                    case 4 -> -0f;
                    default -> (float) random.nextDouble(-10, 10);
                };
            }
            // rows of only zeros of both signs, to see which zero the extreme keeps
            for (int j = 0; j < n; j++) x[j] = j % 2 == 0 ? -0f : 0f;
            Tensor t = Torch.tensor(x, rows, n);
            float[] max = t.amax(-1).toFloatArray(), min = t.amin(-1).toFloatArray(), sum = t.sum(-1).toFloatArray();
            for (int r = 0; r < rows; r++) {
                float mx = Float.NEGATIVE_INFINITY, mn = Float.POSITIVE_INFINITY;
                double s = 0, magnitude = 0;
                for (int j = 0; j < n; j++) {
                    float v = x[r * n + j];
                    mx = Math.max(mx, v);
                    mn = Math.min(mn, v);
                    s += v;
                    magnitude += Math.abs(v);
                }
                String where = "row " + r + " of length " + n;
                assertEquals(Float.floatToIntBits(mx), Float.floatToIntBits(max[r]), where + ": amax " + max[r] + ", expected " + mx);
                assertEquals(Float.floatToIntBits(mn), Float.floatToIntBits(min[r]), where + ": amin " + min[r] + ", expected " + mn);
                if (Double.isNaN(s) || Double.isInfinite(s)) {
                    assertEquals((float) s, sum[r], where + ": sum");
                } else {
                    assertEquals(s, sum[r], 1e-6 * magnitude + 1e-30, where + ": sum");
                }
            }
        }
    }

    /**
     * Sums of many rows (four at a time: SIMD chunks above 63 elements, vectors of four doubles below) give each row's bits from the
     * one-row fold: the scalar loop's below 64 elements, the SIMD chunk's from 64; rows of a narrowed view (a stride
     * past their length), counts that leave a partial four, and one and two threads.
     */
    @Test
    void sumsOfManyRowsGiveTheOneRowFoldsBits() {
        SplittableRandom random = new SplittableRandom(5);
        int[] lengths = {1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 33, 63, 64, 65, 79, 127, 128, 129, 255, 300, 1000, 4095, 4096, 4097};
        int threads = Torch.getNumThreads();
        try {
            for (int n : lengths) {
                int rows = 4 * (1 + 40000 / (n + 40)) + 3, width = n + 5;
                float[] x = new float[rows * width];
                for (int i = 0; i < x.length; i++) x[i] = (float) (random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-4, 5)));
                Tensor view = Torch.tensor(x, rows, width).narrow(1, 2, n);
                for (int t = 1; t <= 2; t++) {
                    Torch.setNumThreads(t);
                    float[] sums = view.sum(-1).toFloatArray();
                    for (int r = 0; r < rows; r++) {
                        int off = r * width + 2;
                        double expected = n < 64 ? FloatFold.scalar(ReduceOp.SUM, x, off, n) : FloatFold.fold(ReduceOp.SUM, x, off, n);
                        assertEquals(Float.floatToIntBits((float) expected), Float.floatToIntBits(sums[r]),
                                "row " + r + " of " + rows + " of length " + n + " on " + t + " threads: " + sums[r] + ", expected " + (float) expected);
                    }
                }
            }
        } finally {
            Torch.setNumThreads(threads);
        }
    }
}
