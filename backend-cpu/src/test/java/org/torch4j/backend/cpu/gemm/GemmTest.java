package org.torch4j.backend.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torch4j.backend.cpu.Parallel;
import org.torch4j.backend.cpu.Simd;
import org.torch4j.backend.cpu.gemm.GemmCase.Layout;

/**
 * Gemm against a double-precision reference: many shapes (edge tiles, k = 0, empty), every layout
 * combination through strides, alpha and beta (beta = 0 over NaN), batches with broadcast operands,
 * SIMD and scalar kernels ({@code simd = false} calls the scalar kernels directly, whatever the JVM
 * offers), one and two threads.
 */
class GemmTest {
    private static final Layout[] LAYOUTS = Layout.values();
    private static final double[][] ALPHA_BETA = {{1, 0}, {1, 1}, {-0.5, 2.5}, {2, 0}, {1.5, -1}};

    private int savedThreads;

    @BeforeEach
    void saveThreads() {
        savedThreads = Parallel.threads();
    }

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    /** Cycles through layouts and alpha/beta so that a sweep over shapes covers every combination. */
    private static GemmCase cycled(int index, int m, int n, int k) {
        Layout la = LAYOUTS[index % 4], lb = LAYOUTS[(index / 4) % 4], lc = LAYOUTS[(index / 16) % 4];
        double[] ab = ALPHA_BETA[index % ALPHA_BETA.length];
        return GemmCase.of(m, n, k, la, lb, lc, ab[0], ab[1], 1000 + index);
    }

    @ParameterizedTest(name = "simd={0}")
    @ValueSource(booleans = {true, false})
    void smallShapesAllCombinations(boolean simd) {
        int[] dims = {1, 2, 3, 7, 15, 16, 17, 31, 33};
        int index = 0;
        for (int m : dims) for (int n : dims) for (int k : dims) {
            GemmCase c = cycled(index++, m, n, k);
            c.checkFloat(simd, false);
            if (index % 3 == 0) c.checkDouble(simd, false);
        }
    }

    @ParameterizedTest(name = "simd={0}")
    @ValueSource(booleans = {true, false})
    void largerShapes(boolean simd) {
        int[] dims = {1, 17, 64, 100, 257};
        int index = 7;
        for (int m : dims) for (int n : dims) for (int k : dims) {
            GemmCase c = cycled(index++, m, n, k);
            c.checkFloat(simd, false);
            if (index % 4 == 0) c.checkDouble(simd, false);
        }
    }

    @ParameterizedTest(name = "simd={0}")
    @ValueSource(booleans = {true, false})
    void everyLayoutCombination(boolean simd) {
        int[][] shapes = {{33, 17, 64}, {100, 64, 257}, {64, 100, 31}, {5, 40, 9}};
        long seed = 1;
        for (int[] s : shapes) {
            for (Layout la : LAYOUTS) for (Layout lb : LAYOUTS) for (Layout lc : new Layout[] {Layout.ROW, Layout.SLICE_T}) {
                GemmCase.of(s[0], s[1], s[2], la, lb, lc, 1.25, 0.5, seed++).checkFloat(simd, false);
                GemmCase.of(s[0], s[1], s[2], la, lb, lc, -1, 0, seed++).checkDouble(simd, false);
            }
        }
    }

    @ParameterizedTest(name = "simd={0}")
    @ValueSource(booleans = {true, false})
    void deepKSpansSeveralBlocks(boolean simd) {
        // k beyond kc: later k blocks accumulate onto the first (beta applied once)
        GemmCase.of(40, 50, 2500, Layout.ROW, Layout.ROW, Layout.ROW, 0.75, -2, 3).checkFloat(simd, false);
        GemmCase.of(19, 70, 1100, Layout.COL, Layout.SLICE, Layout.SLICE_T, 1, 1, 4).checkFloat(simd, false);
        GemmCase.of(33, 20, 1300, Layout.SLICE_T, Layout.COL, Layout.ROW, 1, 0.5, 5).checkDouble(simd, false);
    }

