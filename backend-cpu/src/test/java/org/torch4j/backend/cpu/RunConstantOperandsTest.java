package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Operands that hold one value along each run but another along the next (a [N, C, 1, 1] scale over [N, C, H, W],
 * a column over a matrix's rows): the value is filled for a run's first block and reused for its others, so runs
 * longer than a block, and every run's own value, are checked against the operand made contiguous.
 */
class RunConstantOperandsTest {

    /** Short runs taken a block at a time (Elementwise's joined rows): rows not a multiple of a block's, and every kind of staged operand. */
    @Test
    void shortRunsJoinedIntoBlocks() {
        Torch.manualSeed(4);
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
            for (long n : new long[] {1, 7, 112, DomainIO.BLOCK / 2}) {
                long rows = 3 * (DomainIO.BLOCK / n) + 5;
                Tensor x = Torch.randn(2, rows, n).mul(10).to(t);
                Tensor col = Torch.randn(2, rows, 1).mul(10).to(t), row = Torch.randn(n).mul(10).to(t);
                Tensor colWide = col.expand(2, rows, n).contiguous(), rowWide = row.expand(2, rows, n).contiguous();
                String what = t + " " + rows + " rows of " + n;
                assertArrayEquals(x.mul(colWide).toDoubleArray(), x.mul(col).toDoubleArray(), what + " times a column");
                assertArrayEquals(colWide.sub(x).toDoubleArray(), col.sub(x).toDoubleArray(), what + " column minus");
                assertArrayEquals(x.add(rowWide).toDoubleArray(), x.add(row).toDoubleArray(), what + " plus a row");
                assertArrayEquals(colWide.addcmul(x, rowWide, 1).toDoubleArray(), col.addcmul(x, row, 1).toDoubleArray(), what + " addcmul");
                Tensor scalar = Torch.tensor(new double[] {2.5}).reshape().to(t);
                assertArrayEquals(colWide.addcmul(x, scalar.expand(2, rows, n).contiguous(), 1).toDoubleArray(),
                        col.addcmul(x, scalar, 1).toDoubleArray(), what + " addcmul with a scalar");
            }
        }
    }

    @Test
    void eachRunGetsItsOwnValue() {
        Torch.manualSeed(3);
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
            for (long n : new long[] {5, DomainIO.BLOCK, DomainIO.BLOCK + 1, 3 * DomainIO.BLOCK + 77}) {
                Tensor x = Torch.randn(6, n).mul(10).to(t), col = Torch.randn(6, 1).mul(10).to(t);
                Tensor wide = col.expand(6, n).contiguous();
                String what = t + " rows of " + n;
                assertArrayEquals(x.add(wide).toDoubleArray(), x.add(col).toDoubleArray(), what + " add");
                assertArrayEquals(wide.sub(x).toDoubleArray(), col.sub(x).toDoubleArray(), what + " sub");
                assertArrayEquals(x.mul(wide).toDoubleArray(), x.mul(col).toDoubleArray(), what + " mul");
                Tensor img = x.reshape(2, 3, 1, n), scale = col.reshape(2, 3, 1, 1), shift = col.flip(0).reshape(2, 3, 1, 1);
                assertArrayEquals(shift.expand(2, 3, 1, n).contiguous().addcmul(img, scale.expand(2, 3, 1, n).contiguous(), 1).toDoubleArray(),
                        shift.addcmul(img, scale, 1).toDoubleArray(), what + " addcmul");
            }
        }
    }
}
