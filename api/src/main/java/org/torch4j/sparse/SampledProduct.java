package org.torch4j.sparse;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * The entries {@code (a @ bT.T)[rows[i], cols[i]]} of a dense product at a sparsity pattern (SDDMM, the product
 * inside {@code torch.sparse.sampled_addmm}) as one autograd node: the backend's sampled dot products forward, and
 * its sparse-dense products for the two gradients; gathers and sums of dense ops where the backend has no such
 * kernels or the gradient's own graph is recorded.
 */
final class SampledProduct extends Function {
    private final Tensor rows;
    private final Tensor cols;

    private SampledProduct(Tensor rows, Tensor cols) {
        this.rows = rows;
        this.cols = cols;
    }

    /** {@code a[rows[i]] . bT[cols[i]]} for each entry, a new [nnz] tensor; {@code a} [n, k], {@code bT} [m, k]. */
    static Tensor at(Tensor rows, Tensor cols, Tensor a, Tensor bT) {
        return new SampledProduct(rows, cols).apply(a, bT)[0];
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        ctx.saveForBackward(in[0], in[1]);
        return new Tensor[] {dots(rows, cols, in[0], in[1], true)};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor a = ctx.savedTensors()[0], bT = ctx.savedTensors()[1], g = grad[0];
        boolean fused = !Torch.isGradEnabled();
        Tensor gradA = ctx.needsInputGrad(0) ? SparseMatmul.rowsProduct(rows, cols, g, bT, a.size(0), fused) : null;
        Tensor gradB = ctx.needsInputGrad(1) ? SparseMatmul.rowsProduct(cols, rows, g, a, bT.size(0), fused) : null;
        return new Tensor[] {gradA, gradB};
    }

    private static Tensor dots(Tensor rows, Tensor cols, Tensor a, Tensor bT, boolean fused) {
        if (fused) {
            Tensor out = Internals.get().sampledDot(rows, cols, a, bT);
            if (out != null) return out;
        }
        return a.indexSelect(0, rows).mul(bT.indexSelect(0, cols)).sum(new int[] {1}, false);
    }

    @Override
    protected String name() {
        return "SparseSampledAddmmBackward";
    }
}
