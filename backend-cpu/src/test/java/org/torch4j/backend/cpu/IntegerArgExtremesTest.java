package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.ValuesIndices;

/**
 * argmax / argmin and max / min along a dim of integer tensors ({@link IntegerArgExtremes}: SIMD lanes for dense
 * int32 and byte lines, typed scalar loops otherwise; the scalar run of the suite covers the loops alone) against
 * the first extreme found here: every integer dtype and layout, both dims, many ties (values in [-4, 4]),
 * uint8 above 127, lines shorter and longer than a vector, on one thread and four.
 */
class IntegerArgExtremesTest {

    private static final DType[] TYPES = {DType.INT64, DType.INT32, DType.INT16, DType.INT8, DType.UINT8, DType.BOOL};

    @Test
    void firstExtremeOfEveryLine() {
        Operands.onThreads(() -> {
            for (DType t : TYPES) {
                for (long[] s : Operands.SHAPES) {
                    if (s[0] == 0) continue; // an empty dim has no extreme (the api refuses it)
                    for (Operands.Layout l : Operands.layouts(t, 41, s[0], s[1])) {
                        for (int dim = 0; dim < 2; dim++) {
                            for (boolean max : new boolean[] {true, false}) {
                                String what = t + " " + l.name() + " " + s[0] + "x" + s[1] + " dim " + dim + (max ? " max" : " min");
                                check(l.tensor(), dim, max, what);
                            }
                        }
                    }
                }
            }
        });
    }

    @Test
    void extremesAtTheEndsOfLongLines() {
        for (DType t : new DType[] {DType.INT32, DType.UINT8, DType.INT8}) {
            long[] v = new long[200];
            v[199] = 120; // the maximum in the scalar tail after the lanes
            v[0] = -7 & (t == DType.UINT8 ? 0xFF : -1); // uint8: 249, the maximum as unsigned
            Tensor x = Torch.tensor(v, 1, 200).to(t);
            check(x, 1, true, t + " ends");
            check(x, 1, false, t + " ends");
            assertEquals(t == DType.UINT8 ? 0 : 199, x.argmax(1, false).toLongArray()[0], t + " argmax");
        }
    }

    private static void check(Tensor x, int dim, boolean max, String what) {
        Tensor rows = x.movedim(dim, -1).contiguous();
        long[] shape = rows.shape();
        int n = (int) shape[shape.length - 1];
        long[] v = rows.to(DType.INT64).toLongArray();
        long[] at = new long[v.length / n], ext = new long[v.length / n];
        for (int r = 0; r < at.length; r++) {
            int best = 0;
            for (int i = 1; i < n; i++) if (max ? v[r * n + i] > v[r * n + best] : v[r * n + i] < v[r * n + best]) best = i;
            at[r] = best;
            ext[r] = v[r * n + best];
        }
        assertArrayEquals(at, (max ? x.argmax(dim, false) : x.argmin(dim, false)).toLongArray(), what + " arg");
        ValuesIndices vi = max ? x.max(dim) : x.min(dim);
        assertArrayEquals(at, vi.indices().toLongArray(), what + " indices");
        assertEquals(x.dtype(), vi.values().dtype(), what);
        assertArrayEquals(ext, vi.values().to(DType.INT64).toLongArray(), what + " values");
    }
}
