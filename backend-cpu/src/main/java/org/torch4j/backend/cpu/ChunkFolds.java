package org.torch4j.backend.cpu;

import java.util.function.DoubleBinaryOperator;
import java.util.function.IntConsumer;
import java.util.function.IntToDoubleFunction;

/**
 * A long run folded chunk by chunk: each chunk's result first (on all threads where the run is long enough), then
 * the chunk results combined in chunk order, in double. The order is fixed by the run's length alone, so the result
 * is the same on any number of threads (a full {@code x.sum()} is one output, which the reduction's split over
 * outputs left to one thread).
 */
final class ChunkFolds {
    private ChunkFolds() {}

    /** Elements from which a run's chunks are folded in parallel. */
    static final int PARALLEL_MIN = 1 << 18;
    /** Chunks per parallel task at least. */
    private static final int GRAIN = 16;

    /** The total of {@code chunkSum(c)} over the chunks {@code c} of a run of {@code n} elements, {@code chunk} each: {@code ((s0 + s1) + s2) + ...}. */
    static double total(int n, int chunk, IntToDoubleFunction chunkSum) {
        return fold(n, chunk, chunkSum, Double::sum);
    }

    /** {@code chunkFold(0)} combined with {@code chunkFold(1)}, then with {@code chunkFold(2)}, ... */
    static double fold(int n, int chunk, IntToDoubleFunction chunkFold, DoubleBinaryOperator combine) {
        int chunks = chunks(n, chunk);
        if (n < PARALLEL_MIN || Parallel.threads() == 1) {
            double acc = chunkFold.applyAsDouble(0);
            for (int c = 1; c < chunks; c++) acc = combine.applyAsDouble(acc, chunkFold.applyAsDouble(c));
            return acc;
        }
        double[] parts = new double[chunks];
        forEach(n, chunk, c -> parts[c] = chunkFold.applyAsDouble(c));
        double acc = parts[0];
        for (int c = 1; c < chunks; c++) acc = combine.applyAsDouble(acc, parts[c]);
        return acc;
    }

    /** Runs {@code body} for each chunk of a run of {@code n} elements, on all threads where the run is long enough. */
    static void forEach(int n, int chunk, IntConsumer body) {
        int chunks = chunks(n, chunk);
        if (n < PARALLEL_MIN) {
            for (int c = 0; c < chunks; c++) body.accept(c);
            return;
        }
        Parallel.forRange(chunks, GRAIN, (start, end) -> {
            for (int c = start; c < end; c++) body.accept(c);
        });
    }

    /** The number of chunks of {@code chunk} elements (the last maybe shorter) in a run of {@code n}, at least one. */
    static int chunks(int n, int chunk) {
        return Math.max(1, (n + chunk - 1) / chunk);
    }
}
