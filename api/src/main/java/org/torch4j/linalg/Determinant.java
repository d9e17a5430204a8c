package org.torch4j.linalg;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code det(A)} from a pivoted LU in double precision: the product of U's diagonal, negated per row
 * interchange. A singular matrix gives 0 (no error).
 *
 * <p>Backward: {@code gA = g det(A) A^-T}, the cofactor matrix. As in PyTorch 1.13, the inverse is taken of
 * the LU with its zero pivots replaced by epsilon, so that a singular A gets a gradient of 0 rather than NaN.
 */
final class Determinant extends Function {

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor a = in[0];
        int n = Math.toIntExact(a.size(-1));
        double[][] lu = Matrices.toHost(a);
        double[] det = new double[lu.length];
        int[] pivots = new int[n];
        for (int i = 0; i < lu.length; i++) {
            HostLu.factor(lu[i], n, n, pivots);
            det[i] = HostLu.det(lu[i], pivots, n);
        }
        Tensor out = Torch.tensor(det).reshape(Matrices.batchShape(a)).to(a);
        ctx.saveForBackward(a, out);
        return new Tensor[] {out};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor[] saved = ctx.savedTensors();
        Tensor scale = grad[0].mul(saved[1]).unsqueeze(-1).unsqueeze(-1);
        return new Tensor[] {scale.mul(new Inverse(Inverse.Singular.PERTURB).apply1(saved[0]).mT())};
    }
}
