package org.torch4j.sparse;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * {@code torch.sparse.mm} as one autograd node: the product, the dense operand's gradient (the transposed
 * product) and the values' gradient (sampled dot products) run as the backend's fused kernels where it has them
 * (the CPU backend: no [nnz, p] temporaries), and as gathers, products and {@code index_add}s of dense ops
 * otherwise, and whenever the graph of the gradient itself is recorded ({@code createGraph}).
 */
final class SparseMatmul extends Function {
    /** Entries of the composite's gather-multiply-add handled at once: bounds its temporary memory. */
    private static final long CHUNK = 1L << 22;

    private final Tensor rows;
    private final Tensor cols;
    private final long outRows;

    private SparseMatmul(Tensor rows, Tensor cols, long outRows) {
        this.rows = rows;
        this.cols = cols;
        this.outRows = outRows;
    }

    /** {@code sparse @ dense} for a checked 2-d sparse matrix and dense [m, p]. */
    static Tensor product(SparseCooTensor sparse, Tensor dense) {
        Tensor indices = sparse.storedIndices();
        return new SparseMatmul(indices.select(0, 0), indices.select(0, 1), sparse.size(0)).apply(sparse.storedValues(), dense)[0];
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        ctx.saveForBackward(in[0], in[1]);
        return new Tensor[] {rowsProduct(rows, cols, in[0], in[1], outRows, true)};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor values = ctx.savedTensors()[0], dense = ctx.savedTensors()[1], g = grad[0];
        boolean fused = !Torch.isGradEnabled();  // a recorded gradient graph needs the differentiable composite
        Tensor gradValues = null, gradDense = null;
        if (ctx.needsInputGrad(0)) {
            if (fused) gradValues = Internals.get().sampledDot(rows, cols, g, dense);
            if (gradValues == null) gradValues = g.indexSelect(0, rows).mul(dense.indexSelect(0, cols)).sum(new int[] {1}, false);
        }
        if (ctx.needsInputGrad(1)) gradDense = rowsProduct(cols, rows, values, g, dense.size(0), fused);
        return new Tensor[] {gradValues, gradDense};
    }

    /** {@code out[rows[i]] += values[i] * dense[cols[i]]} into a new [outRows, p] tensor. */
    static Tensor rowsProduct(Tensor rows, Tensor cols, Tensor values, Tensor dense, long outRows, boolean fused) {
        if (fused) {
            Tensor out = Internals.get().sparseRowsProduct(rows, cols, values, dense, outRows);
            if (out != null) return out;
        }
        long p = dense.size(1), nnz = rows.numel();
        Tensor out = Torch.zeros(new long[] {outRows, p}, dense.dtype(), dense.device());
        long chunk = Math.max(1, CHUNK / Math.max(1, p));
        for (long start = 0; start < nnz; start += chunk) {
            long n = Math.min(chunk, nnz - start);
            Tensor products = dense.indexSelect(0, cols.narrow(0, start, n)).mul(values.narrow(0, start, n).unsqueeze(1));
            out = out.indexAdd(0, rows.narrow(0, start, n), products);
        }
        return out;
    }

    @Override
    protected String name() {
        return "SparseAddmmBackward";
    }
}
