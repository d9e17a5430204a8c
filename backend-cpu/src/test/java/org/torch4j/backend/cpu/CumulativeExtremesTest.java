package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.ValuesIndices;

/**
 * cummax and cummin of host tensors, which take the api's one typed pass (RunningExtremes) when no gradient
 * is recorded, against the same call on an input that requires grad (the general path: rows on the host and
 * a gather), and against running extremes computed here with PyTorch's rule: ties move the index forward, a
 * NaN stays once seen and each later NaN takes the index. Every dtype, layout, dim and size.
 */
class CumulativeExtremesTest {

    @Test
    void agreesWithTheGeneralPathForEveryDtypeAndLayout() {
        for (DType t : Operands.TYPES) {
            for (long[] s : Operands.SHAPES) {
                for (Operands.Layout l : Operands.layouts(t, 31, s[0], s[1])) {
                    for (int dim : new int[] {0, 1, -1}) {
                        String what = t + " " + l.name() + " " + s[0] + "x" + s[1] + " dim " + dim;
                        for (boolean max : new boolean[] {true, false}) check(l.tensor(), dim, max, what);
                    }
                }
            }
        }
    }

    @Test
    void threeDimensionalZeroDimensionalAndEmptyOperands() {
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64}) {
            Tensor x = Operands.values(t, 7, 3, 4, 5);
            for (int dim = 0; dim < 3; dim++) {
                check(x, dim, true, t + " 3-d dim " + dim);
                check(x.permute(2, 0, 1), dim, false, t + " permuted 3-d dim " + dim);
            }
            check(Operands.values(t, 8, 1).reshape(), 0, true, t + " 0-d");
            check(Operands.values(t, 9, 0, 3), 1, true, t + " empty");
        }
    }

    @Test
    void nanStaysAndMovesToLaterNans() {
        Tensor x = Torch.tensor(new double[] {1, Double.NaN, 5, Double.NaN, 0, 7}, 6).to(DType.FLOAT32);
        ValuesIndices r = x.cummax(0);
        assertArrayEquals(new long[] {0, 1, 1, 3, 3, 3}, r.indices().toLongArray());
        assertEquals("[1.0, NaN, NaN, NaN, NaN, NaN]", Arrays.toString(r.values().toDoubleArray()));
        assertArrayEquals(new long[] {0, 1, 1, 3, 3, 3}, x.cummin(0).indices().toLongArray());
    }

    /** The fast result equals the general path's and the rule computed here, values bit for bit. */
    private static void check(Tensor x, int dim, boolean max, String what) {
        ValuesIndices fast = max ? x.cummax(dim) : x.cummin(dim);
        assertEquals(x.dtype(), fast.values().dtype(), what);
        assertArrayEquals(x.shape(), fast.values().shape(), what);
        assertArrayEquals(x.shape(), fast.indices().shape(), what);
        long[] want = expectedIndices(x, dim, max);
        assertArrayEquals(want, fast.indices().contiguous().toLongArray(), what + " indices");
        Tensor gathered = x.dim() == 0 ? x : x.gather(dim, fast.indices());
        assertArrayEquals(Operands.doubles(gathered), Operands.doubles(fast.values()), what + " values");
        if (x.dtype().isFloatingPoint()) {
            Tensor tracked = x.detach().requiresGrad_();
            ValuesIndices general = max ? tracked.cummax(dim) : tracked.cummin(dim);
            assertArrayEquals(general.indices().contiguous().toLongArray(), want, what + " general path");
            assertArrayEquals(Operands.doubles(general.values().detach()), Operands.doubles(fast.values()), what + " general values");
        }
    }

    private static long[] expectedIndices(Tensor x, int dim, boolean max) {
        Tensor rows = (x.dim() == 0 ? x.reshape(1) : x).movedim(dim, -1).contiguous();
        long[] shape = rows.shape();
        int n = (int) shape[shape.length - 1];
        double[] v = rows.toDoubleArray();
        long[] out = new long[v.length];
        for (int r = 0; r < v.length; r += n) {
            int best = r;
            for (int i = r; i < r + n; i++) {
                boolean take = Double.isNaN(v[i]) || !Double.isNaN(v[best]) && (max ? v[i] >= v[best] : v[i] <= v[best]);
                if (take) best = i;
                out[i] = best - r;
            }
        }
        Tensor idx = Torch.tensor(out, shape).movedim(-1, x.dim() == 0 ? 0 : dim);
        return idx.contiguous().toLongArray();
    }
}
