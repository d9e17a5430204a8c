package org.torch4j.backend.cpu;

import java.util.function.IntToDoubleFunction;

/**
 * A long sum as the ordered total of its chunks' sums: {@code ((s0 + s1) + s2) + ...} in double. A run long
 * enough has its chunks summed on all threads first; the total is added in chunk order either way, so it is the
 * same on any number of threads (a full {@code x.sum()} is one output, which the reduction's split over outputs
 * left to one thread).
 */
final class ChunkSums {
    private ChunkSums() {}

    /** Elements from which a run's chunks are summed in parallel. */
    static final int PARALLEL_MIN = 1 << 18;
    /** Chunks per parallel task at least. */
    private static final int GRAIN = 16;

    /** The total of {@code chunkSum(c)} over the chunks {@code c} of a run of {@code n} elements, {@code chunk} each. */
    static double total(int n, int chunk, IntToDoubleFunction chunkSum) {
        int chunks = (n + chunk - 1) / chunk;
        double total = 0;
        if (n < PARALLEL_MIN || Parallel.threads() == 1) {
            for (int c = 0; c < chunks; c++) total += chunkSum.applyAsDouble(c);
            return total;
        }
        double[] parts = new double[chunks];
        Parallel.forRange(chunks, GRAIN, (start, end) -> {
            for (int c = start; c < end; c++) parts[c] = chunkSum.applyAsDouble(c);
        });
        for (double p : parts) total += p;
        return total;
    }
}
