package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * scatter's index check (one branch-free pass over every index before the first write, the ordered walk only
 * to word the error): an index past the end or negative, first or last in walk order, in a contiguous,
 * transposed or broadcast index, raises PyTorch's message for the first bad index and leaves the target as it
 * was, on one thread and on four; valid indices at both ends of the range are written.
 */
class ScatterIndexCheckTest {

    @Test
    void badIndicesLeaveTheTargetUntouched() {
        Operands.onThreads(() -> {
            for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32}) {
                Torch.manualSeed(4);
                Tensor target = Torch.rand(300, 200).mul(10).to(t);
                Tensor src = Torch.rand(300, 200).mul(10).to(t);
                double[] before = Operands.doubles(target);
                long[][] cases = {{299 * 200 + 199, 200}, {0, 200}, {150 * 200 + 7, -1}, {299 * 200 + 199, Long.MAX_VALUE}, {5, Long.MIN_VALUE}};
                for (long[] c : cases) {
                    long[] idx = Torch.randint(0, 200, 300, 200).toLongArray();
                    idx[(int) c[0]] = c[1];
                    if (c[0] != 0) idx[(int) c[0] + (c[0] > 0 ? -1 : 0)] = 200; // an earlier bad one: the message names it
                    Tensor index = Torch.tensor(idx, 300, 200);
                    for (Tensor ix : new Tensor[] {index, index.t().contiguous().t()}) {
                        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> target.scatterAdd_(1, ix, src), t + " " + c[1]);
                        long first = firstBad(ix, 200);
                        assertEquals("index " + first + " is out of bounds for dimension 1 with size 200", e.getMessage());
                        assertArrayEquals(before, Operands.doubles(target), t + " scatter_add_ wrote before failing");
                        assertThrows(IndexOutOfBoundsException.class, () -> target.scatter_(1, ix, src));
                        assertArrayEquals(before, Operands.doubles(target), t + " scatter_ wrote before failing");
                    }
                }
                Tensor broadcast = Torch.tensor(new long[] {3, 200}, 1, 2).expand(300, 2);
                assertThrows(IndexOutOfBoundsException.class, () -> target.scatterAdd_(1, broadcast, src.narrow(1, 0, 2)));
                assertArrayEquals(before, Operands.doubles(target));
            }
        });
    }

    @Test
    void indicesAtBothEndsAreWritten() {
        Tensor target = Torch.zeros(2, 5);
        target.scatterAdd_(1, Torch.tensor(new long[] {0, 4, 4, 0}, 2, 2), Torch.ones(2, 2));
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 1, 0, 0, 0, 1}, target.toDoubleArray());
    }

    /** The first index outside [0, size) in the index's row-major walk. */
    private static long firstBad(Tensor index, long size) {
        for (long v : index.contiguous().toLongArray()) if (v < 0 || v >= size) return v;
        throw new AssertionError("no bad index");
    }
}
