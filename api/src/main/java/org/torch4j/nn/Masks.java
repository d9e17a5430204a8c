package org.torch4j.nn;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Host-side helpers of the pruning masks: building them, and reading and writing whole slices along a dim. */
final class Masks {
    private Masks() {}

    /** {@code data} as a tensor of {@code like}'s dtype and device, in {@code shape}. */
    static Tensor of(double[] data, Tensor like, long... shape) {
        return Torch.tensor(data, shape).to(like);
    }

    /** A contiguous row-major tensor seen as [before, channels, after] around {@code dim}. */
    record Slices(long before, long channels, long after) {
        Slices(long[] shape, int dim) {
            this(prod(shape, 0, dim), shape[dim], prod(shape, dim + 1, shape.length));
        }

        /** The sum of slice {@code c} of {@code data}. */
        double sum(double[] data, long c) {
            double s = 0;
            for (long b = 0; b < before; b++) {
                for (long a = 0; a < after; a++) s += data[(int) ((b * channels + c) * after + a)];
            }
            return s;
        }

        /** Writes the slices of {@code part} (the slices {@code kept} of this layout, in order) into {@code data}. */
        void write(double[] data, List<Long> kept, double[] part) {
            int k = kept.size();
            for (long b = 0; b < before; b++) {
                for (int j = 0; j < k; j++) {
                    for (long a = 0; a < after; a++) {
                        data[(int) ((b * channels + kept.get(j)) * after + a)] = part[(int) ((b * k + j) * after + a)];
                    }
                }
            }
        }

        /** A mask of ones on the slices {@code kept}, zeros elsewhere. */
        double[] ones(List<Long> kept) {
            double[] m = new double[(int) (before * channels * after)];
            for (long b = 0; b < before; b++) {
                for (long c : kept) {
                    for (long a = 0; a < after; a++) m[(int) ((b * channels + c) * after + a)] = 1;
                }
            }
            return m;
        }
    }

    private static long prod(long[] shape, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) p *= shape[i];
        return p;
    }
}
