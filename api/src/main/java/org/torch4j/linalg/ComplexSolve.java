package org.torch4j.linalg;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Complex linear systems through their real embedding: {@code (P + iQ)(X + iY) = B + iC} is the real system
 * {@code [[P, -Q], [Q, P]] [X; Y] = [B; C]}, solved by the real {@link Linalg#solve}, so that it is
 * differentiable (to any order) through real ops, as the rest of the complex support is. It costs about twice a
 * complex LU's arithmetic (a real system of order 2n).
 */
final class ComplexSolve {
    private ComplexSolve() {}

    /** The inverse of complex square matrices: the solution of {@code A X = I}; PyTorch's error for a singular one. */
    static Tensor inverse(Tensor a) {
        Matrices.checkSquareShape("linalg.inv", a, "A");
        int[] info = info(a);
        for (int i = 0; i < info.length; i++) if (info[i] != 0) throw Inverse.singularMatrix(a, i, info[i]);
        return solve(a, MatrixOps.eye(a.size(-1), a));
    }

    /** {@code linalg.inv_ex} of complex matrices: a singular one's "inverse" is NaN (LAPACK's holds infs or NaNs). */
    static InvEx inverseEx(Tensor a) {
        Matrices.checkSquareShape("linalg.inv", a, "A");
        int[] info = info(a);
        Tensor eye = MatrixOps.eye(a.size(-1), a);
        return new InvEx(solveSingularAsNaN(a, eye, info, true), Factorizations.info(info, a));
    }

    /**
     * A X = B ({@code left}) or X A = B for complex A (B of A's dtype, batches broadcast), the matrices whose
     * {@code info} is non-zero (singular) giving NaN instead of failing.
     */
    static Tensor solveSingularAsNaN(Tensor a, Tensor b, int[] info, boolean left) {
        boolean any = false;
        boolean[] singular = new boolean[info.length];
        for (int i = 0; i < info.length; i++) any |= singular[i] = info[i] != 0;
        if (!any) return solveMatrices(a, b, left);
        Tensor mask = Torch.tensor(singular, Matrices.shape(Matrices.batchShape(a), 1, 1)).to(a.device());
        Tensor x = solveMatrices(Torch.where(mask, MatrixOps.eye(a.size(-1), a).expand(a.shape()), a), b, left);
        // (a NaN tensor of its own: x * NaN would give the other matrices NaN gradients through the where)
        Tensor nan = Torch.full(x.shape(), Double.NaN, x.dtype().toReal(), x.device());
        return Torch.where(mask, Torch.complex(nan, nan), x);
    }

    /** A X = B ({@code left}) or X A = B for complex matrices A and B, their batches broadcast. */
    private static Tensor solveMatrices(Tensor a, Tensor b, boolean left) {
        return left ? solve(a, b) : solve(a.mT(), b.mT()).mT();
    }

    /** LAPACK's getrf info per matrix of complex A: 0, or the 1-based column of the first zero pivot. */
    static int[] info(Tensor a) {
        int n = Math.toIntExact(a.size(-1));
        double[][] pairs = Matrices.toHostPairs(a.detach());
        int[] info = new int[pairs.length];
        for (int b = 0; b < pairs.length; b++) {
            int r = ComplexDeterminant.factor(pairs[b], n);
            info[b] = r < 0 ? -r : 0;
        }
        return info;
    }

    /** X with {@code A X = B} for complex {@code A [..., n, n]} and {@code B [..., n, k]}. */
    static Tensor solve(Tensor a, Tensor b) {
        long n = a.size(-1);
        // one batch shape for both, so that the real solve never reads the right-hand side as a batch of vectors
        long[] batch = Batches.broadcast(Matrices.batchShape(b), Matrices.batchShape(a));
        a = Batches.expandBatch(a, batch);
        b = Batches.expandBatch(b, batch);
        Tensor p = a.real(), q = a.imag();
        Tensor big = Torch.cat(List.of(Torch.cat(List.of(p, q.neg()), -1), Torch.cat(List.of(q, p), -1)), -2);
        Tensor rhs = Torch.cat(List.of(b.real(), b.imag()), -2);
        Tensor x = Linalg.solve(big, rhs);
        return Torch.complex(x.narrow(-2, 0, n), x.narrow(-2, n, n));
    }
}
