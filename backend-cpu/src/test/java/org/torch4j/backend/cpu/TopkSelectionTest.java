package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.ValuesIndices;

/**
 * topk of a few ({@code Sorting.first}: the best kept while each line streams past, no sort) gives the first k of the
 * stable sort, values and indices: ties in their original order, NaN the largest, -0.0 equal to 0.0; float32, float64
 * and int64 lines, along the last dim and along a strided one, with k from 1 to the selection's limit and just past it.
 */
class TopkSelectionTest {

    @Test
    void theFirstKOfTheStableSort() {
        SplittableRandom random = new SplittableRandom(21);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
            for (int n : new int[] {2, 7, 64, 129, 1000}) {
                int rows = 9;
                double[] x = new double[rows * n];
                for (int i = 0; i < x.length; i++) {
                    int kind = random.nextInt(30);
                    // few distinct values, so ties are common; a sorted row (every element enters) and a reversed one
                    x[i] = kind == 0 && dtype != DType.INT64 ? Double.NaN : kind == 1 ? -0.0 : kind == 2 ? 0.0 : random.nextInt(-20, 20) / 4.0;
                }
                for (int j = 0; j < n; j++) {
                    x[j] = j;
                    x[n + j] = -j;
                }
                Tensor t = Torch.tensor(x, rows, n).to(dtype);
                for (int k : new int[] {1, 2, 5, Math.min(n / 2, Sorting.SELECT_MAX), Math.min(n / 2, Sorting.SELECT_MAX + 1)}) {
                    if (k < 1 || k > n) continue;
                    for (boolean largest : new boolean[] {true, false}) {
                        String where = dtype + " rows of " + n + ", k " + k + (largest ? ", largest" : ", smallest");
                        ValuesIndices sorted = t.sort(1, largest);
                        ValuesIndices top = t.topk(k, 1, largest, true);
                        assertArrayEquals(sorted.indices().narrow(1, 0, k).contiguous().toLongArray(), top.indices().toLongArray(), where + ": indices");
                        assertArrayEquals(sorted.values().narrow(1, 0, k).contiguous().toDoubleArray(), top.values().toDoubleArray(), where + ": values");
                        // along dim 0 of the transpose: strided lines
                        ValuesIndices columns = t.t().topk(k, 0, largest, true);
                        assertArrayEquals(top.indices().t().contiguous().toLongArray(), columns.indices().contiguous().toLongArray(), where + ": along dim 0");
                    }
                }
            }
        }
    }
}
