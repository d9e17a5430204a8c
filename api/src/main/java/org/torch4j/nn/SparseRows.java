package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.sparse.Sparse;
import org.torch4j.sparse.SparseCooTensor;

/**
 * The rows of a table at flat indices, with a sparse gradient ({@code sparse=True} of embedding and
 * embedding_bag): backward makes a sparse tensor of one entry per looked-up index (the padding index left out),
 * uncoalesced as PyTorch's, and adds it to the table's {@link Tensor#sparseGrad()} when the table is a leaf;
 * a table computed from other tensors gets the dense equivalent, so the gradient flows on.
 */
final class SparseRows extends Function {
    private final Tensor table;
    private final Tensor flat;
    private final Long paddingIdx;

    private SparseRows(Tensor table, Tensor flat, Long paddingIdx) {
        this.table = table;
        this.flat = flat;
        this.paddingIdx = paddingIdx;
    }

    /** {@code table.indexSelect(0, flat)}, recorded with a sparse gradient for {@code table}. */
    static Tensor gather(Tensor table, Tensor flat, Long paddingIdx) {
        return new SparseRows(table, flat, paddingIdx).apply(table)[0];
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... inputs) {
        return new Tensor[] {inputs[0].indexSelect(0, flat)};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... gradOutputs) {
        Tensor index = flat.to(DType.INT64);
        Tensor values = gradOutputs[0];
        if (paddingIdx != null) {
            Tensor keep = index.ne((double) paddingIdx).nonzero().select(1, 0);
            index = index.indexSelect(0, keep);
            values = values.indexSelect(0, keep);
        }
        SparseCooTensor grad = Sparse.cooTensor(index.unsqueeze(0), values, table.shape());
        if (!table.isLeaf()) return new Tensor[] {grad.toDense()};
        try (var m = Torch.noGrad()) {
            SparseCooTensor detached = grad.detach();
            table.setSparseGrad(table.sparseGrad() == null ? detached : table.sparseGrad().add(detached));
        }
        return new Tensor[] {null};
    }

    @Override
    protected String name() {
        return "EmbeddingBackward";
    }
}
