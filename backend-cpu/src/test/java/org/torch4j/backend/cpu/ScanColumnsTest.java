package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;

/**
 * The typed scans of {@link ScanLines} against running sums and products computed here in the kernels' own
 * widths (double rounded to float32 per element, wrapping long products): the column path (a dim before the
 * last of a contiguous tensor, 2-d and 3-d, columns split over tasks), and the line path of every layout
 * for cumprod of integers, which {@link ScanLinesTest} leaves out.
 */
class ScanColumnsTest {

    private static final DType[] TYPES = {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32, DType.UINT8, DType.INT8, DType.BOOL};

    @Test
    void scansAlongEveryDimOfThreeDimensionalOperands() {
        Operands.onThreads(() -> {
            // 1100 columns: two full tasks of 512 and a short one
            for (long[] s : new long[][] {{2, 3, 1100}, {3, 0, 4}, {1, 5, 1}, {4, 7, 9}, {40, 30, 33}}) {
                for (DType t : TYPES) {
                    Tensor x = Operands.values(t, 11, s);
                    for (int dim = 0; dim < 3; dim++) {
                        check(x, dim, t + " " + java.util.Arrays.toString(s) + " dim " + dim);
                        check(x.transpose(0, 2), dim, t + " transposed " + java.util.Arrays.toString(s) + " dim " + dim);
                    }
                }
            }
        });
    }

    @Test
    void scansTwoDimensionalLayoutsAlongBothDims() {
        Operands.onThreads(() -> {
            for (DType t : TYPES) {
                for (long[] s : Operands.SHAPES) {
                    for (Operands.Layout l : Operands.layouts(t, 21, s[0], s[1])) {
                        for (int dim = 0; dim < 2; dim++) check(l.tensor(), dim, t + " " + l.name() + " " + s[0] + "x" + s[1] + " dim " + dim);
                    }
                }
            }
        });
    }

    /** cumsum and cumprod of {@code x} along {@code dim} against {@link #expected}. */
    private static void check(Tensor x, int dim, String what) {
        for (boolean sum : new boolean[] {true, false}) {
            Tensor got = sum ? x.cumsum(dim) : x.cumprod(dim);
            DType type = x.dtype().isFloatingPoint() ? x.dtype() : DType.INT64;
            assertEquals(type, got.dtype(), what);
            Tensor moved = x.movedim(dim, -1).contiguous();
            Tensor want = expected(moved, sum).movedim(-1, dim);
            if (type == DType.INT64) {
                assertArrayEquals(want.contiguous().toLongArray(), got.contiguous().toLongArray(), what + (sum ? " cumsum" : " cumprod"));
            } else {
                assertArrayEquals(Operands.doubles(want), Operands.doubles(got), what + (sum ? " cumsum" : " cumprod"));
            }
        }
    }

    /** Running sums or products along the last dim: floating ones in double rounded per element, integers in long. */
    private static Tensor expected(Tensor rows, boolean sum) {
        long[] shape = rows.shape();
        int n = (int) shape[shape.length - 1];
        if (rows.dtype().isFloatingPoint()) {
            double[] v = rows.toDoubleArray();
            for (int r = 0; r + n <= v.length && n > 0; r += n) {
                double acc = sum ? 0 : 1;
                for (int i = r; i < r + n; i++) {
                    acc = sum ? acc + v[i] : acc * v[i];
                    v[i] = rows.dtype() == DType.FLOAT32 ? (float) acc : acc;
                }
            }
            return org.torch4j.Torch.tensor(v, shape).to(rows.dtype());
        }
        long[] v = rows.to(DType.INT64).toLongArray();
        for (int r = 0; r + n <= v.length && n > 0; r += n) {
            long acc = sum ? 0 : 1;
            for (int i = r; i < r + n; i++) v[i] = acc = sum ? acc + v[i] : acc * v[i];
        }
        return org.torch4j.Torch.tensor(v, shape);
    }
}
