package org.torch4j.backend.cpu;

import java.util.Arrays;

/**
 * How a reduction that keeps the dense dim splits its outputs into tasks: the innermost kept dim cut into blocks of
 * {@link DomainIO#BLOCK} neighbouring columns, one task per block and per index of the other kept dims. Each task
 * folds its columns down the reduced rows ({@link Reduce}'s outer strategy, {@link Statistics}' column path).
 */
final class ColumnBlocks {
    /** The innermost kept dim's size and its stride in the input. */
    final int inner, innerIn;
    /** Blocks per row of the innermost kept dim, and tasks in all. */
    final int blocks, tasks;
    private final int[] outerShape;

    ColumnBlocks(Reduce.Layout l) {
        int[] keptShape = l.keptShape();
        int k = keptShape.length;
        inner = keptShape[k - 1];
        innerIn = l.keptStrides()[k - 1];
        blocks = (inner + DomainIO.BLOCK - 1) / DomainIO.BLOCK;
        tasks = Math.toIntExact(l.keptCount() / inner * blocks);
        outerShape = Arrays.copyOf(keptShape, k - 1);
    }

    /** The columns of task t: its block of the innermost kept dim. */
    int len(int t) {
        return Math.min(DomainIO.BLOCK, inner - (t % blocks) * DomainIO.BLOCK);
    }

    /** {@code base} plus the offset of task t's first column under {@code strides} (the layout's kept dims'). */
    int offset(int t, int[] strides, int base) {
        int[] outerIdx = new int[outerShape.length];
        Reduce.unravel(t / blocks, outerShape, outerIdx);
        return base + Reduce.dot(outerIdx, strides) + (t % blocks) * DomainIO.BLOCK * innerStride(strides);
    }

    /** The innermost kept dim's entry of {@code strides} (the layout's kept dims'). */
    int innerStride(int[] strides) {
        return strides[outerShape.length];
    }
}
