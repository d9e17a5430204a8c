package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * gather large enough to be split across threads: the values equal a serial gather, and an index out of range
 * in a worker thread's part reaches the caller with PyTorch's message (the pool's own rethrow lost it).
 */
class ParallelGatherTest {

    @Test
    void valuesAndErrorsOfASplitGather() {
        int threads = Torch.getNumThreads();
        Torch.setNumThreads(4);
        try {
            Torch.manualSeed(3);
            Tensor x = Torch.rand(400, 300);
            Tensor index = Torch.randint(0, 300, 400, 300);
            double[] xs = x.toDoubleArray(), got = x.gather(1, index).toDoubleArray();
            long[] idx = index.toLongArray();
            double[] expect = new double[xs.length];
            for (int r = 0; r < 400; r++) for (int c = 0; c < 300; c++) expect[r * 300 + c] = xs[r * 300 + (int) idx[r * 300 + c]];
            assertArrayEquals(expect, got);
            long[] bad = new long[400 * 300];
            bad[bad.length - 1] = 300;
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> x.gather(1, Torch.tensor(bad, 400, 300)));
            assertEquals("index 300 is out of bounds for dimension 1 with size 300", e.getMessage());
        } finally {
            Torch.setNumThreads(threads);
        }
    }
}
