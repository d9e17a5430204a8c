package org.torch4j.sparse;

import java.util.Arrays;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * PyTorch's {@code torch.sparse} functions and its sparse factories ({@code torch.sparse_coo_tensor},
 * {@code torch.sparse_csr_tensor}). All are written with dense operations on the indices and values, so they
 * run on any backend and are differentiable in the values and the dense operands.
 */
public final class Sparse {
    private Sparse() {}

    // ---- factories ----

    /**
     * {@code torch.sparse_coo_tensor(indices, values)}: the size inferred, each sparse dim one past its largest
     * index, the dense dims from {@code values}.
     */
    public static SparseCooTensor cooTensor(Tensor indices, Tensor values) {
        return cooTensor(indices, values, (long[]) null);
    }

    /**
     * {@code torch.sparse_coo_tensor(indices, values, size)}: {@code indices} [sparseDim, nnz] (converted to
     * int64), {@code values} [nnz, dense sizes...]. Checked as PyTorch checks it: the nnz of both, the number of
     * dims, the dense sizes, and every index in {@code [0, size)}. The result is not coalesced (unless it has at
     * most one element), as in PyTorch.
     */
    public static SparseCooTensor cooTensor(Tensor indices, Tensor values, long... size) {
        if (indices.dim() != 2)
            throw new IllegalArgumentException("indices must be sparse_dim x nnz, but got: " + Coordinates.list(indices.shape()));
        Tensor idx = indices.dtype() == DType.INT64 ? indices : indices.to(DType.INT64);
        long nnz = idx.size(1);
        long valuesNnz = values.dim() == 0 ? 1 : values.size(0);
        if (nnz != valuesNnz || values.dim() == 0)
            throw new IllegalArgumentException("indices and values must have same nnz, but got nnz from indices: " + nnz
                    + ", nnz from values: " + valuesNnz);
        int sparseDim = (int) idx.size(0);
        int denseDim = values.dim() - 1;
        long[] denseSizes = Arrays.copyOfRange(values.shape(), 1, values.dim());
        long[] shape;
        if (size == null) {
            shape = new long[sparseDim + denseDim];
            long[] max = nnz == 0 ? new long[sparseDim] : idx.amax(1).toLongArray();
            long[] min = nnz == 0 ? new long[sparseDim] : idx.amin(1).toLongArray();
            for (int d = 0; d < sparseDim; d++) {
                if (min[d] < 0) throw new IllegalArgumentException("found negative index " + min[d] + " for dim " + d);
                shape[d] = nnz == 0 ? 0 : max[d] + 1;
            }
            System.arraycopy(denseSizes, 0, shape, sparseDim, denseDim);
        } else {
            shape = size.clone();
            if (shape.length != sparseDim + denseDim)
                throw new IllegalArgumentException("number of dimensions must be sparse_dim (" + sparseDim + ") + dense_dim ("
                        + denseDim + "), but got " + shape.length);
            long[] expected = Coordinates.prepend(nnz, Arrays.copyOfRange(shape, sparseDim, shape.length));
            if (!Arrays.equals(expected, values.shape()))
                throw new IllegalArgumentException("values has incorrect size, expected " + Coordinates.list(expected) + ", got "
                        + Coordinates.list(values.shape()));
            if (nnz > 0) {
                long[] max = idx.amax(1).toLongArray();
                long[] min = idx.amin(1).toLongArray();
                for (int d = 0; d < sparseDim; d++) {
                    if (min[d] < 0) throw new IllegalArgumentException("found negative index " + min[d] + " for dim " + d);
                    if (max[d] >= shape[d])
                        throw new IllegalArgumentException("size is inconsistent with indices: for dim " + d + ", size is " + shape[d]
                                + " but found index " + max[d]);
                }
            }
        }
        return new SparseCooTensor(idx, values, shape, false);
    }

    /**
     * {@code torch.sparse_csr_tensor(crow_indices, col_indices, values)}: the size inferred (rows from the row
     * offsets, columns one past the largest column index).
     */
    public static SparseCsrTensor csrTensor(Tensor crowIndices, Tensor colIndices, Tensor values) {
        long rows = crowIndices.numel() - 1;
        long cols = colIndices.numel() == 0 ? 0 : colIndices.amax().itemLong() + 1;
        return csrTensor(crowIndices, colIndices, values, rows, cols);
    }

