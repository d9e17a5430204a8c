package org.torch4j.backend.cpu;

import java.util.List;
import java.util.function.Function;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Seeded operands for the typed-kernel tests: every storage dtype, in the layouts kernels meet (dense, transposed,
 * a broadcast row, a narrowed view whose rows are not adjacent), at sizes that are empty, odd (not a multiple of
 * any vector width) or large enough to split over threads. Values are small integers with ties; floating ones
 * also hold NaN and -0.0.
 */
final class Operands {
    private Operands() {}

    /** The dtypes whose storage holds values directly (float16 and bfloat16 hold bits in short arrays). */
    static final List<DType> TYPES = List.of(DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32, DType.INT16,
            DType.INT8, DType.UINT8, DType.BOOL);

    /** Every real dtype, the 16-bit floats included. */
    static final List<DType> ALL = List.of(DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16, DType.INT64,
            DType.INT32, DType.INT16, DType.INT8, DType.UINT8, DType.BOOL);

    /** [rows, cols]: empty, one element, odd, and one past the parallel grain (32768 elements). */
    static final long[][] SHAPES = {{0, 5}, {1, 1}, {3, 17}, {37, 129}, {300, 301}};

    /** A dense tensor of the dtype (uint8 wraps the negatives to 256 - v, as a cast does). */
    static Tensor values(DType t, long seed, long... shape) {
        Torch.manualSeed(seed);
        if (t == DType.BOOL) return Torch.randint(0, 2, shape).to(t);
        Tensor x = Torch.randint(-4, 5, shape).to(t);
        if (!t.isFloatingPoint()) return x;
        Tensor nan = Torch.rand(shape).lt(0.1);
        Tensor negative = Torch.rand(shape).lt(0.5);
        return x.where(negative.logicalNot(), x.neg()).maskedFill(nan, Double.NaN);
    }

    /** Named layouts of an [r, c] operand, each built from seeded values. */
    static List<Layout> layouts(DType t, long seed, long r, long c) {
        return List.of(
                new Layout("dense", values(t, seed, r, c)),
                new Layout("transposed", values(t, seed, c, r).t()),
                new Layout("row broadcast", values(t, seed, 1, c).expand(r, c)),
                new Layout("narrowed", values(t, seed, r, c + 3).narrow(1, 2, c)));
    }

    record Layout(String name, Tensor tensor) {}

    /** Runs {@code body} on one thread and on four (whose split the larger shapes reach). */
    static void onThreads(Runnable body) {
        int before = Torch.getNumThreads();
        try {
            for (int threads : new int[] {1, 4}) {
                Torch.setNumThreads(threads);
                body.run();
            }
        } finally {
            Torch.setNumThreads(before);
        }
    }

    /** The values in row-major order as doubles (exact for every dtype here but int64 beyond 2^53). */
    static double[] doubles(Tensor t) {
        return t.contiguous().toDoubleArray();
    }

    /** Applies {@code f} to each element's double value. */
    static double[] map(double[] a, Function<Double, Double> f) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = f.apply(a[i]);
        return r;
    }
}
