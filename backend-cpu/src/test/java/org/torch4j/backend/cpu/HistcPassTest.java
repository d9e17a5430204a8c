package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * histc of float32 and float64 host data, which takes the api's one-pass count (HistcPass), against the
 * composite it replaced, written out here with tensor ops: the position in the dtype, truncated, clamped,
 * NaN in bin 0, values outside [min, max] left out, counts summed by scatter_add. Values sit on bin edges, at
 * both ends, outside the range, and are NaN or infinite; layouts are dense, transposed and narrowed.
 */
class HistcPassTest {

    @Test
    void countsAsTheCompositeDoes() {
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Torch.manualSeed(3);
            // multiples of 1/8 (on edges), a spread beyond the range, NaN and infinities
            Tensor base = Torch.randint(-20, 60, new long[] {37, 41}).to(t).div(8.0);
            base = base.maskedFill(Torch.rand(37, 41).lt(0.05), Double.NaN);
            base = base.maskedFill(Torch.rand(37, 41).lt(0.02), Double.POSITIVE_INFINITY);
            base = base.maskedFill(Torch.rand(37, 41).lt(0.02), Double.NEGATIVE_INFINITY);
            Tensor rand = Torch.rand(53, 29).to(t).mul(1.2).sub(0.1);
            for (Tensor x : new Tensor[] {base, base.t(), base.narrow(1, 3, 30), rand, rand.t(), Torch.zeros(0).to(t)}) {
                for (double[] r : new double[][] {{0, 1}, {-1, 5}, {0.1, 0.7}, {2, 2}, {-3e38, 3e38}, {1, 1 + 1e-9}}) {
                    for (long bins : new long[] {1, 7, 100}) {
                        String what = t + " " + java.util.Arrays.toString(x.shape()) + " range " + r[0] + ".." + r[1] + " bins " + bins;
                        if (r[0] == r[1] && !finiteRange(x)) continue;
                        assertArrayEquals(Operands.doubles(composite(x, bins, r[0], r[1])), Operands.doubles(x.histc(bins, r[0], r[1])), what);
                    }
                }
            }
        }
    }

    private static boolean finiteRange(Tensor x) {
        return x.numel() == 0 || x.isfinite().all().item() != 0;
    }

    /** Histograms.histc's composite: the expected counts, op for op. */
    private static Tensor composite(Tensor t, long bins, double min, double max) {
        double lo = min, hi = max;
        if (lo == hi && t.numel() > 0) {
            lo = t.min().item();
            hi = t.max().item();
        }
        if (lo == hi) {
            lo -= 1;
            hi += 1;
        }
        Tensor x = t.reshape(-1);
        Tensor pos = x.sub(lo).mul(bins).div(hi - lo).toLong().clamp(0.0, (double) (bins - 1));
        Tensor counted = x.lt(lo).logicalOr(x.gt(hi)).logicalNot();
        return Torch.zeros(new long[] {bins}, t.dtype(), org.torch4j.Device.CPU).scatterAdd(0, pos.maskedFill(x.isnan(), 0.0), counted.to(t.dtype()));
    }
}
