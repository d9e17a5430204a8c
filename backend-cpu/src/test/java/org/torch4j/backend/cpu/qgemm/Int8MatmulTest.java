package org.torch4j.backend.cpu.qgemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * {@link Int8Matmul} (the SIMD path when the Vector API is on, as in this run) against int sums written out here,
 * over odd sizes: rows 1, 3, 4, 5 and 17 (the four-row blocks and their remainders), k from 1 to past the vector
 * length and not a multiple of it, 1 to 65 outputs, x from -255 to 255 and w the whole int8 range.
 */
class Int8MatmulTest {
    private final Random random = new Random(3);

    @Test
    void matchesIntSums() {
        int[] rowCounts = {1, 3, 4, 5, 17};
        int[] ks = {1, 3, 17, 63, 65, 1030};
        int[] ns = {1, 3, 17, 65};
        for (int rows : rowCounts) {
            for (int k : ks) {
                for (int n : ns) check(rows, k, n);
            }
        }
    }

    @Test
    void declinesOtherOperands() {
        Strided x = strided(DType.INT32, new int[6], 2, 3), w = strided(DType.INT8, new byte[6], 2, 3);
        assertFalse(Int8Matmul.run(strided(DType.FLOAT32, new float[6], 2, 3), w, strided(DType.INT32, new int[4], 2, 2)));
        assertFalse(Int8Matmul.run(x, strided(DType.INT8, new byte[4], 2, 2), strided(DType.INT32, new int[4], 2, 2)));
        assertTrue(Int8Matmul.run(x, w, strided(DType.INT32, new int[4], 2, 2)));
    }

    private void check(int rows, int k, int n) {
        int[] x = new int[rows * k];
        byte[] w = new byte[n * k];
        for (int i = 0; i < x.length; i++) x[i] = random.nextInt(511) - 255;
        for (int i = 0; i < w.length; i++) w[i] = (byte) (random.nextInt(256) - 128);
        int[] expected = new int[rows * n];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < n; o++) {
                for (int i = 0; i < k; i++) expected[r * n + o] += x[r * k + i] * w[o * k + i];
            }
        }
        int[] out = new int[rows * n];
        assertTrue(Int8Matmul.run(strided(DType.INT32, x, rows, k), strided(DType.INT8, w, n, k), strided(DType.INT32, out, rows, n)));
        assertArrayEquals(expected, out, rows + "x" + k + " . " + n + "x" + k);
    }

    private static Strided strided(DType dtype, Object array, int rows, int cols) {
        return new Strided(HostStorage.wrap(dtype, array), new long[] {rows, cols}, new long[] {cols, 1}, 0);
    }
}
