package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The one-kernel variance and 2-norm ({@link Statistics}): the same bits on one thread and two where long runs are
 * split into chunks, the variance close to the exact one where the mean is large against the spread (the
 * deviations' sum corrects the rounded mean), and every layout (strided runs, several runs per output, a reduced
 * dim that is not the last, the dense dim kept) equal to the sums it stands for.
 */
class StatisticsTest {

    /** The exact variance (correction 1) of the values, rounded to double. */
    private static double exactVariance(double[] v) {
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal sum = BigDecimal.ZERO;
        for (double x : v) sum = sum.add(new BigDecimal(x));
        BigDecimal mean = sum.divide(BigDecimal.valueOf(v.length), mc);
        BigDecimal sq = BigDecimal.ZERO;
        for (double x : v) {
            BigDecimal d = new BigDecimal(x).subtract(mean);
            sq = sq.add(d.multiply(d), mc);
        }
        return sq.divide(BigDecimal.valueOf(v.length - 1), mc).doubleValue();
    }

    private static double[] statistics(Tensor t, int threads) {
        int before = Torch.getNumThreads();
        try {
            Torch.setNumThreads(threads);
            Tensor rows = t.reshape(4, -1);
            return new double[] {t.var().item(), t.std().item(), t.norm().item(),
                    rows.var(new int[] {1}, 1, false).toDouble().toDoubleArray()[3], rows.norm(2, new int[] {1}, false).toDouble().toDoubleArray()[2]};
        } finally {
            Torch.setNumThreads(before);
        }
    }

    @Test
    void longRunsGiveTheSameBitsOnOneThreadAndTwo() {
        Torch.manualSeed(31);
        int n = 4 * (ChunkFolds.PARALLEL_MIN + 517);
        for (Tensor t : new Tensor[] {Torch.randn(n), Torch.randn(n).toDouble().add(3)}) {
            double[] one = statistics(t, 1), two = statistics(t, 2);
            for (int i = 0; i < one.length; i++) assertEquals(one[i], two[i], 0.0, t.dtype() + " statistic " + i);
        }
    }

    @Test
    void varianceOfALargeMeanWithASmallSpreadIsCloseToExact() {
        Torch.manualSeed(32);
        // a float mean of 1e4 is off by about 1e-3 after its rounding; squared over the 2^20 deviations, that
        // alone would move a variance of 1e-4 by about 1%
        Tensor f = Torch.randn(1 << 20).mul(0.01).add(1e4);
        double want = exactVariance(f.toDouble().toDoubleArray());
        float got = (float) f.var().item();
        assertTrue(Math.abs(got - want) <= Math.ulp((float) want), "float32 var " + got + ", exact " + want);
        Tensor d = Torch.randn(1 << 20).toDouble().mul(1e-6).add(1e9);
        double wantD = exactVariance(d.toDoubleArray());
        assertEquals(wantD, d.var().item(), 1e-9 * wantD, "float64 var");
    }

    /** var (correction 1) and the 2-norm of t over dims, from sums of double copies. */
    private static void assertLikeSums(Tensor t, int[] dims) {
        Tensor d = t.toDouble();
        Tensor centered = d.sub(d.mean(dims, true));
        long n = 1;
        for (int k : dims) n *= t.shape()[k];
        Tensor var = centered.mul(centered).sum(dims, false).div(n - 1);
        Tensor norm = d.mul(d).sum(dims, false).sqrt();
        double[] wantVar = var.toDoubleArray(), wantNorm = norm.toDoubleArray();
        double[] gotVar = t.var(dims, 1, false).toDouble().toDoubleArray(), gotNorm = t.norm(2, dims, false).toDouble().toDoubleArray();
        double rtol = t.dtype() == org.torch4j.DType.FLOAT32 ? 1e-6 : 1e-13;
        for (int i = 0; i < wantVar.length; i++) {
            assertEquals(wantVar[i], gotVar[i], rtol * wantVar[i], "var " + i + " over " + java.util.Arrays.toString(dims));
            assertEquals(wantNorm[i], gotNorm[i], rtol * wantNorm[i], "norm " + i + " over " + java.util.Arrays.toString(dims));
        }
    }

    @Test
    void everyLayoutAgreesWithTheSums() {
        Torch.manualSeed(33);
        for (boolean dbl : new boolean[] {false, true}) {
            Tensor x = Torch.randn(6, 70, 130).add(2);
            if (dbl) x = x.toDouble();
            assertLikeSums(x, new int[] {2});                                    // dense runs, one per output
            assertLikeSums(x, new int[] {0, 2});                                 // several runs per output
            assertLikeSums(x, new int[] {0, 1, 2});                              // one long run
            assertLikeSums(x.transpose(1, 2), new int[] {2});                    // the reduced dim dense but not last
            assertLikeSums(x.slice(2, 0, 130, 3), new int[] {2});                // runs with stride 3
            assertLikeSums(x.slice(1, 5, 70, 1), new int[] {0, 2});              // an input that starts at an offset
            assertLikeSums(x.slice(2, 7, 130, 1), new int[] {0});
            // the dense dim kept: blocks of columns folded row by row
            assertLikeSums(x, new int[] {0});
            assertLikeSums(x, new int[] {0, 1});
            assertLikeSums(x.reshape(-1, 130 * 6).slice(1, 0, 780, 2), new int[] {0});   // columns with stride 2
            assertLikeSums(Torch.randn(3, 1500).add(1), new int[] {0});           // two column blocks, the second partial
            Tensor narrow = Torch.randn(4000, 5).add(3), runs = Torch.randn(40, 9, 16).slice(1, 0, 9, 2);
            assertLikeSums(dbl ? narrow.toDouble() : narrow, new int[] {0});    // a few columns: held in registers (float)
            assertLikeSums(dbl ? runs.toDouble() : runs, new int[] {0, 1});     // ... over rows in several runs
            assertLikeSums(x.permute(2, 0, 1).contiguous().permute(1, 2, 0), new int[] {0, 1}); // reduced dims not dense
        }
    }
}