    /**
     * {@code torch.sparse_csr_tensor(crow_indices, col_indices, values, size)} for a matrix: {@code crowIndices}
     * [rows + 1] row offsets, {@code colIndices} [nnz] and {@code values} [nnz]; int32 or int64 indices (both
     * the same). Checked with PyTorch's invariants and messages (offsets start at 0, end at nnz, never decrease;
     * column indices in range, sorted and distinct within each row).
     */
    public static SparseCsrTensor csrTensor(Tensor crowIndices, Tensor colIndices, Tensor values, long... size) {
        return SparseCsrTensor.checked(crowIndices, colIndices, values, size);
    }

    // ---- conversions from dense ----

    /**
     * {@code dense.to_sparse(sparse_dim)}: the first {@code sparseDim} dims become sparse, and an index is
     * specified where any element of its dense slice is non-zero. Coalesced; differentiable in {@code dense}.
     */
    public static SparseCooTensor toSparse(Tensor dense, int sparseDim) {
        if (sparseDim > dense.dim() || sparseDim < 0) throw new IllegalArgumentException("sparse_dim must be less than or equal to self.dim()");
        long[] shape = dense.shape();
        long[] sparse = Arrays.copyOfRange(shape, 0, sparseDim);
        long[] denseSizes = Arrays.copyOfRange(shape, sparseDim, shape.length);
        Tensor rows = dense.reshape(Coordinates.prepend(Coordinates.product(sparse), denseSizes));
        Tensor nonZero = rows.ne(0);
        if (denseSizes.length > 0) nonZero = nonZero.flatten(1, denseSizes.length).any(1, false);
        Tensor lin = nonZero.nonzero().select(1, 0);
        return new SparseCooTensor(Coordinates.unravel(lin, sparse), rows.indexSelect(0, lin), shape, true);
    }

    /**
     * {@code dense.sparse_mask(mask)}: the elements of {@code dense} at the indices of the coalesced
     * {@code mask}, as a sparse tensor with those indices. Differentiable in {@code dense}.
     */
    public static SparseCooTensor sparseMask(Tensor dense, SparseCooTensor mask) {
        if (!Arrays.equals(dense.shape(), mask.shape()))
            throw new IllegalArgumentException("sparse_mask: operands have incompatible sizes; self has size " + Coordinates.list(dense.shape())
                    + " but mask has size " + Coordinates.list(mask.shape()));
        if (!mask.isCoalesced()) throw new IllegalArgumentException("sparse_mask: mask is uncoalesced");
        long[] sparse = mask.sparseShape();
        Tensor rows = dense.reshape(Coordinates.prepend(Coordinates.product(sparse), mask.denseShape()));
        Tensor indices = mask.storedIndices();
        return new SparseCooTensor(indices, rows.indexSelect(0, Coordinates.linear(indices, sparse)), mask.shape(), true);
    }

    /**
     * {@code dense + alpha * sparse} ({@code torch.add(dense, sparse, alpha=alpha)}): a dense tensor of the same
     * shape (PyTorch does not broadcast here either).
     */
    public static Tensor add(Tensor dense, SparseCooTensor sparse, double alpha) {
        checkSameSize(dense, sparse);
        Tensor other = sparse.toDense();
        return alpha == 1 ? dense.add(other) : dense.add(other, alpha);
    }

    /**
     * {@code dense.add_(sparse, alpha=alpha)}: {@code alpha * sparse} added into {@code dense} (contiguous, same
     * shape) in place, entry by entry, as PyTorch's dense-sparse addition does.
     */
    public static void addInPlace(Tensor dense, SparseCooTensor sparse, double alpha) {
        checkSameSize(dense, sparse);
        if (!dense.isContiguous()) throw new IllegalArgumentException("add_: the dense tensor must be contiguous to take a sparse addition in place");
        long[] sparseSizes = sparse.sparseShape();
        Tensor rows = dense.view(Coordinates.prepend(Coordinates.product(sparseSizes), sparse.denseShape()));
        Tensor values = sparse.storedValues().to(dense.dtype());
        rows.indexAdd_(0, Coordinates.linear(sparse.storedIndices(), sparseSizes), alpha == 1 ? values : values.mul(alpha));
    }

