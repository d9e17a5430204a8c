package org.torch4j.sparse;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Layout;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * A sparse matrix in PyTorch's CSR layout ({@code torch.sparse_csr}): {@code crowIndices} [rows + 1] (row
 * {@code r}'s elements are entries {@code crow[r]} to {@code crow[r+1]}), {@code colIndices} [nnz], sorted and
 * distinct within each row, and {@code values} [nnz]. Made by {@link Sparse#csrTensor},
 * {@link Tensor#toSparseCsr()} or {@link SparseCooTensor#toSparseCsr()}. Immutable; 2-d without dense dims
 * (PyTorch 1.13's batched and hybrid CSR tensors are not supported).
 *
 * <p>Autograd runs through the values, as for {@link SparseCooTensor}.
 */
public final class SparseCsrTensor {
    private final Tensor crowIndices;
    private final Tensor colIndices;
    private final Tensor values;
    private final long[] shape;

    SparseCsrTensor(Tensor crowIndices, Tensor colIndices, Tensor values, long[] shape) {
        this.crowIndices = crowIndices;
        this.colIndices = colIndices;
        this.values = values;
        this.shape = shape.clone();
    }

    /** Checks the parts with PyTorch's invariants and messages ({@code _validate_sparse_csr_tensor_args}). */
    static SparseCsrTensor checked(Tensor crow, Tensor col, Tensor values, long[] size) {
        if (crow.dtype() != col.dtype() || (crow.dtype() != DType.INT32 && crow.dtype() != DType.INT64))
            throw new IllegalArgumentException("crow_indices and col_indices must have the same dtype, bot got " + Sparse.cpp(crow.dtype())
                    + " and " + Sparse.cpp(col.dtype()) + ", respectively");
        if (crow.dim() != col.dim())
            throw new IllegalArgumentException("crow_indices and col_indices dimensionalities must be equal but got " + crow.dim() + " and "
                    + col.dim() + ", respectively");
        if (crow.dim() != 1 || values.dim() != 1 || size.length != 2)
            throw new IllegalArgumentException("torch4j supports 2-d CSR tensors with 1-d crow_indices, col_indices and values; got crow_indices "
                    + Coordinates.list(crow.shape()) + ", values " + Coordinates.list(values.shape()) + " and size " + Coordinates.list(size));
        if (crow.size(0) != size[0] + 1)
            throw new IllegalArgumentException("crow_indices.shape[-1] must be equal to the number of rows + 1 (=" + (size[0] + 1) + "), but got "
                    + crow.size(0));
        long nnz = values.size(0);
        if (col.size(0) != nnz)
            throw new IllegalArgumentException("col_indices.shape[-1] must be equal to nnz (=" + nnz + ") as defined by values.shape[0], but got "
                    + col.size(0));
        long[] offsets = crow.toLongArray();
        long[] cols = col.toLongArray();
        if (offsets[0] != 0) throw invariant("crow_indices[..., 0] == 0");
        if (offsets[offsets.length - 1] != nnz) throw invariant("crow_indices[..., -1] == nnz");
        for (int r = 1; r < offsets.length; r++) {
            long count = offsets[r] - offsets[r - 1];
            if (count < 0 || count > size[1]) throw invariant("0 <= crow_indices[..., 1:] - crow_indices[..., :-1] <= ncols");
        }
        for (long c : cols) if (c < 0 || c >= size[1]) throw invariant("0 <= col_indices < ncols");
        for (int r = 1; r < offsets.length; r++) {
            for (long k = offsets[r - 1] + 1; k < offsets[r]; k++) {
                if (cols[(int) k] <= cols[(int) k - 1])
                    throw invariant("col_indices[..., crow_indices[..., i - 1]:crow_indices[..., i]] for all i = 1, ..., nrows are sorted and "
                            + "distinct along the last dimension values");
            }
        }
        return new SparseCsrTensor(crow, col, values, size);
    }

    private static IllegalArgumentException invariant(String condition) {
        return new IllegalArgumentException("`" + condition + "` is not satisfied.");
    }

    /** The sizes [rows, columns]. */
    public long[] shape() {
        return shape.clone();
    }

    /** The size of dim {@code dim} (negative counts from the end). */
    public long size(int dim) {
        return shape[Internals.get().wrapDim(dim, 2)];
    }

    /** 2. */
    public int dim() {
        return 2;
    }

    /** The number of specified elements ({@code _nnz()}). */
    public long nnz() {
        return values.size(0);
    }

    /** The values' dtype. */
    public DType dtype() {
        return values.dtype();
    }

    /** The device of the indices and values. */
    public Device device() {
        return values.device();
    }

    /** {@link Layout#SPARSE_CSR}. */
    public Layout layout() {
        return Layout.SPARSE_CSR;
    }

    /** The row offsets [rows + 1] ({@code crow_indices()}). */
    public Tensor crowIndices() {
        return crowIndices;
    }

    /** The column index of each element [nnz] ({@code col_indices()}). */
    public Tensor colIndices() {
        return colIndices;
    }

    /** The values [nnz] ({@code values()}). */
    public Tensor values() {
        return values;
    }

    /** The row of each element [nnz], int64 (the offsets expanded). */
    private Tensor rowIndices() {
        Tensor counts = crowIndices.to(DType.INT64).diff();
        return Torch.arange(shape[0]).to(values.device()).repeatInterleave(counts);
    }

    /** The same matrix in the COO layout ({@code to_sparse()}); coalesced. */
    public SparseCooTensor toSparse() {
        Tensor indices = Torch.stack(List.of(rowIndices(), colIndices.to(DType.INT64)), 0);
        return new SparseCooTensor(indices, values, shape, true);
    }

    /** The dense matrix ({@code to_dense()}); differentiable in the values. */
    public Tensor toDense() {
        return toSparse().toDense();
    }

    /** The product with a dense matrix or vector ({@code csr @ dense}); differentiable in values and operand. */
    public Tensor matmul(Tensor dense) {
        if (dense.dim() == 2 && dense.size(0) != shape[1])
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + shape[0] + "x" + shape[1] + " and "
                    + dense.size(0) + "x" + dense.size(1) + ")");
        return toSparse().matmul(dense);
    }

    /** {@code torch.mm(csr, dense)}. */
    public Tensor mm(Tensor dense) {
        return matmul(dense);
    }

    /** {@code torch.addmm(input, csr, dense, beta=beta, alpha=alpha)}. */
    public Tensor addmm(Tensor input, Tensor dense, double beta, double alpha) {
        return Sparse.addmm(input, toSparse(), dense, beta, alpha);
    }

    /** This matrix times a number. */
    public SparseCsrTensor mul(double other) {
        return new SparseCsrTensor(crowIndices, colIndices, values.mul(other), shape);
    }

    /** {@code -this}. */
    public SparseCsrTensor neg() {
        return new SparseCsrTensor(crowIndices, colIndices, values.neg(), shape);
    }

    /** This matrix with values of {@code dtype}. */
    public SparseCsrTensor to(DType dtype) {
        return dtype == values.dtype() ? this : new SparseCsrTensor(crowIndices, colIndices, values.to(dtype), shape);
    }

    /** This matrix on {@code device}. */
    public SparseCsrTensor to(Device device) {
        if (device.equals(values.device())) return this;
        return new SparseCsrTensor(crowIndices.to(device), colIndices.to(device), values.to(device), shape);
    }

    /** The same matrix with values detached from the autograd graph. */
    public SparseCsrTensor detach() {
        return new SparseCsrTensor(crowIndices, colIndices, values.detach(), shape);
    }

    /** Whether the values require a gradient. */
    public boolean requiresGrad() {
        return values.requiresGrad();
    }

    /** Makes the (leaf) values require a gradient or not; returns this matrix. */
    public SparseCsrTensor requiresGrad_(boolean requiresGrad) {
        values.requiresGrad_(requiresGrad);
        return this;
    }

    /** The values' accumulated gradient as a CSR matrix with this structure, or null when there is none. */
    public SparseCsrTensor grad() {
        Tensor g = values.grad();
        return g == null ? null : new SparseCsrTensor(crowIndices, colIndices, g, shape);
    }

    @Override
    public String toString() {
        return Internals.get().formatSparse(new String[] {"crow_indices", "col_indices", "values"},
                new Tensor[] {crowIndices, colIndices, values}, shape, nnz(), Layout.SPARSE_CSR);
    }
}
