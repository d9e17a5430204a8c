package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The typed comparison kernels ({@link Comparisons}, SIMD for int32 and float32 in {@link WordVec}) and the typed
 * {@code where} ({@link Select}) against comparisons of the elements' values, for every dtype, layout and size of
 * {@link Operands}, on one thread and split. The module runs this class with and without the Vector API.
 */
class ComparisonsTest {

    private record Op(String name, BiFunction<Tensor, Tensor, Tensor> tensor, BiFunction<Double, Double, Boolean> value) {}

    private static final List<Op> OPS = List.of(
            new Op("eq", Tensor::eq, (x, y) -> x.doubleValue() == y.doubleValue()),
            new Op("ne", Tensor::ne, (x, y) -> x.doubleValue() != y.doubleValue()),
            new Op("lt", Tensor::lt, (x, y) -> x < y),
            new Op("le", Tensor::le, (x, y) -> x <= y),
            new Op("gt", Tensor::gt, (x, y) -> x > y),
            new Op("ge", Tensor::ge, (x, y) -> x >= y));

    private static double[] expected(Op op, Tensor a, Tensor b) {
        double[] x = Operands.doubles(a), y = Operands.doubles(b);
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) r[i] = op.value.apply(x[i], y[i]) ? 1 : 0;
        return r;
    }

    @Test
    void everyDtypeLayoutAndSize() {
        Operands.onThreads(() -> {
            for (DType t : Operands.TYPES) {
                for (long[] s : Operands.SHAPES) {
                    List<Operands.Layout> as = Operands.layouts(t, 1, s[0], s[1]), bs = Operands.layouts(t, 2, s[0], s[1]);
                    for (int i = 0; i < as.size(); i++) {
                        Tensor a = as.get(i).tensor(), b = bs.get((i + 1) % bs.size()).tensor();
                        for (Op op : OPS) {
                            Tensor r = op.tensor.apply(a, b);
                            String what = op.name + " " + t + " " + as.get(i).name() + " " + s[0] + "x" + s[1];
                            assertEquals(DType.BOOL, r.dtype(), what);
                            assertArrayEquals(expected(op, a, b), Operands.doubles(r), what);
                        }
                    }
                }
            }
        });
    }

    @Test
    void unsignedBytesOrderAboveSigned() {
        Tensor a = Torch.tensor(new long[] {200, 1, 255, 0, 128, 127}, 6).to(DType.UINT8);
        Tensor b = Torch.tensor(new long[] {100, 2, 255, 255, 127, 128}, 6).to(DType.UINT8);
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 1}, Operands.doubles(a.lt(b)));
        assertArrayEquals(new double[] {1, 0, 1, 0, 1, 0}, Operands.doubles(a.ge(b)));
        Tensor c = a.to(DType.INT8), d = b.to(DType.INT8); // the same bytes, signed: 200 is -56
        assertArrayEquals(new double[] {1, 1, 0, 0, 1, 0}, Operands.doubles(c.lt(d)));
    }

    @Test
    void extremesDoNotOverflow() {
        Tensor a = Torch.tensor(new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0}, 4).to(DType.INT32);
        Tensor b = Torch.tensor(new long[] {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE}, 4).to(DType.INT32);
        assertArrayEquals(new double[] {1, 0, 1, 0}, Operands.doubles(a.lt(b)));
        assertArrayEquals(new double[] {0, 1, 0, 1}, Operands.doubles(a.ge(b)));
        Tensor l = Torch.tensor(new long[] {Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1}, 3);
        Tensor m = Torch.tensor(new long[] {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE}, 3);
        assertArrayEquals(new double[] {1, 0, 1}, Operands.doubles(l.lt(m)));
        assertArrayEquals(new double[] {0, 0, 0}, Operands.doubles(l.eq(m)));
    }

    @Test
    void scalarAndMixedDtypeOperands() {
        Tensor x = Operands.values(DType.INT32, 5, 37, 129);
        double[] v = Operands.doubles(x);
        assertArrayEquals(Operands.map(v, e -> e < 1.5 ? 1.0 : 0.0), Operands.doubles(x.lt(1.5)));
        // int32 against int64 compares after promotion to int64
        Tensor y = Operands.values(DType.INT64, 6, 37, 129);
        double[] w = Operands.doubles(y);
        double[] expect = new double[v.length];
        for (int i = 0; i < v.length; i++) expect[i] = v[i] <= w[i] ? 1 : 0;
        assertArrayEquals(expect, Operands.doubles(x.le(y)));
    }

    @Test
    void whereForEveryDtypeAndLayout() {
        Operands.onThreads(() -> {
            for (DType t : Operands.ALL) {
                for (long[] s : Operands.SHAPES) {
                    List<Operands.Layout> xs = Operands.layouts(t, 3, s[0], s[1]), ys = Operands.layouts(t, 4, s[0], s[1]);
                    List<Operands.Layout> cs = Operands.layouts(DType.BOOL, 5, s[0], s[1]);
                    for (int i = 0; i < xs.size(); i++) {
                        Tensor c = cs.get((i + 2) % 4).tensor(), x = xs.get(i).tensor(), y = ys.get((i + 1) % 4).tensor();
                        double[] cv = Operands.doubles(c), xv = Operands.doubles(x), yv = Operands.doubles(y);
                        double[] expect = new double[cv.length];
                        for (int k = 0; k < cv.length; k++) expect[k] = cv[k] != 0 ? xv[k] : yv[k];
                        Tensor r = Torch.where(c, x, y);
                        assertEquals(t, r.dtype());
                        assertArrayEquals(expect, Operands.doubles(r), "where " + t + " " + xs.get(i).name() + " " + s[0] + "x" + s[1]);
                    }
                }
            }
        });
    }

    @Test
    void maskedFillOfATransposedTensor() {
        Tensor x = Operands.values(DType.FLOAT32, 6, 129, 37).t();
        Tensor mask = Operands.values(DType.BOOL, 7, 37, 129);
        double[] xv = Operands.doubles(x), mv = Operands.doubles(mask);
        double[] expect = new double[xv.length];
        for (int k = 0; k < xv.length; k++) expect[k] = mv[k] != 0 ? 2.5 : xv[k];
        assertArrayEquals(expect, Operands.doubles(x.clone().maskedFill_(mask, 2.5)));
    }
}
