package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * scatter_add large enough to be split across threads (by blocks of whole target lines), with many
 * source elements hitting each target: every sum must equal the serial one, which catches a wrong
 * split of the walk. (A race from a split inside a line would show here only by chance.)
 */
class ParallelScatterTest {

    @Test
    void scatterAddAlongTheLastAndAMiddleDimMatchesASerialSum() {
        int threads = Torch.getNumThreads();
        Torch.setNumThreads(4);
        try {
            Torch.manualSeed(1);
            int rows = 256, cols = 512, targets = 7;
            Tensor index = Torch.randint(0, targets, rows, cols);
            Tensor src = Torch.randint(0, 1000, rows, cols).to(DType.FLOAT32);
            Tensor last = Torch.zeros(rows, targets).scatterAdd(1, index, src);
            Tensor middle = Torch.zeros(4, targets, cols).scatterAdd(1, index.reshape(4, rows / 4, cols),
                    src.reshape(4, 64, cols));
            long[] idx = index.toLongArray();
            double[] s = src.toDoubleArray();
            double[] expectLast = new double[rows * targets], expectMiddle = new double[4 * targets * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    expectLast[r * targets + (int) idx[i]] += s[i];
                    expectMiddle[((r / 64) * targets + (int) idx[i]) * cols + c] += s[i];
                }
            }
            assertArrayEquals(expectLast, last.toDoubleArray());
            assertArrayEquals(expectMiddle, middle.toDoubleArray());
        } finally {
            Torch.setNumThreads(threads);
        }
    }
}
