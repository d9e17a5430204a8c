package org.torch4j.linalg;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code det(A)} of complex square matrices: a complex LU with LAPACK's partial pivoting on the host in
 * double, the product of U's diagonal, negated per row interchange; a singular matrix gives 0.
 *
 * <p>Backward: det is holomorphic with derivative {@code det(A) A^-T}, so in PyTorch's convention (the gradient
 * of a real loss is {@code dL/dx + i dL/dy}) {@code gA = g conj(det A) A^-H}, as PyTorch's. The inverse is
 * {@link ComplexSolve#inverse}, differentiable through real ops; a singular A has no gradient here (the solve
 * raises), where PyTorch perturbs the LU.
 */
final class ComplexDeterminant extends Function {

    static Tensor det(Tensor a) {
        Matrices.checkSquareShape("linalg.det", a, "A");
        return new ComplexDeterminant().apply1(a);
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor a = in[0];
        int n = Math.toIntExact(a.size(-1));
        double[][] pairs = Matrices.toHostPairs(a);
        double[][] det = new double[pairs.length][];
        for (int b = 0; b < pairs.length; b++) det[b] = luDeterminant(pairs[b], n);
        Tensor out = Matrices.fromHostPairs(det, Matrices.batchShape(a), 1, 1, a).squeeze(-1).squeeze(-1);
        ctx.saveForBackward(a, out);
        return new Tensor[] {out};
    }

    /** (re, im) of det for a row-major n x n matrix of interleaved pairs, factored in place. */
    private static double[] luDeterminant(double[] m, int n) {
        int swaps = factor(m, n);
        if (swaps < 0) return new double[] {0, 0};
        double dr = swaps % 2 == 0 ? 1 : -1, di = 0;
        for (int k = 0; k < n; k++) {
            double pr = m[2 * (k * n + k)], pi = m[2 * (k * n + k) + 1];
            double nr = dr * pr - di * pi;
            di = dr * pi + di * pr;
            dr = nr;
        }
        return new double[] {dr, di};
    }

    /**
     * {@link HostComplexLu}'s factorization of a row-major n x n matrix of interleaved (re, im) pairs, in place (U
     * on and above the diagonal). Returns the number of row interchanges, or {@code -(k + 1)} when U's diagonal
     * element k is the first exact zero (a singular matrix, LAPACK's info k + 1).
     */
    static int factor(double[] m, int n) {
        int[] pivots = new int[n];
        int info = HostComplexLu.factor(m, n, n, pivots);
        if (info != 0) return -info;
        int swaps = 0;
        for (int j = 0; j < n; j++) if (pivots[j] != j + 1) swaps++;
        return swaps;
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor[] saved = ctx.savedTensors();
        Tensor scale = grad[0].mul(saved[1].conj()).unsqueeze(-1).unsqueeze(-1);
        return new Tensor[] {scale.mul(ComplexSolve.inverse(saved[0]).conj().mT())};
    }
}
