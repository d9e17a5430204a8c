package org.torch4j.linalg;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code (sign, log|det A|)} from a pivoted LU in double precision: summing logarithms of U's diagonal
 * avoids the overflow and underflow of the determinant itself.
 *
 * <p>Backward (of logabsdet; sign is piecewise constant): {@code gA = g A^-T}.
 */
final class SlogDet extends Function {

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor a = in[0];
        int n = Math.toIntExact(a.size(-1));
        double[][] lu = Matrices.toHost(a);
        double[] sign = new double[lu.length], log = new double[lu.length];
        int[] pivots = new int[n];
        for (int i = 0; i < lu.length; i++) {
            HostLu.factor(lu[i], n, n, pivots);
            double s = 1, l = 0;
            for (int j = 0; j < n; j++) {
                double u = lu[i][j * n + j];
                s *= Math.signum(u) * (pivots[j] != j + 1 ? -1 : 1);
                l += Math.log(Math.abs(u));
            }
            sign[i] = s;
            log[i] = l;
        }
        long[] batch = Matrices.batchShape(a);
        Tensor signT = Torch.tensor(sign).reshape(batch).to(a);
        Tensor logT = Torch.tensor(log).reshape(batch).to(a);
        ctx.markNonDifferentiable(signT);
        ctx.saveForBackward(a);
        return new Tensor[] {signT, logT};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor a = ctx.savedTensors()[0];
        Tensor g = grad[1].unsqueeze(-1).unsqueeze(-1);
        return new Tensor[] {g.mul(new Inverse(Inverse.Singular.PERTURB).apply1(a).mT())};
    }
}
