package org.torch4j.linalg;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;

/**
 * {@code torch.geqrf}: {@link Householder}'s factorization of each matrix, returned packed (R and the
 * reflectors) with the reflectors' factors tau. Like PyTorch's, it has no derivative: its outputs join the
 * graph, and differentiating through them fails with PyTorch's message.
 */
final class Geqrf extends Function {

    static GeqrfResult geqrf(Tensor a) {
        if (a.dim() < 2) throw new IllegalArgumentException("torch.geqrf: input must have at least 2 dimensions.");
        Kernels.checkKernelDtype(a, "geqrf_cpu");
        Tensor[] r = new Geqrf().apply(a);
        return new GeqrfResult(r[0], r[1]);
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor a = in[0];
        int m = Math.toIntExact(a.size(-2)), n = Math.toIntExact(a.size(-1)), k = Math.min(m, n);
        double[][] mats = Matrices.toHost(a);
        double[][] taus = new double[mats.length][];
        for (int b = 0; b < mats.length; b++) taus[b] = new Householder(mats[b], m, n).tau; // factors mats[b] in place
        long[] batch = Matrices.batchShape(a);
        Tensor packed = Matrices.fromHost(mats, batch, m, n, a);
        Tensor tau = Matrices.fromHost(taus, batch, 1, k, a).squeeze(-2);
        return new Tensor[] {packed, tau};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        throw new UnsupportedOperationException("the derivative for 'geqrf' is not implemented.");
    }
}
