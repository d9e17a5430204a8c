package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.ValuesIndices;

/**
 * argmax / argmin and max / min along a dim ({@link ArgExtremes}: SIMD lanes for dense float32, float64, int32
 * and byte lines, typed scalar loops otherwise, doubles in blocks for the 16-bit floats; the scalar run of the
 * suite covers the loops alone) against the first extreme found here: every dtype and layout, both dims, many ties
 * (values in [-4, 4]), uint8 above 127, floating lines with and without NaN and with both zeros, lines shorter and
 * longer than a vector, on one thread and four.
 */
class ArgExtremesTest {

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
    void firstExtremeOfEveryFloatingLine() {
        Operands.onThreads(() -> {
            for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16)) {
                for (long[] s : Operands.SHAPES) {
                    if (s[0] == 0) continue;
                    for (Operands.Layout l : Operands.layouts(t, 43, s[0], s[1])) {
                        // Operands' NaN in one element of ten is in nearly every long line: also the lines without
                        Tensor noNaN = l.tensor().nanToNum(0.0, 0.0, 0.0);
                        for (Tensor x : List.of(l.tensor(), noNaN)) {
                            for (int dim = 0; dim < 2; dim++) {
                                for (boolean max : new boolean[] {true, false}) {
                                    String what = t + " " + l.name() + " " + s[0] + "x" + s[1] + " dim " + dim
                                            + (max ? " max" : " min") + (x == noNaN ? " without NaN" : "");
                                    checkFloating(x, dim, max, what);
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    @Test
    void floatingExtremesInTheTailAndBothZeros() {
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            double[] v = new double[203];
            v[202] = 5;   // after the last full vector
            v[3] = -0.0;  // -0 before 0: the first of the tied zeros is the minimum's position
            v[7] = 0.0;
            Tensor x = Torch.tensor(v, 1, 203).to(t);
            checkFloating(x, 1, true, t + " tail");
            assertEquals(202, x.argmax(1, false).toLongArray()[0], t + " argmax in the tail");
            Tensor zeros = Torch.tensor(new double[] {1, -0.0, 0.0, 2}, 1, 4).to(t).expand(3, 4).contiguous().view(1, 12);
            assertEquals(1, zeros.argmin(1, false).toLongArray()[0], t + " the first zero");
            v[150] = Double.NaN;
            v[180] = Double.NaN;
            x = Torch.tensor(v, 1, 203).to(t);
            assertEquals(150, x.argmax(1, false).toLongArray()[0], t + " the first NaN");
            assertEquals(150, x.argmin(1, false).toLongArray()[0], t + " the first NaN for argmin too");
        }
    }

    @Test
    void floatingColumnsOfManyBlocks() {
        // down a middle dim: columns in several blocks of ColumnArgExtremes.COLUMNS, a partial vector at each end
        Operands.onThreads(() -> {
            for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
                Tensor x = Operands.values(t, 47, 3, 40, ColumnArgExtremes.COLUMNS * 2 + 7);
                for (Tensor v : List.of(x, x.nanToNum(0.0, 0.0, 0.0), x.narrow(2, 1, ColumnArgExtremes.COLUMNS).contiguous())) {
                    for (boolean max : new boolean[] {true, false}) {
                        for (int dim = 0; dim < 2; dim++) checkFloating(v, dim, max, t + " columns dim " + dim + (max ? " max" : " min"));
                    }
                }
            }
        });
    }

    private static void checkFloating(Tensor x, int dim, boolean max, String what) {
        Tensor rows = x.movedim(dim, -1).contiguous();
        long[] shape = rows.shape();
        int n = (int) shape[shape.length - 1];
        double[] v = rows.to(DType.FLOAT64).toDoubleArray();
        long[] at = new long[v.length / n];
        double[] ext = new double[v.length / n];
        for (int r = 0; r < at.length; r++) {
            int best = 0;
            for (int i = 1; i < n && !Double.isNaN(v[r * n + best]); i++) {
                double e = v[r * n + i], b = v[r * n + best];
                if (Double.isNaN(e) || (max ? e > b : e < b)) best = i;
            }
            at[r] = best;
            ext[r] = v[r * n + best];
        }
        assertArrayEquals(at, (max ? x.argmax(dim, false) : x.argmin(dim, false)).toLongArray(), what + " arg");
        ValuesIndices vi = max ? x.max(dim) : x.min(dim);
        assertArrayEquals(at, vi.indices().toLongArray(), what + " indices");
        assertEquals(x.dtype(), vi.values().dtype(), what);
        double[] got = vi.values().to(DType.FLOAT64).toDoubleArray();
        for (int r = 0; r < got.length; r++) {
            // bits: -0 and 0 apart (the value is the first extreme's own), NaN equal to NaN
            assertEquals(Double.doubleToLongBits(ext[r]), Double.doubleToLongBits(got[r]), what + " value of line " + r);
        }
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
