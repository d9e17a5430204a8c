package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Sums of long dense runs ({@code x.sum()}, {@code x.sum(1)} of long rows): chunks in SIMD lanes, the chunk sums
 * added in order in double ({@link ChunkFolds}), split across threads from {@link ChunkFolds#PARALLEL_MIN} elements.
 * The result must not depend on the number of threads, and must be close to the exact sum (no chunk or tail lost;
 * float64 runs were summed one addition after another before, 2.8 times slower).
 */
class LongSumsTest {

    private static double exact(Tensor t) {
        BigDecimal s = BigDecimal.ZERO;
        for (double v : t.toDouble().toDoubleArray()) s = s.add(new BigDecimal(v));
        return s.doubleValue();
    }

    private static double[] sums(Tensor t, int threads) {
        int before = Torch.getNumThreads();
        try {
            Torch.setNumThreads(threads);
            return new double[] {t.sum().item(), t.mean().item(), t.reshape(4, -1).sum(1).toDouble().toDoubleArray()[3]};
        } finally {
            Torch.setNumThreads(before);
        }
    }

    @Test
    void longSumsAreTheSameOnOneThreadAndTwo() {
        Torch.manualSeed(21);
        int n = 4 * (ChunkFolds.PARALLEL_MIN + 309);   // (rows of sum(1) long enough to split too)
        for (Tensor t : new Tensor[] {Torch.randn(n), Torch.randn(n).toDouble(), Torch.rand(n).toDouble().mul(1e6)}) {
            double[] one = sums(t, 1), two = sums(t, 2);
            for (int i = 0; i < one.length; i++) assertEquals(one[i], two[i], 0.0, t.dtype() + " result " + i);
        }
    }

    @Test
    void longSumsAreCloseToTheExactSum() {
        Torch.manualSeed(22);
        Tensor d = Torch.rand(1 << 21).toDouble().add(0.5);
        double want = exact(d);
        assertEquals(want, d.sum().item(), 1e-15 * want, "float64 sum of 2^21 elements");
        Tensor f = Torch.rand(1 << 21).add(0.5);
        double wantF = exact(f);
        // float32: rounded once at the end (the chunks' lanes add in float: a few ulps of float32 at most)
        assertTrue(Math.abs(f.sum().item() - wantF) <= 2 * Math.ulp((float) wantF), "float32 sum " + f.sum().item() + " of " + wantF);
    }
}
