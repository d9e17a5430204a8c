package org.torch4j.linalg;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code det(A)} of complex square matrices: a complex LU with partial pivoting (by modulus) on the host in
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
     * LU with partial pivoting (by modulus) of a row-major n x n matrix of interleaved (re, im) pairs, in
     * place: U on and above the diagonal. Returns the number of row interchanges, or {@code -(k + 1)} when column k
     * is the first without a non-zero pivot (a singular matrix, LAPACK's info k + 1; the factorisation stops there).
     */
    static int factor(double[] m, int n) {
        int swaps = 0;
        for (int k = 0; k < n; k++) {
            int p = k;
            double best = -1;
            for (int i = k; i < n; i++) {
                double mag = Math.hypot(m[2 * (i * n + k)], m[2 * (i * n + k) + 1]);
                if (mag > best) {
                    best = mag;
                    p = i;
                }
            }
            if (best == 0) return -(k + 1);
            if (p != k) {
                for (int j = 0; j < 2 * n; j++) {
                    double t = m[2 * k * n + j];
                    m[2 * k * n + j] = m[2 * p * n + j];
                    m[2 * p * n + j] = t;
                }
                swaps++;
            }
            double pr = m[2 * (k * n + k)], pi = m[2 * (k * n + k) + 1];
            double den = pr * pr + pi * pi;
            for (int i = k + 1; i < n; i++) {
                int ik = 2 * (i * n + k);
                // l = m[i][k] / pivot
                double lr = (m[ik] * pr + m[ik + 1] * pi) / den, li = (m[ik + 1] * pr - m[ik] * pi) / den;
                for (int j = k + 1; j < n; j++) {
                    int ij = 2 * (i * n + j), kj = 2 * (k * n + j);
                    m[ij] -= lr * m[kj] - li * m[kj + 1];
                    m[ij + 1] -= lr * m[kj + 1] + li * m[kj];
                }
            }
        }
        return swaps;
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor[] saved = ctx.savedTensors();
        Tensor scale = grad[0].mul(saved[1].conj()).unsqueeze(-1).unsqueeze(-1);
        return new Tensor[] {scale.mul(ComplexSolve.inverse(saved[0]).conj().mT())};
    }
}
