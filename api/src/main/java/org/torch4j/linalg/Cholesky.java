package org.torch4j.linalg;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;

/**
 * The lower Cholesky factor L of symmetric positive-definite matrices ({@code A = L L^T}) in double
 * precision, reading only A's lower triangle as LAPACK's {@code potrf} does; the facade gets the upper
 * factor from A^T.
 *
 * <p>Backward (PyTorch's symmetric form): with {@code P = tril(L^T gL)} and its diagonal halved,
 * {@code gA = L^-T (P + P^T) L^-1 / 2}, two triangular solves, so it differentiates again.
 */
final class Cholesky extends Function {

    private final String op;
    private final boolean check;

    /** @param check raise {@code op}'s error for a matrix that is not positive-definite (else {@link #info}) */
    Cholesky(String op, boolean check) {
        this.op = op;
        this.check = check;
    }

    /** LAPACK's info per matrix of the last forward when not checking: 0, or the failing minor's order. */
    int[] info;

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor a = in[0];
        int n = Math.toIntExact(a.size(-1));
        double[][] l = Matrices.toHost(a);
        info = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            info[i] = HostCholesky.factor(l[i], n);
            if (info[i] != 0 && check) {
                throw new LinAlgException(op + ": " + Batches.element(a, i) + "The factorization could not be completed"
                        + " because the input is not positive-definite (the leading minor of order " + info[i]
                        + " is not positive-definite).");
            }
        }
        Tensor out = Matrices.fromHost(l, Matrices.batchShape(a), n, n, a);
        ctx.saveForBackward(out);
        return new Tensor[] {out};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor l = ctx.savedTensors()[0];
        Tensor p = l.mT().matmul(grad[0]).tril();
        Tensor sym = p.add(p.tril(-1).mT()).mul(0.5);
        Tensor left = new TriangularSolve(true, false).apply1(l.mT(), sym);               // L^-T sym
        Tensor gA = new TriangularSolve(true, false).apply1(l.mT(), left.mT()).mT();      // (L^-T left^T)^T = left L^-1
        return new Tensor[] {gA};
    }
}
