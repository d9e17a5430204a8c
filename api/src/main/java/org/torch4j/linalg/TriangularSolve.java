package org.torch4j.linalg;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;

/**
 * {@code A X = B} for triangular A {@code [..., n, n]} (only its {@code upper} or lower triangle is read,
 * its diagonal taken as ones when {@code unitriangular}) and B {@code [..., n, k]} of the same batch shape,
 * by substitution in double precision. The facade handles broadcasting and {@code left=False}.
 *
 * <p>Backward: {@code gB = A^-T gX} (a triangular solve with the other triangle of A^T) and
 * {@code gA = -gB X^T} restricted to the triangle that was read.
 */
final class TriangularSolve extends Function {

    private final boolean upper, unit;

    TriangularSolve(boolean upper, boolean unit) {
        this.upper = upper;
        this.unit = unit;
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor a = in[0], b = in[1];
        int n = Math.toIntExact(a.size(-1)), k = Math.toIntExact(b.size(-1));
        double[][] t = Matrices.toHost(a), x = Matrices.toHost(b);
        for (int i = 0; i < t.length; i++) {
            if (upper) HostTriangular.solveUpper(t[i], n, x[i], k, unit);
            else HostTriangular.solveLower(t[i], n, x[i], k, unit);
        }
        Tensor out = Matrices.fromHost(x, Matrices.batchShape(b), n, k, b);
        ctx.saveForBackward(a, out);
        return new Tensor[] {out};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor[] saved = ctx.savedTensors();
        Tensor gB = new TriangularSolve(!upper, unit).apply1(saved[0].mT(), grad[0]);
        Tensor gA = null;
        if (ctx.needsInputGrad(0)) {
            Tensor full = gB.matmul(saved[1].mT()).neg();
            int diagonal = unit ? 1 : 0;
            gA = upper ? full.triu(diagonal) : full.tril(-diagonal);
        }
        return new Tensor[] {gA, ctx.needsInputGrad(1) ? gB : null};
    }
}
