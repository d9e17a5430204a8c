package org.torch4j.linalg;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The packed LU decomposition with partial pivoting of {@code [..., m, n]} matrices ({@code getrf}) in
 * double precision: outputs LU (L's strict lower part with its unit diagonal implicit, and U) and the
 * int32 1-based row interchanges {@code [..., min(m, n)]} (not differentiable); {@link #info} keeps LAPACK's
 * info per matrix.
 *
 * <p>Backward: for square matrices, with {@code A = P L U}, {@code gL = tril(gLU, -1)} and
 * {@code gU = triu(gLU)}, {@code gA = P L^-T (tril(L^T gL, -1) + triu(gU U^T)) U^-T}. A wide matrix adds the
 * columns {@code U2 = L^-1 P^T A2}, a tall one the rows {@code L2 = (P^T A)2 U^-1}; their gradients flow
 * into A's extra columns or rows and correct gL or gU of the square part. All of it is written with
 * triangular solves so that it differentiates again. Complex matrices ({@link HostComplexLu}) take the same
 * formulas with conjugate transposes, as PyTorch's.
 */
final class LuFactor extends Function {

    /** LAPACK's info per matrix of the last forward: 0, or the 1-based index of the first zero pivot. */
    int[] info;

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor a = in[0];
        int m = Math.toIntExact(a.size(-2)), n = Math.toIntExact(a.size(-1)), k = Math.min(m, n);
        boolean complex = a.isComplex();
        double[][] lu = Matrices.toHostElements(a);
        int[] pivots = new int[lu.length * k];
        info = new int[lu.length];
        int[] p = new int[k];
        for (int i = 0; i < lu.length; i++) {
            info[i] = complex ? HostComplexLu.factor(lu[i], m, n, p) : HostLu.factor(lu[i], m, n, p);
            System.arraycopy(p, 0, pivots, i * k, k);
        }
        long[] batch = Matrices.batchShape(a);
        Tensor out = Matrices.fromHostElements(lu, batch, m, n, a);
        long[] pivotShape = java.util.Arrays.copyOf(batch, batch.length + 1);
        pivotShape[batch.length] = k;
        Tensor piv = Torch.tensor(pivots, pivotShape).to(a.device());
        ctx.markNonDifferentiable(piv);
        ctx.saveForBackward(out, piv);
        return new Tensor[] {out, piv};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor[] saved = ctx.savedTensors();
        Tensor lu = saved[0], g = grad[0];
        long m = lu.size(-2), n = lu.size(-1), k = Math.min(m, n);
        Tensor eye = Torch.eye(k).to(lu);
        Tensor square = lu.narrow(-2, 0, k).narrow(-1, 0, k), gSquare = g.narrow(-2, 0, k).narrow(-1, 0, k);
        Tensor l = square.tril(-1).add(eye), u = square.triu();
        Tensor phiL = l.mH().matmul(gSquare.tril(-1));                    // L^H gL
        Tensor phiU = gSquare.triu().matmul(u.mH());                      // gU U^H
        Tensor rest = null;                                               // P^T gA outside the square part
        if (n > m) {
            // wide: U2 = L^-1 P^T A2, so A2 gets P L^-H gU2 and L gets -L^-H gU2 U2^H
            Tensor u2 = lu.narrow(-1, k, n - k), gU2 = g.narrow(-1, k, n - k);
            phiL = phiL.sub(gU2.matmul(u2.mH()));
            rest = triangular(l.mH(), gU2, true, true);
        } else if (m > n) {
            // tall: L2 = (P^T A)2 U^-1, so (P^T A)2 gets gL2 U^-H and U gets -L2^H gL2 U^-H
            Tensor l2 = lu.narrow(-2, k, m - k), gL2 = g.narrow(-2, k, m - k);
            phiU = phiU.sub(l2.mH().matmul(gL2));
            rest = triangular(u, gL2.mH(), true, false).mH();            // gL2 U^-H = (U^-1 gL2^H)^H
        }
        Tensor inner = phiL.tril(-1).add(phiU.triu());
        Tensor x = triangular(l.mH(), inner, true, true);                 // L^-H inner
        Tensor y = triangular(u, x.mH(), true, false).mH();               // x U^-H = (U^-1 x^H)^H
        if (rest != null) y = Torch.cat(java.util.List.of(y, rest), n > m ? -1 : -2);
        return new Tensor[] {permutation(saved[1], m, lu).matmul(y)};
    }

    /** A^-1 B for A's {@code upper} or lower triangle (with a unit diagonal when {@code unit}), real or complex. */
    private static Tensor triangular(Tensor a, Tensor b, boolean upper, boolean unit) {
        return a.isComplex() ? Systems.triangular(a, b, upper, unit) : new TriangularSolve(upper, unit).apply1(a, b);
    }

    /**
     * The permutation matrices P {@code [..., n, n]} with {@code A = P L U} from 1-based interchanges
     * {@code [..., k]}: applying the swaps in order to the rows of the identity gives P^T.
     */
    static Tensor permutation(Tensor pivots, long m, Tensor like) {
        int k = Math.toIntExact(pivots.size(-1));
        int[] piv = pivots.toIntArray();
        int count = 1;
        for (int d = 0; d < pivots.dim() - 1; d++) count *= Math.toIntExact(pivots.size(d));
        int size = Math.toIntExact(m);
        double[] all = new double[Math.multiplyExact(count, size * size)];
        int[] perm = new int[size];
        for (int b = 0; b < count; b++) {
            for (int i = 0; i < size; i++) perm[i] = i;
            for (int j = 0; j < k; j++) {
                int p = piv[b * k + j] - 1, t = perm[j];
                perm[j] = perm[p];
                perm[p] = t;
            }
            // row j of P^T A is row perm[j] of A, so P[perm[j], j] = 1
            for (int j = 0; j < size; j++) all[b * size * size + perm[j] * size + j] = 1;
        }
        long[] shape = java.util.Arrays.copyOf(pivots.shape(), pivots.dim() + 1);
        shape[pivots.dim() - 1] = m;
        shape[pivots.dim()] = m;
        return Torch.tensor(all, shape).to(like);
    }
}
