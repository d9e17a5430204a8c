package org.torch4j.linalg;

import org.torch4j.FunctionContext;
import org.torch4j.Tensor;

/**
 * The inverse of a batch of upper-triangular matrices by back substitution on the host (only the upper
 * triangle is read). A zero on the diagonal gives infinities, as LAPACK's {@code trtri} would not: the
 * callers (QR's backward, cond) only meet it for singular inputs, where PyTorch's results are not finite either.
 * Backward: {@code d(R^-1) = -R^-1 dR R^-1}, so {@code gR = triu(-R^-T g R^-T)}, written with ops so it
 * can be differentiated again.
 */
final class TriangularInverse extends org.torch4j.Function {

    static Tensor of(Tensor r) {
        return new TriangularInverse().apply1(r);
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor r = in[0];
        int n = Math.toIntExact(r.size(-1));
        double[][] mats = Matrices.toHost(r);
        for (int b = 0; b < mats.length; b++) mats[b] = invertUpper(mats[b], n);
        Tensor inv = Matrices.fromHost(mats, Matrices.batchShape(r), n, n, r);
        ctx.saveForBackward(inv);
        return new Tensor[] {inv};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
        Tensor inv = ctx.savedTensors()[0];
        Tensor invT = inv.mT();
        return new Tensor[] {invT.matmul(g[0]).matmul(invT).neg().triu()};
    }

    /** Row-major inverse of the upper triangle of {@code r} ({@code n x n}). */
    static double[] invertUpper(double[] r, int n) {
        double[] x = new double[n * n];
        // column j of the inverse solves R x = e_j; it is zero below row j
        for (int j = 0; j < n; j++) {
            for (int i = j; i >= 0; i--) {
                double sum = i == j ? 1 : 0;
                for (int c = i + 1; c <= j; c++) sum -= r[i * n + c] * x[c * n + j];
                x[i * n + j] = sum / r[i * n + i];
            }
        }
        return x;
    }
}
