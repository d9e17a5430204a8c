package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A reduction over many rows that keeps a few column blocks ({@code x.sum(0)} of [40000, 5]) splits its rows into
 * parts of {@link Reduce#PART_ROWS}, each a task, combined in part order. Each op must give what the same reduction
 * over the transposed, contiguous copy gives (the inner strategy, another code path), and the same bits on one
 * thread and two.
 */
class OuterPartsTest {

    private static <T> T onThreads(int threads, java.util.function.Supplier<T> f) {
        int before = Torch.getNumThreads();
        try {
            Torch.setNumThreads(threads);
            return f.get();
        } finally {
            Torch.setNumThreads(before);
        }
    }

    /** op over dim 0 of x (outer: rows split into parts) against op over dim 1 of x transposed and made contiguous. */
    private static void check(String what, Tensor x, Function<Tensor, Tensor> op0, Function<Tensor, Tensor> op1, double rtol) {
        Tensor got = op0.apply(x), want = op1.apply(x.t().contiguous());
        assertEquals(want.dtype(), got.dtype(), what);
        double[] g = got.toDouble().toDoubleArray(), w = want.toDouble().toDoubleArray();
        for (int i = 0; i < w.length; i++) {
            assertTrue(Double.compare(g[i], w[i]) == 0 || Math.abs(g[i] - w[i]) <= rtol * Math.abs(w[i]),
                    what + " column " + i + ": " + g[i] + " against " + w[i]);
        }
        double[] one = onThreads(1, () -> op0.apply(x).toDouble().toDoubleArray());
        double[] two = onThreads(2, () -> op0.apply(x).toDouble().toDoubleArray());
        assertArrayEquals(one, two, 0.0, what + ": one thread and two");
    }

    @Test
    void everyOpOverManyRows() {
        Torch.manualSeed(31);
        int rows = 3 * Reduce.PART_ROWS + 777;
        Tensor f = Torch.rand(rows, 5).add(0.5), d = f.toDouble();
        for (Tensor x : new Tensor[] {f, d}) {
            check(x.dtype() + " sum", x, t -> t.sum(0), t -> t.sum(1), 1e-6);
            check(x.dtype() + " amax", x, t -> t.amax(0), t -> t.amax(1), 0);
            check(x.dtype() + " amin", x, t -> t.amin(0), t -> t.amin(1), 0);
            // (float32 products run in float down the rows, in double along a line: 2e-4 apart over 50,000 factors;
            // a part left out would move the product by e^0.05)
            Tensor near1 = x.sub(1.0).mul(1e-3).add(1.0);
            check(x.dtype() + " prod", near1, t -> t.prod(0), t -> t.prod(1), x.dtype() == DType.FLOAT32 ? 2e-3 : 1e-10);
        }
        Tensor ints = Torch.randint(-1000, 1000, new long[] {rows, 3}, DType.INT32, null);
        check("int32 sum", ints, t -> t.sum(0), t -> t.sum(1), 0);
        check("int32 amax", ints, t -> t.amax(0), t -> t.amax(1), 0);
        Tensor bits = f.gt(0.52);
        check("bool any", bits, t -> t.any(0), t -> t.any(1), 0);
        check("bool all", bits, t -> t.all(0), t -> t.all(1), 0);
        Tensor ones = Torch.ones(rows, 2).gt(0.0);
        check("bool all true", ones, t -> t.all(0), t -> t.all(1), 0);
    }

    @Test
    void stridedAndMultiDimRows() {
        Torch.manualSeed(32);
        // the kept columns every other element (rows copied to scratch, not folded in place)
        Tensor wide = Torch.rand(2 * Reduce.PART_ROWS + 5, 10).slice(1, 0, 10, 2);
        check("strided columns", wide, t -> t.sum(0), t -> t.sum(1), 1e-6);
        // two reduced dims that do not coalesce: [200, 2, 200, 3] summed over 0 and 2
        Tensor x = Torch.rand(200, 2, 200, 3);
        Tensor got = x.sum(new int[] {0, 2}, false), want = x.permute(1, 3, 0, 2).contiguous().reshape(6, -1).sum(1).reshape(2, 3);
        double[] g = got.toDoubleArray(), w = want.toDoubleArray();
        for (int i = 0; i < 6; i++) assertEquals(w[i], g[i], 1e-6 * w[i], "column " + i);
        assertArrayEquals(onThreads(1, () -> x.sum(new int[] {0, 2}, false).toFloatArray()),
                onThreads(2, () -> x.sum(new int[] {0, 2}, false).toFloatArray()));
    }
}
