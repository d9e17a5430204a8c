package org.torch4j.linalg;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code slogdet(A)} of complex square matrices: the complex LU of {@link ComplexDeterminant#factor}, the sign
 * {@code det / |det|} as the product of U's diagonal phases (negated per row interchange) and {@code log |det|}
 * as the sum of the logs of their moduli, so neither overflows; a singular matrix gives (0, -inf).
 *
 * <p>Backward as PyTorch's: with {@code gl} the gradient of logabsdet and {@code gs} that of the sign,
 * {@code gA = (gl + i Im(gs conj(sign))) A^-H} (log |det| and the phase of det are the real and imaginary parts
 * of the holomorphic {@code log det}, whose derivative is {@code A^-T}).
 */
final class ComplexSlogDet extends Function {

    static SignLogAbsDet slogdet(Tensor a) {
        Matrices.checkSquareShape("linalg.slogdet", a, "A");
        Tensor[] r = new ComplexSlogDet().apply(a);
        return new SignLogAbsDet(r[0], r[1]);
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor a = in[0];
        int n = Math.toIntExact(a.size(-1));
        long[] batch = Matrices.batchShape(a);
        double[][] pairs = Matrices.toHostPairs(a);
        double[][] sign = new double[pairs.length][];
        double[][] log = new double[pairs.length][];
        for (int b = 0; b < pairs.length; b++) {
            double[] m = pairs[b];
            int swaps = ComplexDeterminant.factor(m, n);
            double sr = swaps % 2 == 0 ? 1 : -1, si = 0, l = 0;
            if (swaps < 0) {
                sr = 0;
                l = Double.NEGATIVE_INFINITY;
            }
            for (int k = 0; swaps >= 0 && k < n; k++) {
                double ur = m[2 * (k * n + k)], ui = m[2 * (k * n + k) + 1], mod = Math.hypot(ur, ui);
                l += Math.log(mod);
                double nr = sr * ur / mod - si * ui / mod;
                si = sr * ui / mod + si * ur / mod;
                sr = nr;
            }
            sign[b] = new double[] {sr, si};
            log[b] = new double[] {l};
        }
        Tensor signT = Matrices.fromHostPairs(sign, batch, 1, 1, a).squeeze(-1).squeeze(-1);
        Tensor logT = Matrices.fromHost(log, batch, 1, 1, Torch.viewAsReal(a)).squeeze(-1).squeeze(-1);
        ctx.saveForBackward(a, signT);
        return new Tensor[] {signT, logT};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor[] saved = ctx.savedTensors();
        Tensor a = saved[0], sign = saved[1];
        Tensor g = Torch.zerosLike(sign);
        if (grad[1] != null) g = g.add(grad[1]);
        if (grad[0] != null) {
            // the phase's gradient dL/dtheta = Im(gs conj(sign)), as the imaginary part of log det's
            Tensor im = grad[0].mul(sign.conj()).imag();
            g = g.add(Torch.complex(Torch.zerosLike(im), im));
        }
        return new Tensor[] {g.unsqueeze(-1).unsqueeze(-1).mul(ComplexSolve.inverse(a).conj().mT())};
    }
}
