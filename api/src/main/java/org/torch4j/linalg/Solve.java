package org.torch4j.linalg;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;

/**
 * {@code A X = B} for square A {@code [..., n, n]} and B {@code [..., n, k]} whose batch shape A's broadcasts
 * to (the facade broadcasts B and handles vectors and {@code left=False}), through a pivoted LU in double
 * precision: each matrix of A is factored once, however many right-hand sides share it.
 *
 * <p>Backward: {@code gB = A^-T gX} (a solve with A^T, itself differentiable) and {@code gA = -gB X^T}.
 */
final class Solve extends Function {

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor a = in[0], b = in[1];
        int n = Math.toIntExact(a.size(-1)), k = Math.toIntExact(b.size(-1));
        double[][] lu = Matrices.toHost(a), x = Matrices.toHost(b);
        int[][] pivots = new int[lu.length][n];
        for (int i = 0; i < lu.length; i++) {
            if (HostLu.factor(lu[i], n, n, pivots[i]) != 0) {
                throw new LinAlgException("torch.linalg.solve: " + Batches.element(a, i)
                        + "The solver failed because the input matrix is singular.");
            }
        }
        int[] source = Batches.sources(Matrices.batchShape(b), Matrices.batchShape(a));
        for (int i = 0; i < x.length; i++) HostLu.solve(lu[source[i]], pivots[source[i]], n, x[i], k);
        Tensor out = Matrices.fromHost(x, Matrices.batchShape(b), n, k, b);
        ctx.saveForBackward(a, out);
        return new Tensor[] {out};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor[] saved = ctx.savedTensors();
        Tensor gB = new Solve().apply1(saved[0].mT(), grad[0]);
        // gA has B's batch shape: autograd sums it back to A's broadcast shape
        Tensor gA = ctx.needsInputGrad(0) ? gB.matmul(saved[1].mT()).neg() : null;
        return new Tensor[] {gA, ctx.needsInputGrad(1) ? gB : null};
    }
}
