package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Float sums down a kept dense dim ({@code x.sum(0)} of [N, C]: Reduce's "outer" strategy, a bias gradient, a
 * batch statistic) add their rows in a {@link CascadeSum}, so their error grows with log N as PyTorch's
 * cascade_sum, not with N: summed row after row into float accumulators, 2^18 rows of rand() were off by 1e-5
 * relative (PyTorch 1.13: 1e-7). Float16 and bfloat16 columns add as float and round once.
 */
class OuterSumAccuracyTest {

    private static double maxRelativeError(Tensor got, Tensor exact) {
        return got.toDouble().sub(exact).abs().div(exact.abs()).max().item();
    }

    @Test
    void longColumnSumsStayAccurate() {
        Torch.manualSeed(11);
        Tensor x = Torch.rand(1 << 18, 8);
        double err = maxRelativeError(x.sum(0), x.toDouble().sum(0));
        assertTrue(err < 4e-7, "float32 sum over 2^18 rows: relative error " + err);
        double meanErr = maxRelativeError(x.mean(0), x.toDouble().mean(0));
        assertTrue(meanErr < 4e-7, "float32 mean over 2^18 rows: relative error " + meanErr);
        // kept dims beside the reduced one: [N, 3, 7] summed over N, and a transposed (column) layout
        Tensor y = Torch.rand(1 << 16, 3, 7).add(1.0);
        double err3 = maxRelativeError(y.sum(0), y.toDouble().sum(0));
        assertTrue(err3 < 4e-7, "float32 sum over 2^16 rows of [3, 7]: relative error " + err3);
        Tensor z = Torch.rand(5, 1 << 17).t();
        double errT = maxRelativeError(z.sum(0), z.toDouble().sum(0));
        assertTrue(errT < 4e-7, "float32 sum of a transposed [2^17, 5]: relative error " + errT);
    }

    @Test
    void halfPrecisionColumnSumsRoundOnce() {
        Torch.manualSeed(12);
        for (DType dtype : new DType[] {DType.FLOAT16, DType.BFLOAT16}) {
            Tensor x = Torch.rand(1 << 16, 4).to(dtype);
            float[] got = x.sum(0).toFloatArray();
            float[] exact = x.toDouble().sum(0).to(dtype).toFloatArray();
            float[] ulpAbove = x.toDouble().sum(0).mul(dtype == DType.FLOAT16 ? 1 + 1.0 / 1024 : 1 + 1.0 / 128).to(dtype).toFloatArray();
            for (int c = 0; c < 4; c++) {
                float ulp = ulpAbove[c] - exact[c];
                assertEquals(exact[c], got[c], ulp, dtype + " column " + c);
            }
        }
    }

    @Test
    void cascadeOrderIsFixed() {
        Torch.manualSeed(13);
        Tensor x = Torch.rand(40_000, 300);
        float[] twoThreads, oneThread;
        int threads = Torch.getNumThreads();
        try {
            Torch.setNumThreads(2);
            twoThreads = x.sum(0).toFloatArray();
            Torch.setNumThreads(1);
            oneThread = x.sum(0).toFloatArray();
        } finally {
            Torch.setNumThreads(threads);
        }
        assertArrayEquals(oneThread, twoThreads, "the same sums on one thread and two");
        // up to FAN rows the sum is the plain row-by-row float sum
        Tensor few = x.narrow(0, 0, CascadeSum.FAN);
        float[] rows = few.contiguous().toFloatArray(), sums = few.sum(0).toFloatArray();
        for (int c = 0; c < 300; c++) {
            float s = 0;
            for (int r = 0; r < CascadeSum.FAN; r++) s += rows[r * 300 + c];
            assertEquals(s, sums[c], 0f, "column " + c);
        }
    }

    /**
     * A block of up to eight vectors of columns adds its rows a vector of columns at a time (RowAddVec.addRows), a
     * wider one row by row through the binary kernel: the same additions in the same order, so the same bits.
     */
    @Test
    void narrowBlocksAddTheirRowsAsWideOnesDo() {
        Torch.manualSeed(12);
        for (int width : new int[] {2, 3, 8, 16, 37, 64}) {   // (one column is a full reduction: the inner strategy)
            Tensor x = Torch.randn(5 * Reduce.PART_ROWS + 77, width);   // split into parts (as the wide one) from width 2
            // 130 + width columns: wider than eight vectors of 16 floats
            Tensor wide = Torch.cat(java.util.List.of(x, Torch.randn(x.shape()[0], 130)), 1);
            assertArrayEquals(wide.sum(0).slice(0, 0, width, 1).toFloatArray(), x.sum(0).toFloatArray(), "width " + width);
            Tensor strided = wide.slice(1, 0, width, 1);   // narrow again, rows 40 + width apart
            assertArrayEquals(x.sum(0).toFloatArray(), strided.sum(0).toFloatArray(), "width " + width + ", rows apart");
        }
    }
}
