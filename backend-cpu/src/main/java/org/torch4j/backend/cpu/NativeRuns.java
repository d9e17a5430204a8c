package org.torch4j.backend.cpu;

import java.lang.reflect.Array;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * Elementwise runs over the operands' own storage arrays, with no conversion to a compute domain: for kernels
 * whose operands keep their dtypes (comparisons into bool, {@code where}, bool logic). A dense run goes straight
 * to the kernel, so kernels need only be written for unit strides (where the JIT vectorises them); an operand
 * with another stride (a transposed view, a broadcast scalar) is staged through a scratch block of its own
 * array type, and a strided output is written back from one.
 */
final class NativeRuns {
    private NativeRuns() {}

    /** A kernel over {@code n} consecutive elements of each operand: array k from {@code offsets[k]}. */
    @FunctionalInterface
    interface Kernel {
        void apply(int n, Object[] arrays, int[] offsets);
    }

    /** Runs {@code kernel} over operands of one shape (operand 0 is the output), split over threads by grain. */
    static void run(Kernel kernel, int grain, Strided... ops) {
        StridedIter it = StridedIter.anyOrder(ops);
        if (it.total == 0) return;
        Object[] arrays = new Object[ops.length];
        for (int k = 0; k < ops.length; k++) arrays[k] = ((HostStorage) ops[k].storage()).array();
        it.run(grain, (n, offs, strides) -> row(kernel, arrays, n, offs, strides));
    }

    private static void row(Kernel kernel, Object[] natives, int n, int[] offs, int[] strides) {
        int m = natives.length;
        boolean dense = true;
        for (int k = 0; k < m; k++) dense &= strides[k] == 1;
        if (dense) {
            kernel.apply(n, natives, offs);
            return;
        }
        Object[] scratch = scratch(natives);
        Object[] arrays = new Object[m];
        int[] at = new int[m];
        for (int start = 0; start < n; start += DomainIO.BLOCK) {
            int len = Math.min(DomainIO.BLOCK, n - start);
            for (int k = 0; k < m; k++) {
                int off = offs[k] + start * strides[k];
                if (strides[k] == 1) {
                    arrays[k] = natives[k];
                    at[k] = off;
                } else {
                    // one value along the run (a broadcast mask row, a scalar): staged for the run's first block only
                    if (k > 0 && (strides[k] != 0 || start == 0)) Copy.copyRaw(natives[k], off, strides[k], scratch[k], 0, 1, len);
                    arrays[k] = scratch[k];
                    at[k] = 0;
                }
            }
            kernel.apply(len, arrays, at);
            if (strides[0] != 1) Copy.copyRaw(scratch[0], 0, 1, natives[0], offs[0] + start * strides[0], strides[0], len);
        }
    }

    /** Array types of storage, in the order of their scratch slots. */
    private static final Class<?>[] TYPES = {float[].class, double[].class, long[].class, int[].class, short[].class, byte[].class};

    /** Per thread: for each array type, one block per operand position (up to four operands). */
    private static final ThreadLocal<Object[][]> SCRATCH = ThreadLocal.withInitial(() -> new Object[TYPES.length][4]);

    /** Scratch blocks typed as the operands' arrays, private to the calling thread. */
    private static Object[] scratch(Object[] natives) {
        Object[][] all = SCRATCH.get();
        Object[] blocks = new Object[natives.length];
        for (int k = 0; k < natives.length; k++) {
            int t = 0;
            while (TYPES[t] != natives[k].getClass()) t++;
            if (all[t][k] == null) all[t][k] = Array.newInstance(TYPES[t].componentType(), DomainIO.BLOCK);
            blocks[k] = all[t][k];
        }
        return blocks;
    }
}
