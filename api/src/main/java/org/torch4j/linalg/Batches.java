package org.torch4j.linalg;

import org.torch4j.Tensor;
import org.torch4j.internal.Internals;

/** Batch dimensions of matrix arguments: broadcasting them, and naming a batch element in errors. */
final class Batches {

    private Batches() {}

    /** The broadcast of two batch shapes, or PyTorch's broadcasting error. */
    static long[] broadcast(long[] a, long[] b) {
        return Internals.get().broadcastShapes(a, b);
    }

    /** {@code t} expanded to {@code batch + t's last two dims} (a view; its gradient sums back). */
    static Tensor expandBatch(Tensor t, long[] batch) {
        long[] shape = Matrices.shape(batch, t.size(-2), t.size(-1));
        return java.util.Arrays.equals(shape, t.shape()) ? t : t.expand(shape);
    }

    /** LAPACK errors name the failing matrix of a batch: "(Batch element 3): ", nothing for one matrix. */
    static String element(Tensor a, int index) {
        return a.dim() > 2 ? "(Batch element " + index + "): " : "";
    }

    /**
     * For each matrix of a batch of shape {@code full}, the flat index of the matrix it comes from in a
     * batch of shape {@code part} that broadcasts to it.
     */
    static int[] sources(long[] full, long[] part) {
        int count = 1;
        for (long s : full) count = Math.multiplyExact(count, Math.toIntExact(s));
        int[] map = new int[count];
        long[] idx = new long[full.length];
        int offset = full.length - part.length;
        for (int i = 0; i < count; i++) {
            int src = 0;
            for (int d = 0; d < part.length; d++) src = src * (int) part[d] + (part[d] == 1 ? 0 : (int) idx[d + offset]);
            map[i] = src;
            for (int d = full.length - 1; d >= 0 && ++idx[d] == full[d]; d--) idx[d] = 0;
        }
        return map;
    }
}
