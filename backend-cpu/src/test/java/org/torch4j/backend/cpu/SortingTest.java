package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.ValuesIndices;

/**
 * {@link Sorting}: sort, argsort and topk against a stable sort of (value, position) with NaN largest and -0.0
 * equal to 0.0, both directions, for keys that pack into 32 bits (every dtype up to int32 and float32) and keys
 * that do not (int64 extremes, float64 values no float holds), along either dim of a matrix.
 */
class SortingTest {

    /** The positions 0..n-1 of one line in the order a stable sort by value puts them. */
    private static Integer[] stableOrder(double[] line, boolean descending) {
        Integer[] order = new Integer[line.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Comparator<Integer> byValue = (x, y) -> {
            double a = line[x], b = line[y];
            boolean an = Double.isNaN(a), bn = Double.isNaN(b);
            int c = an || bn ? Boolean.compare(an, bn) : Double.compare(a == 0 ? 0.0 : a, b == 0 ? 0.0 : b);
            return descending ? -c : c;
        };
        Arrays.sort(order, byValue); // object sorts are stable
        return order;
    }

    private static void checkRows(Tensor x, boolean descending, String what) {
        long rows = x.shape()[0], n = x.shape()[1];
        ValuesIndices got = x.sort(1, descending);
        double[] v = Operands.doubles(x), gv = Operands.doubles(got.values());
        long[] gi = got.indices().contiguous().toLongArray();
        for (int r = 0; r < rows; r++) {
            double[] line = Arrays.copyOfRange(v, (int) (r * n), (int) ((r + 1) * n));
            Integer[] order = stableOrder(line, descending);
            long[] ei = new long[(int) n];
            double[] ev = new double[(int) n];
            for (int i = 0; i < n; i++) {
                ei[i] = order[i];
                ev[i] = line[order[i]];
            }
            assertArrayEquals(ei, Arrays.copyOfRange(gi, (int) (r * n), (int) ((r + 1) * n)), what + " row " + r);
            assertArrayEquals(ev, Arrays.copyOfRange(gv, (int) (r * n), (int) ((r + 1) * n)), what + " row " + r);
        }
        assertArrayEquals(gi, x.argsort(1, descending).contiguous().toLongArray(), what + " argsort");
    }

    @Test
    void everyDtypeBothDirectionsAndLayouts() {
        List<DType> types = List.of(DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16, DType.INT64, DType.INT32,
                DType.INT16, DType.INT8, DType.UINT8, DType.BOOL);
        Operands.onThreads(() -> {
            for (DType t : types) {
                for (long[] s : new long[][] {{1, 1}, {3, 17}, {37, 129}, {2, 40_001}}) {
                    for (Operands.Layout l : Operands.layouts(t, 17, s[0], s[1])) {
                        for (boolean descending : new boolean[] {false, true}) {
                            checkRows(l.tensor(), descending, t + " " + l.name() + " " + s[0] + "x" + s[1] + (descending ? " descending" : ""));
                        }
                    }
                }
            }
        });
    }

    @Test
    void keysWiderThan32Bits() {
        long[] big = {Long.MAX_VALUE, 3, Long.MIN_VALUE, 3, -1, Long.MAX_VALUE, 0, Long.MIN_VALUE + 1};
        Tensor x = Torch.tensor(big, 1, big.length);
        long[] asc = x.sort(1, false).indices().toLongArray();
        assertArrayEquals(new long[] {2, 7, 4, 6, 1, 3, 0, 5}, asc);
        assertArrayEquals(new long[] {0, 5, 1, 3, 6, 4, 7, 2}, x.sort(1, true).indices().toLongArray());
        double[] fine = {0.1, Double.NaN, -0.0, 1e300, 0.1, 0.0, -1e-300, Double.NaN, Double.NEGATIVE_INFINITY};
        Tensor y = Torch.tensor(fine, 1, fine.length);
        assertArrayEquals(new long[] {8, 6, 2, 5, 0, 4, 3, 1, 7}, y.sort(1, false).indices().toLongArray());
        assertArrayEquals(new long[] {1, 7, 3, 0, 4, 2, 5, 6, 8}, y.sort(1, true).indices().toLongArray());
        checkRows(Torch.tensor(fine, 1, fine.length).expand(3, fine.length), true, "float64 expanded");
    }

    @Test
    void emptyLinesOfATransposedTensor() {
        // [0, 5] with strides [1, 1]: each of the five empty lines starts past the empty storage
        Tensor x = Torch.zeros(new long[] {5, 0}, DType.INT64).t();
        assertArrayEquals(new long[] {0, 5}, x.sort(0, false).values().shape());
        assertArrayEquals(new long[] {0, 5}, x.argsort(0, true).shape());
    }

    @Test
    void topkTakesTheSortedPrefix() {
        Tensor x = Operands.values(DType.INT32, 18, 37, 129);
        ValuesIndices all = x.sort(1, true), top = x.topk(5, 1, true, true);
        assertArrayEquals(all.indices().narrow(1, 0, 5).contiguous().toLongArray(), top.indices().contiguous().toLongArray());
        assertArrayEquals(Operands.doubles(all.values().narrow(1, 0, 5)), Operands.doubles(top.values()));
    }
}
