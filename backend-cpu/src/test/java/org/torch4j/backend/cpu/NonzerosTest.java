package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@link Nonzeros}: count_nonzero and nonzero (and masked_select, which indexes with nonzero's coordinates) for
 * every dtype and layout, against a walk over the element values: NaN is non-zero, -0.0 is zero (also in the
 * 16-bit floats, whose bits are tested directly).
 */
class NonzerosTest {

    @Test
    void everyDtypeLayoutAndSize() {
        Operands.onThreads(() -> {
            for (DType t : Operands.ALL) {
                for (long[] s : Operands.SHAPES) {
                    for (Operands.Layout l : Operands.layouts(t, 8, s[0], s[1])) {
                        Tensor x = l.tensor();
                        double[] v = Operands.doubles(x);
                        List<Long> coords = new ArrayList<>();
                        for (int i = 0; i < v.length; i++) {
                            if (v[i] != 0 || Double.isNaN(v[i])) {
                                coords.add(i / s[1]);
                                coords.add(i % s[1]);
                            }
                        }
                        String what = t + " " + l.name() + " " + s[0] + "x" + s[1];
                        assertEquals(coords.size() / 2, x.countNonzero(), what);
                        Tensor nz = x.nonzero();
                        assertArrayEquals(new long[] {coords.size() / 2, 2}, nz.shape(), what);
                        assertArrayEquals(coords.stream().mapToLong(Long::longValue).toArray(), nz.toLongArray(), what);
                    }
                }
            }
        });
    }

    @Test
    void signedZerosAndNanInHalfPrecision() {
        for (DType t : new DType[] {DType.FLOAT16, DType.BFLOAT16, DType.FLOAT32, DType.FLOAT64}) {
            Tensor x = Torch.tensor(new double[] {-0.0, 0.0, Double.NaN, -1e-3, 0.0, Double.NEGATIVE_INFINITY}, 6).to(t);
            assertEquals(3, x.countNonzero(), t.toString());
            assertArrayEquals(new long[] {2, 3, 5}, x.nonzero().toLongArray(), t.toString());
        }
    }

    @Test
    void threeDimsAndMaskedSelect() {
        Tensor x = Operands.values(DType.INT16, 9, 12, 35).reshape(4, 3, 35).transpose(0, 2);
        double[] v = Operands.doubles(x);
        List<Long> coords = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0) {
                coords.add((long) i / 12);
                coords.add((long) i / 4 % 3);
                coords.add((long) i % 4);
            }
        }
        assertArrayEquals(coords.stream().mapToLong(Long::longValue).toArray(), x.nonzero().toLongArray());
        Tensor y = Operands.values(DType.FLOAT32, 10, 35, 3, 4);
        Tensor mask = x.gt(0L);
        double[] yv = Operands.doubles(y), mv = Operands.doubles(mask);
        List<Double> picked = new ArrayList<>();
        for (int i = 0; i < yv.length; i++) if (mv[i] != 0) picked.add(yv[i]);
        assertArrayEquals(picked.stream().mapToDouble(Double::doubleValue).toArray(), Operands.doubles(y.maskedSelect(mask)));
    }
}