    @ParameterizedTest(name = "simd={0}")
    @ValueSource(booleans = {true, false})
    void transposedAPackedByColumns(boolean simd) {
        // column-major A (a weight gradient dY^T X) is packed by copying its columns: whole slivers, a
        // partial last sliver (m % 8 != 0), several mc and k blocks, and thread slabs along m and along n
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            GemmCase.of(203, 70, 1100, Layout.COL, Layout.ROW, Layout.ROW, 1, 0, 21).checkFloat(simd, true);
            GemmCase.of(203, 70, 1100, Layout.COL, Layout.ROW, Layout.ROW, -0.5, 1.5, 22).checkDouble(simd, true);
            GemmCase.of(130, 300, 64, Layout.COL, Layout.COL, Layout.SLICE, 1, 0, 23).checkFloat(simd, true);
            GemmCase.of(61, 530, 101, Layout.COL, Layout.ROW, Layout.COL, 2, 0.5, 24).checkFloat(simd, true);
            GemmCase.of(61, 530, 101, Layout.COL, Layout.SLICE, Layout.ROW, 1, 0, 25).checkDouble(simd, true);
        }
    }

    @ParameterizedTest(name = "simd={0}")
    @ValueSource(booleans = {true, false})
    void rowMajorAIsPackedWhenManySliversShareIt(boolean simd) {
        // from 32 B slivers on (n >= 1024 floats, 512 doubles) row-major A is packed rather than read in
        // place; k % 4 != 0 leaves steps after the kernels' four-step loop, k > kc splits into blocks
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            GemmCase.of(27, 1030, 130, Layout.ROW, Layout.ROW, Layout.ROW, 1, 0, 31).checkFloat(simd, true);
            GemmCase.of(9, 1100, 2050, Layout.SLICE, Layout.SLICE, Layout.SLICE_T, 0.5, 2, 32).checkFloat(simd, true);
            GemmCase.of(27, 530, 131, Layout.ROW, Layout.SLICE, Layout.ROW, -1, 0.5, 33).checkDouble(simd, true);
        }
    }

    @ParameterizedTest(name = "simd={0}")
    @ValueSource(booleans = {true, false})
    void alphaAndBeta(boolean simd) {
        double[] alphas = {1, -0.5, 3, 0};
        double[] betas = {0, 1, -1.5, 2};
        long seed = 50;
        for (double alpha : alphas) for (double beta : betas) {
            GemmCase.of(70, 45, 38, Layout.ROW, Layout.COL, Layout.ROW, alpha, beta, seed++).checkFloat(simd, true);
            GemmCase.of(9, 11, 13, Layout.SLICE, Layout.ROW, Layout.COL, alpha, beta, seed++).checkFloat(simd, false);
            GemmCase.of(40, 41, 42, Layout.COL, Layout.ROW, Layout.SLICE, alpha, beta, seed++).checkDouble(simd, false);
        }
    }

    @ParameterizedTest(name = "simd={0}")
    @ValueSource(booleans = {true, false})
    void matrixVector(boolean simd) {
        int index = 3;
        for (int[] s : new int[][] {{1, 1, 1}, {1, 1, 300}, {1, 37, 5}, {37, 1, 5}, {1, 300, 129}, {300, 1, 129},
                {1, 2000, 700}, {2000, 1, 700}}) {
            for (int v = 0; v < 16; v++) {
                GemmCase c = cycled(index++, s[0], s[1], s[2]);
                c.checkFloat(simd, true);
                if (v % 4 == 0) c.checkDouble(simd, true);
            }
        }
    }

    @ParameterizedTest(name = "simd={0}")
    @ValueSource(booleans = {true, false})
    void matrixVectorOverContiguousRowsFourAtATime(boolean simd) {
        // FloatDirect.dots4 and DoubleDirect.dots4: k around multiples of one and two vectors (masked tails of one and of two
        // vectors) and long; rows not a multiple of four; A x (A row-major) and x B (B^T's rows contiguous); x
        // contiguous and strided; beta 0 and not
        long seed = 400;
        for (int k : new int[] {1, 7, 15, 16, 17, 31, 32, 33, 47, 48, 49, 100, 128, 1024, 4099}) {
            for (int rows : new int[] {4, 5, 7, 8, 13}) {
                GemmCase.of(rows, 1, k, Layout.ROW, Layout.ROW, Layout.ROW, 1, 0, seed++).checkFloat(simd, false);
                GemmCase.of(rows, 1, k, Layout.ROW, Layout.SLICE, Layout.SLICE, -0.5, 1.5, seed++).checkFloat(simd, false);
                GemmCase.of(1, rows, k, Layout.ROW, Layout.COL, Layout.ROW, 2, 0, seed++).checkFloat(simd, false);
                GemmCase.of(1, rows, k, Layout.SLICE_T, Layout.COL, Layout.SLICE, 1, 0.5, seed++).checkFloat(simd, false);
                GemmCase.of(rows, 1, k, Layout.ROW, Layout.SLICE, Layout.ROW, 1, 0, seed++).checkDouble(simd, false);
                GemmCase.of(1, rows, k, Layout.ROW, Layout.COL, Layout.SLICE, -1, 0.5, seed++).checkDouble(simd, false);
            }
        }
    }

    @Test
    void matrixVectorRowsGiveTheSameBitsOnOneAndTwoThreads() {
        // 1030 rows of 300: two threads split the rows at 515, inside a group of four; each row's sum must not depend
        // on the group it fell in (FloatDirect.gemv recomputes a last partial four rather than summing its rows alone)
        int rows = 1030, k = 300;
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        float[] a = new float[rows * k], x = new float[k];
        for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(-1, 1);
        for (int i = 0; i < k; i++) x[i] = (float) random.nextDouble(-1, 1);
        float[][] y = new float[2][rows];
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            Gemm.sgemm(true, true, rows, 1, k, 1f, a, 0, k, 1, x, 0, 1, 1, 0f, y[threads - 1], 0, 1, 1);
        }
        for (int i = 0; i < rows; i++) {
            assertEquals(Float.floatToIntBits(y[0][i]), Float.floatToIntBits(y[1][i]), "row " + i + ": " + y[0][i] + " on one thread, " + y[1][i] + " on two");
        }
    }

    @ParameterizedTest(name = "simd={0}")
    @ValueSource(booleans = {true, false})
    void fewRowsStreamB(boolean simd) {
        // at most Gemm.SKINNY_ROWS rows of A: B is not packed but streamed (row-major B, and the x W^T of a
        // linear layer), split by column vectors across threads when large; partial vectors and k tails
        long seed = 70;
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            for (int m : new int[] {2, 3, 4, 5, 8, 13, 16}) {
                for (int[] nk : new int[][] {{1000, 700}, {33, 1025}, {517, 129}}) {
                    GemmCase.of(m, nk[0], nk[1], Layout.ROW, Layout.COL, Layout.ROW, 1, 0, seed++).checkFloat(simd, true);
                    GemmCase.of(m, nk[0], nk[1], Layout.ROW, Layout.ROW, Layout.SLICE, -0.5, 1.5, seed++).checkFloat(simd, true);
                    GemmCase.of(m, nk[0], nk[1], Layout.SLICE, Layout.COL, Layout.COL, 2, 0.5, seed++).checkDouble(simd, true);
                    GemmCase.of(m, nk[0], nk[1], Layout.ROW, Layout.ROW, Layout.ROW, 1, 0, seed++).checkDouble(simd, true);
                }
            }
        }
    }

    @ParameterizedTest(name = "simd={0}")
    @ValueSource(booleans = {true, false})
    void twoThreads(boolean simd) {
        Parallel.setThreads(2);
        int index = 11;
        // split along n, along m, square, and matrix-vector products large enough to split
        for (int[] s : new int[][] {{64, 520, 100}, {520, 64, 100}, {257, 257, 257}, {130, 131, 300},
                {1, 4000, 300}, {4000, 1, 300}}) {
            for (int v = 0; v < 4; v++) {
                GemmCase c = cycled(index++ * 5, s[0], s[1], s[2]);
                c.checkFloat(simd, true);
                if (v == 0) c.checkDouble(simd, true);
            }
        }
    }

    @Test
    void kZeroScalesC() {
        for (boolean simd : new boolean[] {true, false}) {
            for (double beta : new double[] {0, 1, -3}) {
                GemmCase.of(5, 7, 0, Layout.ROW, Layout.ROW, Layout.SLICE, 1, beta, 9).checkFloat(simd, false);
                GemmCase.of(5, 7, 0, Layout.ROW, Layout.ROW, Layout.COL, 1, beta, 9).checkDouble(simd, false);
            }
        }
        float[] c = {Float.NaN, Float.NaN, 7};
        Gemm.sgemm(2, 1, 0, 1f, new float[0], 0, 0, 1, new float[0], 0, 1, 1, 0f, c, 0, 1, 1);
        assertArrayEquals(new float[] {0, 0, 7}, c, "beta = 0 with k = 0 zeroes C, even over NaN");
    }

    @Test
    void emptyProductsTouchNothing() {
        float[] c = {1, 2, 3};
        Gemm.sgemm(0, 3, 4, 1f, new float[0], 0, 4, 1, new float[12], 0, 3, 1, 0f, c, 0, 3, 1);
        Gemm.sgemm(3, 0, 4, 1f, new float[12], 0, 4, 1, new float[0], 0, 0, 1, 0f, c, 0, 1, 1);
        Gemm.sgemmBatched(0, 1, 1, 1, 1f, new float[0], 0, 1, 1, 1, new float[0], 0, 1, 1, 1, 0f, c, 0, 1, 1, 1);
        assertArrayEquals(new float[] {1, 2, 3}, c);
    }

    @Test
    void alphaZeroDoesNotReadAOrB() {
        float[] a = {Float.NaN, Float.NaN, Float.NaN, Float.NaN}, b = a.clone();
        float[] c = {1, 2, 3, 4};
        Gemm.sgemm(2, 2, 2, 0f, a, 0, 2, 1, b, 0, 2, 1, 2f, c, 0, 2, 1);
        assertArrayEquals(new float[] {2, 4, 6, 8}, c);
        double[] cd = {Double.NaN, 1};
        Gemm.dgemm(1, 2, 2, 0, new double[] {Double.NaN, 1}, 0, 2, 1, new double[4], 0, 2, 1, 0, cd, 0, 2, 1);
        assertArrayEquals(new double[] {0, 0}, cd);
    }

    @Test
    void nanInAPropagates() {
        // NaN * 0 is NaN: no path may skip zero elements of B
        float[] a = {Float.NaN, 1, 1, 1}, b = {0, 0, 0, 0}, c = new float[4];
        Gemm.sgemm(2, 2, 2, 1f, a, 0, 2, 1, b, 0, 2, 1, 0f, c, 0, 2, 1);
        assertTrue(Float.isNaN(c[0]) && Float.isNaN(c[1]), Arrays.toString(c));
        assertEquals(0f, c[2]);
    }

    @ParameterizedTest(name = "simd={0}")
    @ValueSource(booleans = {true, false})
    void batched(boolean simd) {
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            List<GemmCase> cases = new ArrayList<>();
            long seed = 77;
            // small products: spread across the batch; strides back to back (-1), and broadcast operands (0)
            for (int[] bs : new int[][] {{-1, -1, -1}, {0, -1, -1}, {-1, 0, -1}, {0, 0, -1}}) {
                cases.add(new GemmCase(7, 13, 9, 21, Layout.ROW, Layout.COL, Layout.ROW, 1, 0, bs[0], bs[1], bs[2], seed++));
                cases.add(new GemmCase(16, 3, 40, 5, Layout.SLICE, Layout.ROW, Layout.SLICE_T, -2, 0.5, bs[0], bs[1], bs[2], seed++));
            }
            // large products: each split across threads
            cases.add(new GemmCase(3, 170, 165, 160, Layout.ROW, Layout.ROW, Layout.ROW, 1, 0, -1, 0, -1, seed++));
            // batch stride 0 for C: the products accumulate in order
            cases.add(new GemmCase(4, 6, 5, 7, Layout.ROW, Layout.COL, Layout.SLICE, 1, 1, -1, -1, 0, seed++));
            // matrix-vector products in a batch
            cases.add(new GemmCase(5, 1, 33, 17, Layout.ROW, Layout.COL, Layout.ROW, 1, 0.5, -1, -1, -1, seed++));
            for (GemmCase c : cases) {
                c.checkFloat(simd, true);
                c.checkDouble(simd, true);
            }
        }
    }

    @Test
    void publicEntryPointsUseTheDefaultKernels() {
        // the same checks through the public API (SIMD when the JVM offers it)
        float[] a = {1, 2, 3, 4, 5, 6}, b = {7, 8, 9, 10, 11, 12}, c = new float[4];
        Gemm.sgemm(2, 2, 3, 1f, a, 0, 3, 1, b, 0, 2, 1, 0f, c, 0, 2, 1);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c);
        double[] cd = new double[4];
        Gemm.dgemm(2, 2, 3, 1, new double[] {1, 2, 3, 4, 5, 6}, 0, 3, 1, new double[] {7, 8, 9, 10, 11, 12}, 0, 2, 1, 0, cd, 0, 2, 1);
        assertArrayEquals(new double[] {58, 64, 139, 154}, cd);
        float[] cb = new float[8];
        Gemm.sgemmBatched(2, 2, 2, 3, 1f, a, 0, 0, 3, 1, b, 0, 0, 2, 1, 0f, cb, 0, 4, 2, 1);
        assertArrayEquals(new float[] {58, 64, 139, 154, 58, 64, 139, 154}, cb);
        double[] cdb = new double[8];
        Gemm.dgemmBatched(2, 2, 2, 3, 1, new double[] {1, 2, 3, 4, 5, 6}, 0, 0, 3, 1,
                new double[] {7, 8, 9, 10, 11, 12}, 0, 0, 2, 1, 0, cdb, 0, 4, 2, 1);
        assertArrayEquals(new double[] {58, 64, 139, 154, 58, 64, 139, 154}, cdb);
        // large enough for the blocked kernels on every thread count
        GemmCase.of(300, 200, 100, Layout.ROW, Layout.COL, Layout.ROW, 1, 0, 5).checkFloat(Simd.ENABLED, true);
    }

    @Test
    void argumentChecks() {
        float[] x = new float[16];
        assertThrows(IllegalArgumentException.class, () -> Gemm.sgemm(-1, 2, 2, 1f, x, 0, 2, 1, x, 0, 2, 1, 0f, x, 0, 2, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemmBatched(-2, 2, 2, 2, 1f, x, 0, 4, 2, 1, x, 0, 4, 2, 1, 0f, x, 0, 4, 2, 1));
        // A reaches past the end of its array
        assertThrows(IndexOutOfBoundsException.class,
                () -> Gemm.sgemm(4, 2, 4, 1f, new float[15], 0, 4, 1, x, 0, 2, 1, 0f, x, 0, 2, 1));
        // negative index from a negative stride
        assertThrows(IndexOutOfBoundsException.class,
                () -> Gemm.sgemm(2, 2, 2, 1f, x, 0, -2, 1, x, 0, 2, 1, 0f, x, 0, 2, 1));
        // the batch stride counts too
        assertThrows(IndexOutOfBoundsException.class,
                () -> Gemm.dgemmBatched(3, 2, 2, 2, 1, new double[11], 0, 4, 2, 1, new double[12], 0, 0, 2, 1,
                        0, new double[12], 0, 4, 2, 1));
        // negative strides that stay inside the array are fine: a flipped view
        float[] a = {1, 2, 3, 4}, c = new float[4];
        Gemm.sgemm(2, 2, 2, 1f, a, 3, -2, -1, new float[] {1, 0, 0, 1}, 0, 2, 1, 0f, c, 0, 2, 1);
        assertArrayEquals(new float[] {4, 3, 2, 1}, c);
    }
}
