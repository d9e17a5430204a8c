package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;

/**
 * The scans of {@link LineOps} (one loop per op since the op switch left the loop): cumsum and cumprod along
 * either dim of every layout against running sums and products of the values; integer scans are int64 (a long
 * accumulator), floating ones accumulate in double and round once per element to the dtype.
 */
class ScanLinesTest {

    @Test
    void runningSumsAndProducts() {
        Operands.onThreads(() -> {
            for (DType t : new DType[] {DType.INT32, DType.UINT8, DType.BOOL, DType.INT64, DType.FLOAT64, DType.FLOAT32}) {
                for (long[] s : Operands.SHAPES) {
                    int r = (int) s[0], c = (int) s[1];
                    for (Operands.Layout l : Operands.layouts(t, 20, r, c)) {
                        Tensor x = l.tensor();
                        double[] v = Operands.doubles(x);
                        double[] sum1 = new double[v.length], prod1 = new double[v.length], sum0 = new double[v.length];
                        for (int i = 0; i < r; i++) {
                            double acc = 0, p = 1;
                            for (int j = 0; j < c; j++) {
                                sum1[i * c + j] = acc += v[i * c + j];
                                prod1[i * c + j] = p *= v[i * c + j];
                            }
                        }
                        for (int j = 0; j < c; j++) {
                            double acc = 0;
                            for (int i = 0; i < r; i++) sum0[i * c + j] = acc += v[i * c + j];
                        }
                        String what = t + " " + l.name() + " " + r + "x" + c;
                        Tensor cs = x.cumsum(1);
                        assertEquals(t.isFloatingPoint() ? t : DType.INT64, cs.dtype(), what);
                        if (t == DType.FLOAT32) {
                            for (int k = 0; k < v.length; k++) sum1[k] = (float) sum1[k];
                        }
                        assertArrayEquals(sum1, Operands.doubles(cs), what + " cumsum(1)");
                        if (t != DType.FLOAT32) {
                            assertArrayEquals(sum0, Operands.doubles(x.cumsum(0)), what + " cumsum(0)");
                            if (t != DType.INT64 && t != DType.INT32 && t != DType.UINT8) {
                                assertArrayEquals(prod1, Operands.doubles(x.cumprod(1)), what + " cumprod(1)");
                            }
                        }
                    }
                }
            }
        });
    }
}