    /** PyTorch's check of dense-sparse addition, which does not broadcast. */
    private static void checkSameSize(Tensor dense, SparseCooTensor sparse) {
        if (!Arrays.equals(dense.shape(), sparse.shape()))
            throw new IllegalArgumentException("add: expected 'self' and 'other' to have same size, but self has size "
                    + Coordinates.list(dense.shape()) + " while other has size " + Coordinates.list(sparse.shape())
                    + " (FYI: dense-sparse addition does not currently support broadcasting)");
    }

    /** An empty sparse tensor of {@code shape}, every dim sparse: what PyTorch's {@code zero_()} leaves. */
    public static SparseCooTensor zeros(long[] shape, DType dtype, org.torch4j.Device device) {
        return new SparseCooTensor(Torch.zeros(new long[] {shape.length, 0}, DType.INT64, device), Torch.zeros(new long[] {0}, dtype, device),
                shape, true);
    }

    // ---- torch.sparse ----

    /**
     * {@code torch.sparse.mm(sparse, dense)}: the product of a sparse [n, m] matrix (no dense dims) and a dense
     * [m, p] matrix, dense [n, p]. Duplicate indices add up, so the input need not be coalesced. Differentiable
     * in the sparse values and in {@code dense}.
     */
    public static Tensor mm(SparseCooTensor sparse, Tensor dense) {
        if (sparse.sparseDim() != 2 || sparse.dim() != 2)
            throw new IllegalArgumentException("addmm: matrices expected, got " + (sparse.dim() == 2 ? sparse.sparseDim() : sparse.dim()) + "D tensor");
        if (dense.dim() != 2) throw new IllegalArgumentException("addmm: matrices expected, got " + dense.dim() + "D tensor");
        if (dense.dtype() != sparse.dtype())
            throw new IllegalArgumentException("expected scalar type " + cpp(sparse.dtype()) + " but found " + cpp(dense.dtype()));
        if (dense.size(0) != sparse.size(1))
            throw new IllegalArgumentException("addmm: Argument #3 (dense): Expected dim 0 size " + sparse.size(1) + ", got " + dense.size(0));
        return SparseMatmul.product(sparse, dense);
    }

    /**
     * {@code torch.sparse.addmm(input, sparse, dense, beta=beta, alpha=alpha)}:
     * {@code beta * input + alpha * (sparse @ dense)}; with {@code beta} 0 the input is ignored (NaN included).
     */
    public static Tensor addmm(Tensor input, SparseCooTensor sparse, Tensor dense, double beta, double alpha) {
        Tensor product = mm(sparse, dense);
        Tensor scaled = alpha == 1 ? product : product.mul(alpha);
        if (beta == 0) return scaled.add(Torch.zeros(input.shape(), scaled.dtype(), scaled.device()));
        return (beta == 1 ? input : input.mul(beta)).add(scaled);
    }

