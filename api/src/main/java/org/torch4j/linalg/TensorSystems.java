package org.torch4j.linalg;

import java.util.Arrays;
import org.torch4j.Tensor;
import org.torch4j.internal.Internals;

/**
 * {@code linalg.tensorinv} and {@code linalg.tensorsolve}: the tensor forms of inverse and solve, reshaped to
 * and from one square matrix, so their derivatives (and PyTorch's errors for a singular matrix) are
 * {@link Linalg#inv}'s and {@link Linalg#solve}'s.
 */
final class TensorSystems {

    private TensorSystems() {}

    /** The inverse with respect to {@code tensordot(·, ·, ind)}: shape {@code a.shape[ind:] + a.shape[:ind]}. */
    static Tensor tensorinv(Tensor a, int ind) {
        if (ind <= 0) throw new IllegalArgumentException("Expected a strictly positive integer for 'ind', but got " + ind);
        long[] out = Arrays.copyOfRange(a.shape(), 0, Math.min(ind, a.dim()));
        long[] in = Arrays.copyOfRange(a.shape(), Math.min(ind, a.dim()), a.dim());
        long rows = prod(out), cols = prod(in);
        if (rows != cols) {
            throw new IllegalArgumentException("Expected self to satisfy the requirement prod(self.shape[ind:]) == prod(self.shape[:ind]),"
                    + " but got " + cols + " != " + rows);
        }
        return Linalg.inv(a.reshape(rows, cols)).reshape(concat(in, out));
    }

    /**
     * X with {@code tensordot(A, X, X.ndim) = B}, of shape {@code A.shape[B.ndim:]}; {@code dims} (may be null)
     * are dims of A moved to the end first.
     */
    static Tensor tensorsolve(Tensor a, Tensor b, int[] dims) {
        if (dims != null) a = a.permute(movedToEnd(dims, a.dim()));
        int nb = b.dim();
        long[] xShape = Arrays.copyOfRange(a.shape(), Math.min(nb, a.dim()), a.dim());
        long rows = prod(Arrays.copyOfRange(a.shape(), 0, Math.min(nb, a.dim()))), cols = prod(xShape);
        if (rows != cols) {
            throw new IllegalArgumentException("Expected self to satisfy the requirement prod(self.shape[other.ndim:]) =="
                    + " prod(self.shape[:other.ndim]), but got " + cols + " != " + rows);
        }
        return Linalg.solve(a.reshape(rows, cols), b.reshape(rows)).reshape(xShape);
    }

    /** The permutation that keeps the other dims in order and puts {@code dims} last. */
    private static int[] movedToEnd(int[] dims, int rank) {
        if (rank == 0) {   // as PyTorch's movedim: a 0-dim tensor's dims -1 and 0 name its one notional dim, kept in place
            for (int d : dims) Internals.get().wrapDim(d, 1);
            Internals.get().wrapDim(-dims.length, 1);
            return new int[0];
        }
        boolean[] moved = new boolean[rank];
        int[] perm = new int[rank];
        for (int i = 0; i < dims.length; i++) {
            int d = Internals.get().wrapDim(dims[i], rank);
            if (moved[d]) throw new IllegalArgumentException("movedim: repeated dim in `source` (" + Arrays.toString(dims) + ")");
            moved[d] = true;
            perm[rank - dims.length + i] = d;
        }
        int next = 0;
        for (int d = 0; d < rank; d++) if (!moved[d]) perm[next++] = d;
        return perm;
    }

    private static long prod(long[] s) {
        long p = 1;
        for (long v : s) p *= v;
        return p;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
