package org.torch4j.backend.cpu;

import org.torch4j.spi.Strided;

/**
 * Visits every line along one dimension of several operands that agree on all other dimensions
 * (their sizes along {@code dim} may differ, as for topk), in parallel over lines.
 */
final class Lines {
    private Lines() {}

    @FunctionalInterface
    interface Body {
        /** One line: operand k starts at {@code bases[k]} with stride {@code strides[k]} along the dim. */
        void run(int[] bases, int[] strides);
    }

    static void forEach(int dim, long costPerLine, Body body, Strided... ops) {
        long[] shape = ops[0].shape();
        int rank = shape.length;
        int[] outerShape = new int[Math.max(rank - 1, 0)];
        int[][] outerStrides = new int[ops.length][Math.max(rank - 1, 0)];
        int[] dimStrides = new int[ops.length];
        int j = 0;
        for (int d = 0; d < rank; d++) {
            if (d == dim) continue;
            outerShape[j] = Math.toIntExact(shape[d]);
            for (int k = 0; k < ops.length; k++) outerStrides[k][j] = Math.toIntExact(ops[k].strides()[d]);
            j++;
        }
        for (int k = 0; k < ops.length; k++) dimStrides[k] = rank == 0 ? 1 : Math.toIntExact(ops[k].strides()[dim]);
        long lines = 1;
        for (int s : outerShape) lines *= s;
        if (lines == 0) return;
        int grain = (int) Math.max(1, Elementwise.CHEAP_GRAIN / Math.max(1, costPerLine));
        if (lines * costPerLine < Elementwise.CHEAP_GRAIN) grain = Integer.MAX_VALUE;
        Parallel.forRange(Math.toIntExact(lines), grain, (start, end) -> {
            int[] idx = new int[outerShape.length];
            Reduce.unravel(start, outerShape, idx);
            int[] bases = new int[ops.length];
            for (int line = start; line < end; line++) {
                for (int k = 0; k < ops.length; k++) {
                    bases[k] = Math.toIntExact(ops[k].offset()) + Reduce.dot(idx, outerStrides[k]);
                }
                body.run(bases, dimStrides);
                Reduce.increment(idx, outerShape);
            }
        });
    }

    /** The length of {@code s} along {@code dim} (1 for a 0-d operand). */
    static int length(Strided s, int dim) {
        return s.rank() == 0 ? 1 : Math.toIntExact(s.shape()[dim]);
    }
}