    /**
     * {@code torch.sparse.sampled_addmm(input, mat1, mat2, beta=beta, alpha=alpha)}: {@code beta * input + alpha *
     * (mat1 @ mat2)} computed only at the elements {@code input} specifies (a CSR matrix with its sparsity).
     * Differentiable in {@code input}'s values, {@code mat1} and {@code mat2} (PyTorch 1.13 cannot differentiate it).
     */
    public static SparseCsrTensor sampledAddmm(SparseCsrTensor input, Tensor mat1, Tensor mat2, double beta, double alpha) {
        for (Tensor m : new Tensor[] {mat1, mat2}) {
            if (m.dim() != 2)
                throw new IllegalArgumentException("sampled_addmm: Expected " + (m == mat1 ? "mat1" : "mat2") + " to be a matrix, got "
                        + m.dim() + "-D tensor");
        }
        if (mat1.dtype() != mat2.dtype())
            throw new IllegalArgumentException("sampled_addmm: Expected mat1 and mat2 to have the same dtype, but got " + cpp(mat1.dtype())
                    + " and " + cpp(mat2.dtype()));
        if (mat1.size(1) != mat2.size(0))
            throw new IllegalArgumentException("sampled_addmm: mat1 and mat2 shapes cannot be multiplied (" + mat1.size(0) + "x" + mat1.size(1)
                    + " and " + mat2.size(0) + "x" + mat2.size(1) + ")");
        if (input.size(0) != mat1.size(0)) throw new IllegalArgumentException("sampled_addmm: self.shape[-2] must match mat1.shape[-2]");
        if (input.size(1) != mat2.size(1)) throw new IllegalArgumentException("sampled_addmm: self.shape[-1] must match mat2.shape[-1]");
        SparseCooTensor coo = input.toSparse();
        Tensor product = SampledProduct.at(coo.storedIndices().select(0, 0), coo.storedIndices().select(0, 1), mat1, mat2.t().contiguous());
        Tensor scaled = alpha == 1 ? product : product.mul(alpha);
        Tensor values = beta == 0 ? scaled : (beta == 1 ? input.values() : input.values().mul(beta)).add(scaled);
        return new SparseCsrTensor(input.crowIndices(), input.colIndices(), values, input.shape());
    }

    /**
     * {@code torch.hspmm(sparse, dense)}: the product as a hybrid sparse tensor [n, p] whose sparse dim lists
     * the rows of {@code sparse} that hold an element, each with its dense row of the product (sorted, but
     * flagged uncoalesced as PyTorch flags it).
     */
    public static SparseCooTensor hspmm(SparseCooTensor sparse, Tensor dense) {
        Tensor product = mm(sparse, dense);
        Tensor rows = sparse.storedIndices().select(0, 0).unique();
        return new SparseCooTensor(rows.unsqueeze(0), product.indexSelect(0, rows), new long[] {sparse.size(0), dense.size(1)}, false);
    }

    /**
     * {@code torch.smm(sparse, dense)}: the product as a sparse [n, p] tensor specifying every column of each
     * row of {@code sparse} that holds an element (sorted, flagged uncoalesced as in PyTorch).
     */
    public static SparseCooTensor smm(SparseCooTensor sparse, Tensor dense) {
        SparseCooTensor hybrid = hspmm(sparse, dense);
        long p = dense.size(1);
        Tensor rows = hybrid.storedIndices().select(0, 0).repeatInterleave(p);
        Tensor cols = Torch.arange(p).to(rows.device()).repeat(hybrid.nnz());
        return new SparseCooTensor(Torch.stack(List.of(rows, cols), 0), hybrid.storedValues().reshape(-1), hybrid.shape(), false);
    }

    /** {@code torch.sparse.sum(input)}: the sum of all elements, a dense 0-dim tensor (integers sum in int64). */
    public static Tensor sum(SparseCooTensor input) {
        return summands(input).sum();
    }

    /** The values to sum: integers and bool widened to int64, as PyTorch's sums of them. */
    private static Tensor summands(SparseCooTensor input) {
        Tensor values = input.storedValues();
        return values.dtype().isFloatingPoint() || values.dtype().isComplex() ? values : values.to(DType.INT64);
    }

    /**
     * {@code torch.sparse.sum(input, dim)}: the sum over {@code dims}. Summing sparse dims merges the indices
     * that then agree (coalesced result). Where PyTorch returns a dense tensor (every sparse dim summed), this
     * returns a sparse tensor with no sparse dims and one element; {@link SparseCooTensor#toDense()} gives
     * PyTorch's dense result.
     */
    public static SparseCooTensor sum(SparseCooTensor input, int... dims) {
        int rank = input.dim();
        int sd = input.sparseDim();
        boolean[] reduce = new boolean[rank];
        for (int d : dims) reduce[Internals.get().wrapDim(d, rank)] = true;
        Tensor values = summands(input);
        int[] denseDims = java.util.stream.IntStream.range(sd, rank).filter(d -> reduce[d]).map(d -> d - sd + 1).toArray();
        if (denseDims.length > 0) values = values.sum(denseDims, false);
        int[] kept = java.util.stream.IntStream.range(0, sd).filter(d -> !reduce[d]).toArray();
        long[] shape = java.util.stream.IntStream.range(0, rank).filter(d -> !reduce[d]).mapToLong(d -> input.shape()[d]).toArray();
        Tensor indices = input.storedIndices();
        if (kept.length == sd) return new SparseCooTensor(indices, values, shape, false).coalesce();
        Tensor[] rows = new Tensor[kept.length];
        for (int i = 0; i < kept.length; i++) rows[i] = indices.select(0, kept[i]);
        if (kept.length == 0) {
            Tensor total = values.sum(new int[] {0}, true);
            return new SparseCooTensor(Torch.zeros(new long[] {0, 1}, DType.INT64, indices.device()), total, shape, true);
        }
        return new SparseCooTensor(Torch.stack(Arrays.asList(rows), 0), values, shape, false).coalesce();
    }

