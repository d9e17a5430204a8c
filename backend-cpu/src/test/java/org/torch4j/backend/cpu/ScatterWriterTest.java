package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@link ScatterWriter}'s typed sums and copies (scatter_add, index_add's whole rows, scatter) against sums of the
 * element values, for every dtype: integer sums wrap to the dtype's width as PyTorch's do, float16 takes the
 * converting path. Sources come dense and transposed; indices repeat.
 */
class ScatterWriterTest {

    private static final List<DType> TYPES = List.of(DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.INT64, DType.INT32,
            DType.INT16, DType.INT8, DType.UINT8);

    /** v wrapped to the dtype's width (floating values as they are). */
    private static double wrap(double v, DType t) {
        return switch (t) {
            case INT32 -> (int) (long) v;
            case INT16 -> (short) (long) v;
            case INT8 -> (byte) (long) v;
            case UINT8 -> (long) v & 0xFF;
            default -> v;
        };
    }

    @Test
    void scatterAddAlongEitherDim() {
        Operands.onThreads(() -> {
            for (DType t : TYPES) {
                for (long[] s : Operands.SHAPES) {
                    long r = s[0], c = s[1], k = Math.max(1, c / 2);
                    for (Tensor src : new Tensor[] {Operands.values(t, 11, r, k), Operands.values(t, 11, k, r).t()}) {
                        Torch.manualSeed(12);
                        Tensor index = Torch.randint(0, c, r, k);
                        double[] sv = Operands.doubles(src);
                        long[] iv = index.toLongArray();
                        double[] expect = new double[(int) (r * c)];
                        for (int i = 0; i < r; i++) for (int j = 0; j < k; j++) expect[(int) (i * c + iv[(int) (i * k + j)])] += sv[(int) (i * k + j)];
                        for (int e = 0; e < expect.length; e++) expect[e] = wrap(expect[e], t);
                        Tensor got = Torch.zeros(new long[] {r, c}, t).scatterAdd(1, index, src);
                        assertArrayEquals(expect, Operands.doubles(got), "scatter_add " + t + " " + r + "x" + c);
                        // the same sums into a transposed target
                        Tensor target = Torch.zeros(new long[] {c, r}, t).t();
                        Tensor got0 = target.scatterAdd(1, index, src);
                        assertArrayEquals(expect, Operands.doubles(got0), "scatter_add into a transposed target " + t);
                    }
                }
            }
        });
    }

    @Test
    void indexAddOfDenseAndStridedRows() {
        Operands.onThreads(() -> {
            for (DType t : TYPES) {
                for (long[] s : Operands.SHAPES) {
                    long r = s[0], c = s[1], m = 2 * r + 1;
                    if (r == 0) continue;
                    Torch.manualSeed(13);
                    Tensor index = Torch.randint(0, r, m);
                    long[] iv = index.toLongArray();
                    for (Tensor src : new Tensor[] {Operands.values(t, 14, m, c), Operands.values(t, 14, c, m).t()}) {
                        double[] sv = Operands.doubles(src);
                        double[] expect = new double[(int) (r * c)];
                        for (int i = 0; i < m; i++) for (int j = 0; j < c; j++) expect[(int) (iv[i] * c + j)] += sv[(int) (i * c + j)];
                        for (int e = 0; e < expect.length; e++) expect[e] = wrap(expect[e], t);
                        Tensor got = Torch.zeros(new long[] {r, c}, t).indexAdd(0, index, src);
                        assertArrayEquals(expect, Operands.doubles(got), "index_add " + t + " " + r + "x" + c);
                    }
                }
            }
        });
    }

    @Test
    void integerSumsWrapAsTheDtype() {
        Tensor index = Torch.tensor(new long[] {0, 0, 1}, 3);
        Tensor i32 = Torch.tensor(new long[] {Integer.MAX_VALUE, 5, -3}, 3).to(DType.INT32);
        assertArrayEquals(new long[] {(long) Integer.MIN_VALUE + 4, -3},
                Torch.zeros(new long[] {2}, DType.INT32).scatterAdd(0, index, i32).toLongArray());
        Tensor u8 = Torch.tensor(new long[] {200, 100, 7}, 3).to(DType.UINT8);
        assertArrayEquals(new long[] {44, 7}, Torch.zeros(new long[] {2}, DType.UINT8).scatterAdd(0, index, u8).toLongArray());
        Tensor i64 = Torch.tensor(new long[] {Long.MAX_VALUE, 1, 1}, 3);
        assertArrayEquals(new long[] {Long.MIN_VALUE, 1}, Torch.zeros(new long[] {2}, DType.INT64).scatterAdd(0, index, i64).toLongArray());
    }

    @Test
    void scatterCopiesEveryDtype() {
        for (DType t : Operands.ALL) {
            Tensor src = Operands.values(t, 15, 37, 129);
            Torch.manualSeed(16);
            Tensor perm = Torch.randperm(129).expand(37, 129).contiguous();
            double[] sv = Operands.doubles(src);
            long[] pv = perm.toLongArray();
            double[] expect = new double[sv.length];
            for (int i = 0; i < 37; i++) for (int j = 0; j < 129; j++) expect[(int) (i * 129 + pv[i * 129 + j])] = sv[i * 129 + j];
            assertArrayEquals(expect, Operands.doubles(Torch.zeros(new long[] {37, 129}, t).scatter(1, perm, src)), t.toString());
        }
    }

    /** The strided runs of the typed scatter loops: along dim 0 (a strided target line) from a transposed source. */
    @Test
    void scatterAlongDimZeroFromTransposedSource() {
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32)) {
            Tensor src = Operands.values(t, 17, 29, 31).t();
            Torch.manualSeed(18);
            Tensor perm = Torch.randperm(31).unsqueeze(1).expand(31, 29);
            double[] sv = Operands.doubles(src);
            long[] pv = perm.contiguous().toLongArray();
            double[] expect = new double[sv.length], sums = new double[sv.length];
            for (int i = 0; i < 31; i++) for (int j = 0; j < 29; j++) {
                expect[(int) (pv[i * 29 + j] * 29 + j)] = sv[i * 29 + j];
                sums[(int) (pv[i * 29 + j] * 29 + j)] += sv[i * 29 + j];
            }
            assertArrayEquals(expect, Operands.doubles(Torch.zeros(new long[] {31, 29}, t).scatter(0, perm, src)), t.toString());
            assertArrayEquals(sums, Operands.doubles(Torch.zeros(new long[] {31, 29}, t).scatterAdd(0, perm, src)), t + " add");
        }
    }
}
