package org.torch4j.linalg;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The lower Cholesky factor L of Hermitian positive-definite complex matrices ({@code A = L L^H}) on the host in
 * double, reading only A's lower triangle and the real part of its diagonal, as LAPACK's {@code zpotrf}; L has a
 * real positive diagonal.
 *
 * <p>Backward (PyTorch's): with {@code P = tril(L^H gL)}, {@code gA = L^-H (P + tril(P, -1)^H) L^-1 / 2}, the
 * two triangular solves done by {@link ComplexSolve} (differentiable through real ops, so it differentiates again).
 */
final class ComplexCholesky extends Function {

    private final String op;
    private final boolean check;

    /** LAPACK's info per matrix of the last forward when not checking: 0, or the failing minor's order. */
    int[] info;

    /** @param check raise {@code op}'s error for a matrix that is not positive-definite (else {@link #info}) */
    ComplexCholesky(String op, boolean check) {
        this.op = op;
        this.check = check;
    }

    /** Whether the last forward factored A's upper triangle, giving {@code U = L^H}. */
    private boolean upper;

    /** L of {@code a}, or with {@code upper} {@code U = L^H} from a's upper triangle ({@code A = U^H U}). */
    Tensor factor(Tensor a, boolean upper) {
        Matrices.checkSquareShape(op, a, "A");
        this.upper = upper;
        return apply1(a);
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        // the upper triangle of A is the lower one of A^H: its L is U^H
        Tensor a = upper ? in[0].mH() : in[0];
        int n = Math.toIntExact(a.size(-1));
        long[] batch = Matrices.batchShape(a);
        double[][] m = Matrices.toHostPairs(a);
        info = new int[m.length];
        for (int b = 0; b < m.length; b++) {
            info[b] = factor(m[b], n);
            if (info[b] != 0 && check) {
                throw new LinAlgException(op + ": " + Batches.element(a, b) + "The factorization could not be completed"
                        + " because the input is not positive-definite (the leading minor of order " + info[b]
                        + " is not positive-definite).");
            }
        }
        Tensor l = Matrices.fromHostPairs(m, batch, n, n, a);
        Tensor out = upper ? l.mH().resolveConj().contiguous() : l;
        ctx.saveForBackward(out);  // (the output itself, so that the backward differentiates again through it)
        return new Tensor[] {out};
    }

    /**
     * Overwrites the row-major n x n matrix of interleaved (re, im) pairs with L (the upper triangle zeroed),
     * left-looking as LAPACK's unblocked {@code zpotf2}.
     *
     * @return 0, or the order of the first leading minor that is not positive-definite
     */
    private static int factor(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            int rj = 2 * j * n;
            double d = a[rj + 2 * j];
            for (int p = 0; p < j; p++) d -= a[rj + 2 * p] * a[rj + 2 * p] + a[rj + 2 * p + 1] * a[rj + 2 * p + 1];
            if (!(d > 0)) {
                a[rj + 2 * j] = d;  // as zpotf2 leaves it, the rows from here on unfactored (their upper part zeroed)
                a[rj + 2 * j + 1] = 0;
                for (int i = j; i < n; i++) java.util.Arrays.fill(a, 2 * i * n + 2 * i + 2, 2 * (i + 1) * n, 0.0);
                return j + 1;
            }
            double root = Math.sqrt(d);
            a[rj + 2 * j] = root;
            a[rj + 2 * j + 1] = 0;
            for (int i = j + 1; i < n; i++) {
                int ri = 2 * i * n;
                double re = a[ri + 2 * j], im = a[ri + 2 * j + 1];
                for (int p = 0; p < j; p++) { // - L[i][p] conj(L[j][p])
                    double xr = a[ri + 2 * p], xi = a[ri + 2 * p + 1], yr = a[rj + 2 * p], yi = a[rj + 2 * p + 1];
                    re -= xr * yr + xi * yi;
                    im -= xi * yr - xr * yi;
                }
                a[ri + 2 * j] = re / root;
                a[ri + 2 * j + 1] = im / root;
            }
            java.util.Arrays.fill(a, rj + 2 * j + 2, rj + 2 * n, 0.0);
        }
        return 0;
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        // PyTorch's formula on L and gL = gU^H for upper, its result not transposed back (so that the imaginary
        // parts of gA's diagonal, which A's factor ignores, are PyTorch's)
        Tensor l = upper ? ctx.savedTensors()[0].mH() : ctx.savedTensors()[0];
        Tensor lh = l.conj().mT();
        Tensor p = lh.matmul(upper ? grad[0].mH() : grad[0]).tril();
        Tensor sym = p.add(p.tril(-1).conj().mT()).mul(0.5);
        Tensor left = ComplexSolve.solve(lh, sym);                       // L^-H sym
        return new Tensor[] {ComplexSolve.solve(l.mT(), left.mT()).mT()}; // left L^-1
    }
}