    /**
     * {@code torch.sparse.softmax(input, dim)}: softmax along {@code dim} over the specified elements only
     * (unspecified ones count as minus infinity, so they stay unspecified). Coalesced; differentiable.
     */
    public static SparseCooTensor softmax(SparseCooTensor input, int dim) {
        return softmax(input, dim, false);
    }

    /** {@code torch.sparse.log_softmax(input, dim)}: the logarithm of {@link #softmax}, computed stably. */
    public static SparseCooTensor logSoftmax(SparseCooTensor input, int dim) {
        return softmax(input, dim, true);
    }

    private static SparseCooTensor softmax(SparseCooTensor input, int dim, boolean log) {
        if (dim < 0 || dim >= input.dim()) throw new IllegalArgumentException(": dim must be non-negative and less than input dimensions");
        if (!input.dtype().isFloatingPoint())
            throw new IllegalArgumentException("\"softmax\" not implemented for '" + cpp(input.dtype()) + "'");
        SparseCooTensor c = input.coalesce();
        int sd = c.sparseDim();
        Tensor values = c.storedValues();
        if (dim >= sd) {
            int along = dim - sd + 1;
            Tensor out = Internals.get().softmax(values, along, log);
            return new SparseCooTensor(c.storedIndices(), out, c.shape(), true);
        }
        // Elements that differ only in `dim` form one softmax group: number the groups by their other indices.
        long[] sparse = c.sparseShape();
        long[] others = new long[sd - 1];
        Tensor[] rows = new Tensor[sd - 1];
        for (int d = 0, k = 0; d < sd; d++) {
            if (d == dim) continue;
            others[k] = sparse[d];
            rows[k++] = c.storedIndices().select(0, d);
        }
        Tensor key = others.length == 0 ? Torch.zeros(new long[] {c.nnz()}, DType.INT64, values.device())
                : Coordinates.linear(Torch.stack(Arrays.asList(rows), 0), others);
        // coalesced indices are sorted, so with the softmax along the last sparse dim each group is one run
        var groups = dim == sd - 1 ? key.uniqueConsecutive(true, false, null) : key.unique(true, false);
        Tensor group = groups.inverse();
        long n = groups.values().numel();
        // The group maximum is a constant shift: softmax does not depend on it, so it needs no gradient.
        Tensor max = Torch.full(Coordinates.prepend(n, c.denseShape()), Double.NEGATIVE_INFINITY, values.dtype(), values.device())
                .scatterReduce(0, expandIndex(group, values), values.detach(), "amax", true);
        Tensor shifted = values.sub(max.indexSelect(0, group));
        Tensor exp = shifted.exp();
        Tensor sums = SparseCooTensor.sumRows(exp, group, n).indexSelect(0, group);
        Tensor out = log ? shifted.sub(sums.log()) : exp.div(sums);
        return new SparseCooTensor(c.storedIndices(), out, c.shape(), true);
    }

    /** {@code index} [nnz] expanded over the dense dims of {@code like} [nnz, ...], for scatter along dim 0. */
    private static Tensor expandIndex(Tensor index, Tensor like) {
        long[] shape = like.shape();
        long[] view = new long[shape.length];
        Arrays.fill(view, 1);
        view[0] = shape[0];
        return index.reshape(view).expand(shape);
    }

    static String cpp(DType dtype) {
        return Internals.get().cppName(dtype);
    }
}
