package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Reductions of bool and integer tensors, whose blocks now load through unit-stride loops and whose max and min
 * fold in SIMD lanes ({@link IntegerExtremesVec}): sums (int64 results, as PyTorch's), amax and amin over all, dim 0 and
 * dim 1, against the element values, in every layout and size; int64 sums wrap, int32 sums do not (their result
 * is int64).
 */
class IntegerReduceTest {

    private static final List<DType> TYPES = List.of(DType.INT64, DType.INT32, DType.INT16, DType.INT8, DType.UINT8, DType.BOOL);

    @Test
    void sumsAndExtremesInEveryLayout() {
        Operands.onThreads(() -> {
            for (DType t : TYPES) {
                for (long[] s : Operands.SHAPES) {
                    int r = (int) s[0], c = (int) s[1];
                    for (Operands.Layout l : Operands.layouts(t, 19, r, c)) {
                        Tensor x = l.tensor();
                        double[] v = Operands.doubles(x);
                        double[] rows = new double[r], cols = new double[c], rowMax = new double[r], colMin = new double[c];
                        java.util.Arrays.fill(rowMax, Double.NEGATIVE_INFINITY);
                        java.util.Arrays.fill(colMin, Double.POSITIVE_INFINITY);
                        double all = 0;
                        for (int i = 0; i < r; i++) {
                            for (int j = 0; j < c; j++) {
                                double e = v[i * c + j];
                                all += e;
                                rows[i] += e;
                                cols[j] += e;
                                rowMax[i] = Math.max(rowMax[i], e);
                                colMin[j] = Math.min(colMin[j], e);
                            }
                        }
                        String what = t + " " + l.name() + " " + r + "x" + c;
                        assertEquals(DType.INT64, x.sum().dtype(), what);
                        assertEquals(all, x.sum().item(), what);
                        assertArrayEquals(rows, Operands.doubles(x.sum(1)), what + " sum(1)");
                        assertArrayEquals(cols, Operands.doubles(x.sum(0)), what + " sum(0)");
                        if (c > 0) assertArrayEquals(rowMax, Operands.doubles(x.amax(1)), what + " amax(1)");
                        if (r > 0) assertArrayEquals(colMin, Operands.doubles(x.amin(0)), what + " amin(0)");
                    }
                }
            }
        });
    }

    @Test
    void overflowFollowsTheResultDtype() {
        Tensor i32 = Torch.full(new long[] {3, 70_001}, Integer.MAX_VALUE).to(DType.INT32);
        assertEquals(3L * 70_001 * Integer.MAX_VALUE, i32.sum().itemLong());
        assertArrayEquals(new long[] {70_001L * Integer.MAX_VALUE, 70_001L * Integer.MAX_VALUE, 70_001L * Integer.MAX_VALUE},
                i32.sum(1).toLongArray());
        Tensor i64 = Torch.tensor(new long[] {Long.MAX_VALUE, 2, Long.MIN_VALUE, -1}, 2, 2);
        assertEquals(0, i64.sum().itemLong()); // MAX + 2 wraps, then MIN brings it back: wrapping sums are exact modulo 2^64
        assertArrayEquals(new long[] {Long.MAX_VALUE + 2, Long.MIN_VALUE - 1}, i64.sum(1).toLongArray());
        assertArrayEquals(new long[] {Long.MAX_VALUE, 2}, i64.amax(0).toLongArray());
        assertArrayEquals(new long[] {Long.MIN_VALUE, -1}, i64.amin(0).toLongArray());
    }

    @Test
    void unsignedBytesReduceAsUnsigned() {
        Tensor u8 = Torch.tensor(new long[] {200, 1, 255, 128, 0, 127}, 2, 3).to(DType.UINT8);
        assertEquals(711, u8.sum().itemLong());
        assertArrayEquals(new long[] {255, 128}, u8.amax(1).toLongArray());
        assertArrayEquals(new long[] {1, 0}, u8.amin(1).toLongArray());
        Tensor i8 = u8.to(DType.INT8); // -56, 1, -1, -128, 0, 127
        assertEquals(-57, i8.sum().itemLong());
        assertArrayEquals(new long[] {1, 127}, i8.amax(1).toLongArray());
        assertArrayEquals(new long[] {-56, -128}, i8.amin(1).toLongArray());
    }
}
