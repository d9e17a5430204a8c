package org.torch4j.sparse;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Layout;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * A sparse tensor in PyTorch's COO layout ({@code torch.sparse_coo}): an int64 {@code indices} tensor
 * [sparseDim, nnz] giving the coordinates of the specified elements in the first {@code sparseDim} dims, and a
 * {@code values} tensor [nnz, dense sizes...] holding them (a hybrid tensor when it has dense dims). Unspecified
 * elements are zero. Made by {@link Sparse#cooTensor}, {@link Tensor#toSparse()} or
 * {@link SparseCsrTensor#toSparse()}.
 *
 * <p>As in PyTorch, a tensor may hold an index more than once (the values add up) until {@link #coalesce()}
 * sorts the indices and sums the duplicates; {@link #isCoalesced()} tells which. Instances are immutable.
 *
 * <p>Autograd runs through the values: {@link #requiresGrad_(boolean)} makes them require a gradient, the
 * operations here are recorded on them, and {@link #grad()} gives the gradient as a sparse tensor with these
 * indices (PyTorch's sparse {@code .grad}).
 */
public final class SparseCooTensor {
    private final Tensor indices;
    private final Tensor values;
    private final long[] shape;
    private final boolean coalesced;

    SparseCooTensor(Tensor indices, Tensor values, long[] shape, boolean coalesced) {
        this.indices = indices;
        this.values = values;
        this.shape = shape.clone();
        this.coalesced = coalesced || indices.size(1) <= 1;
    }

    // ---- what it is ----

    /** The sizes of all dims, sparse then dense ({@code tensor.shape}). */
    public long[] shape() {
        return shape.clone();
    }

    /** The size of dim {@code dim} (negative counts from the end). */
    public long size(int dim) {
        return shape[wrap(dim)];
    }

    /** The number of dims, {@code sparseDim() + denseDim()}. */
    public int dim() {
        return shape.length;
    }

    /** The number of dims addressed by the indices ({@code sparse_dim()}). */
    public int sparseDim() {
        return (int) indices.size(0);
    }

    /** The number of dims held densely in each value ({@code dense_dim()}). */
    public int denseDim() {
        return shape.length - sparseDim();
    }

    /** The number of specified elements, duplicates included ({@code _nnz()}). */
    public long nnz() {
        return indices.size(1);
    }

    /** The number of elements of the dense tensor this one stands for. */
    public long numel() {
        return Coordinates.product(shape);
    }

    /** The values' dtype. */
    public DType dtype() {
        return values.dtype();
    }

    /** The device of the indices and values. */
    public Device device() {
        return values.device();
    }

    /** {@link Layout#SPARSE_COO}. */
    public Layout layout() {
        return Layout.SPARSE_COO;
    }

    /** Whether the indices are sorted and distinct ({@code is_coalesced()}). */
    public boolean isCoalesced() {
        return coalesced;
    }

    /** The indices [sparseDim, nnz]; PyTorch's {@code indices()}, which refuses an uncoalesced tensor. */
    public Tensor indices() {
        requireCoalesced("indices");
        return indices;
    }

    /** The values [nnz, dense sizes...]; PyTorch's {@code values()}, which refuses an uncoalesced tensor. */
    public Tensor values() {
        requireCoalesced("values");
        return values;
    }

    /** The indices as stored, coalesced or not (PyTorch's {@code _indices()}). */
    public Tensor storedIndices() {
        return indices;
    }

    /** The values as stored, coalesced or not (PyTorch's {@code _values()}). */
    public Tensor storedValues() {
        return values;
    }

    private void requireCoalesced(String what) {
        if (!coalesced) throw new IllegalStateException("Cannot get " + what + " on an uncoalesced tensor, please call .coalesce() first");
    }

    long[] sparseShape() {
        return Arrays.copyOfRange(shape, 0, sparseDim());
    }

    long[] denseShape() {
        return Arrays.copyOfRange(shape, sparseDim(), shape.length);
    }

    private int wrap(int dim) {
        return Internals.get().wrapDim(dim, shape.length);
    }

    // ---- conversions ----

    /**
     * This tensor with sorted, distinct indices, duplicates summed ({@code coalesce()}); itself when it is
     * coalesced already. Differentiable in the values.
     */
    public SparseCooTensor coalesce() {
        if (coalesced) return this;
        long[] sparse = sparseShape();
        Tensor lin = Coordinates.linear(indices, sparse);
        var unique = lin.unique(true, false);
        long n = unique.values().numel();
        Tensor summed = sumRows(values, unique.inverse(), n);
        return new SparseCooTensor(Coordinates.unravel(unique.values(), sparse), summed, shape, true);
    }

    /** Rows of {@code rows} [m, ...] added into {@code n} rows at {@code target} [m] (bool values: any). */
    static Tensor sumRows(Tensor rows, Tensor target, long n) {
        boolean bool = rows.dtype() == DType.BOOL;
        Tensor source = bool ? rows.to(DType.INT64) : rows;
        Tensor out = Torch.zeros(Coordinates.prepend(n, Arrays.copyOfRange(source.shape(), 1, source.dim())), source.dtype(), source.device())
                .indexAdd_(0, target, source);
        return bool ? out.ne(0) : out;
    }

    /** The dense tensor this one stands for ({@code to_dense()}); differentiable in the values. */
    public Tensor toDense() {
        long[] sparse = sparseShape();
        Tensor flat = sumRows(values, Coordinates.linear(indices, sparse), Coordinates.product(sparse));
        return flat.reshape(shape);
    }

    /**
     * The same matrix in the CSR layout ({@code to_sparse_csr()}): 2-d tensors without dense dims only, as in
     * PyTorch 1.13.
     */
    public SparseCsrTensor toSparseCsr() {
        if (shape.length != 2 || sparseDim() != 2)
            throw new IllegalArgumentException("Only 2D tensors can be converted to the SparseCsr layout but got shape: " + Coordinates.list(shape));
        SparseCooTensor c = coalesce();
        Tensor rows = c.indices.select(0, 0);
        Tensor counts = Torch.bincount(rows, null, shape[0]);
        Tensor crow = Torch.cat(List.of(Torch.zeros(new long[] {1}, DType.INT64, counts.device()), counts.cumsum(0)), 0);
        return new SparseCsrTensor(crow, c.indices.select(0, 1).contiguous(), c.values, shape);
    }

    /** This tensor with values of {@code dtype} (as PyTorch's {@code to(dtype)}). */
    public SparseCooTensor to(DType dtype) {
        return dtype == values.dtype() ? this : withValues(values.to(dtype));
    }

    /** This tensor on {@code device}. */
    public SparseCooTensor to(Device device) {
        if (device.equals(values.device())) return this;
        return new SparseCooTensor(indices.to(device), values.to(device), shape, coalesced);
    }

    /** This tensor on the CPU. */
    public SparseCooTensor cpu() {
        return to(Device.CPU);
    }

    /** A copy with copied indices and values ({@code clone()}); differentiable in the values. */
    public SparseCooTensor clone() {
        return new SparseCooTensor(indices.clone(), values.clone(), shape, coalesced);
    }

    /** The same tensor with values detached from the autograd graph ({@code detach()}). */
    public SparseCooTensor detach() {
        return new SparseCooTensor(indices, values.detach(), shape, coalesced);
    }

    // ---- autograd ----

    /** Whether the values require a gradient. */
    public boolean requiresGrad() {
        return values.requiresGrad();
    }

    /** Makes the (leaf) values require a gradient or not; returns this tensor ({@code requires_grad_()}). */
    public SparseCooTensor requiresGrad_(boolean requiresGrad) {
        values.requiresGrad_(requiresGrad);
        return this;
    }

    /**
     * The gradient accumulated into the values by {@code backward()}, as a sparse tensor with these indices,
     * or null when there is none.
     */
    public SparseCooTensor grad() {
        Tensor g = values.grad();
        return g == null ? null : new SparseCooTensor(indices, g, shape, coalesced);
    }

    // ---- elementwise ----

    /** {@code -this} (the coalesced state kept). */
    public SparseCooTensor neg() {
        return withValues(values.neg());
    }

    /** This tensor times a number (the coalesced state kept). */
    public SparseCooTensor mul(double other) {
        return withValues(values.mul(other));
    }

    /** This tensor divided by a number (the coalesced state kept; zero gives infinities, as PyTorch). */
    public SparseCooTensor div(double other) {
        return withValues(values.div(other));
    }

    /**
     * The product with a dense tensor broadcast to this shape ({@code sparse * dense}): sparse, with these
     * indices and each value times the dense element at its place.
     */
    public SparseCooTensor mul(Tensor dense) {
        if (dense.dim() == 0) return withValues(values.mul(dense));
        Tensor full = dense.broadcastTo(Internals.get().broadcastShapes(dense.shape(), shape)).expand(shape);
        long[] sparse = sparseShape();
        Tensor rows = full.reshape(Coordinates.prepend(Coordinates.product(sparse), denseShape()));
        return withValues(values.mul(rows.indexSelect(0, Coordinates.linear(indices, sparse))));
    }

    /**
     * The elementwise product with another sparse tensor of the same shape and sparse dims: the elements both
     * specify (an intersection), sorted; flagged coalesced when both inputs are, as in PyTorch.
     */
    public SparseCooTensor mul(SparseCooTensor other) {
        if (!Arrays.equals(shape, other.shape) || sparseDim() != other.sparseDim())
            throw new IllegalArgumentException("sparse_binary_op_intersection_cpu(): expects sparse inputs with equal dimensionality, "
                    + "number of sparse dimensions, and shape of sparse dimensions");
        SparseCooTensor a = coalesce();
        SparseCooTensor b = other.coalesce();
        long[] sparse = sparseShape();
        Tensor linA = Coordinates.linear(a.indices, sparse);
        Tensor linB = Coordinates.linear(b.indices, sparse);
        if (linA.numel() == 0 || linB.numel() == 0) {
            DType d = Torch.promoteTypes(a.dtype(), b.dtype());
            return new SparseCooTensor(a.indices.narrow(1, 0, 0), a.values.narrow(0, 0, 0).to(d), shape, true);
        }
        Tensor pos = Torch.searchsorted(linB, linA).clamp(0L, linB.numel() - 1);
        Tensor keep = linB.indexSelect(0, pos).eq(linA).nonzero().select(1, 0);
        Tensor product = a.values.indexSelect(0, keep).mul(b.values.indexSelect(0, pos.indexSelect(0, keep)));
        return new SparseCooTensor(a.indices.indexSelect(1, keep), product, shape, coalesced && other.coalesced);
    }

    /** {@code this + other} for sparse tensors of the same shape. */
    public SparseCooTensor add(SparseCooTensor other) {
        return add(other, 1);
    }

    /**
     * {@code this + alpha * other} ({@code torch.add(a, b, alpha=alpha)}) for sparse tensors of the same shape:
     * coalesced when both are (the indices merged), else both index lists one after the other.
     */
    public SparseCooTensor add(SparseCooTensor other, double alpha) {
        if (!Arrays.equals(shape, other.shape))
            throw new IllegalArgumentException("add: expected sizes of 'self' and 'other' to match, but "
                    + Coordinates.list(shape) + " != " + Coordinates.list(other.shape));
        DType d = Torch.promoteTypes(dtype(), other.dtype());
        // an empty side (what zero_() leaves, every dim sparse) adds nothing, whatever its sparse dims
        if (other.nnz() == 0) return to(d);
        if (nnz() == 0) return (alpha == 1 ? other : other.mul(alpha)).to(d);
        if (sparseDim() != other.sparseDim())
            throw new IllegalArgumentException("add: expected 'self' and 'other' to have same sparse dimensions, but got "
                    + sparseDim() + " and " + other.sparseDim());
        Tensor scaled = alpha == 1 ? other.values.to(d) : other.values.to(d).mul(alpha);
        SparseCooTensor joined = new SparseCooTensor(Torch.cat(List.of(indices, other.indices), 1),
                Torch.cat(List.of(values.to(d), scaled), 0), shape, false);
        return coalesced && other.coalesced ? joined.coalesce() : joined;
    }

    /** {@code this - other} for sparse tensors of the same shape. */
    public SparseCooTensor sub(SparseCooTensor other) {
        return add(other, -1);
    }

    /**
     * Each element to the power {@code exponent} ({@code pow}); coalesced first. A zero exponent is refused, as
     * PyTorch refuses it: it would make every unspecified element one.
     */
    public SparseCooTensor pow(double exponent) {
        if (exponent == 0)
            throw new IllegalArgumentException("pow: cannot raise to zeroth power on sparse tensor; it would make the result tensor dense");
        return coalescedMap(v -> v.pow(exponent));
    }

    /** {@code abs} of each element (coalesced first). */
    public SparseCooTensor abs() {
        return coalescedMap(Tensor::abs);
    }

    /** {@code sqrt} of each element (coalesced first). */
    public SparseCooTensor sqrt() {
        return coalescedMap(Tensor::sqrt);
    }

    /** {@code sin} of each element (coalesced first). */
    public SparseCooTensor sin() {
        return coalescedMap(Tensor::sin);
    }

    /** {@code tan} of each element (coalesced first). */
    public SparseCooTensor tan() {
        return coalescedMap(Tensor::tan);
    }

    /** {@code tanh} of each element (coalesced first). */
    public SparseCooTensor tanh() {
        return coalescedMap(Tensor::tanh);
    }

    /** {@code asin} of each element (coalesced first). */
    public SparseCooTensor asin() {
        return coalescedMap(Tensor::asin);
    }

    /** {@code atan} of each element (coalesced first). */
    public SparseCooTensor atan() {
        return coalescedMap(Tensor::atan);
    }

    /** {@code sinh} of each element (coalesced first). */
    public SparseCooTensor sinh() {
        return coalescedMap(Tensor::sinh);
    }

    /** {@code expm1} of each element (coalesced first). */
    public SparseCooTensor expm1() {
        return coalescedMap(Tensor::expm1);
    }

    /** {@code log1p} of each element (coalesced first). */
    public SparseCooTensor log1p() {
        return coalescedMap(Tensor::log1p);
    }

    /** {@code sign} of each element (coalesced first). */
    public SparseCooTensor sign() {
        return coalescedMap(Tensor::sign);
    }

    /** {@code floor} of each element (coalesced first). */
    public SparseCooTensor floor() {
        return coalescedMap(Tensor::floor);
    }

    /** {@code ceil} of each element (coalesced first). */
    public SparseCooTensor ceil() {
        return coalescedMap(Tensor::ceil);
    }

    /** {@code round} of each element (coalesced first). */
    public SparseCooTensor round() {
        return coalescedMap(Tensor::round);
    }

    /** {@code trunc} of each element (coalesced first). */
    public SparseCooTensor trunc() {
        return coalescedMap(Tensor::trunc);
    }

    /** {@code erf} of each element (coalesced first). */
    public SparseCooTensor erf() {
        return coalescedMap(Tensor::erf);
    }

    /** The coalesced tensor with {@code f} applied to its values: for functions that keep zero at zero. */
    private SparseCooTensor coalescedMap(UnaryOperator<Tensor> f) {
        SparseCooTensor c = coalesce();
        return new SparseCooTensor(c.indices, f.apply(c.values), shape, true);
    }

    private SparseCooTensor withValues(Tensor newValues) {
        return new SparseCooTensor(indices, newValues, shape, coalesced);
    }

    // ---- shape ----

    /** The transpose of a 2-d tensor ({@code t()}). */
    public SparseCooTensor t() {
        if (shape.length > 2) throw new IllegalArgumentException("t() expects a tensor with <= 2 dimensions, but self is " + shape.length + "D");
        return shape.length < 2 ? this : transpose(0, 1);
    }

    /**
     * Sparse dims {@code dim0} and {@code dim1} swapped ({@code transpose}): the index rows swap, and the result
     * is not coalesced. Dense dims are refused, as in PyTorch 1.13.
     */
    public SparseCooTensor transpose(int dim0, int dim1) {
        int d0 = wrap(dim0);
        int d1 = wrap(dim1);
        int sd = sparseDim();
        long[] newShape = shape.clone();
        newShape[d0] = shape[d1];
        newShape[d1] = shape[d0];
        if (d0 == d1) return this;
        if (d0 < sd && d1 < sd) {
            Tensor[] rows = new Tensor[sd];
            for (int r = 0; r < sd; r++) rows[r] = indices.select(0, r == d0 ? d1 : r == d1 ? d0 : r);
            return new SparseCooTensor(Torch.stack(Arrays.asList(rows), 0), values, newShape, false);
        }
        throw new IllegalArgumentException("sparse transpose: transposed dimensions must be sparse Got sparse_dim: " + sd
                + ", d0: " + d0 + ", d1: " + d1);
    }

    // ---- products and reductions ----

    /** The product with a dense matrix or vector ({@code torch.mm}, {@code torch.mv} by the operand's rank). */
    public Tensor matmul(Tensor dense) {
        return dense.dim() == 1 ? mv(dense) : mm(dense);
    }

    /** {@link Sparse#mm}{@code (this, dense)}: a dense [n, p] result. */
    public Tensor mm(Tensor dense) {
        return Sparse.mm(this, dense);
    }

    /** The product with a dense vector ({@code torch.mv}): a dense [n] result. */
    public Tensor mv(Tensor vector) {
        if (vector.dim() != 1) throw new IllegalArgumentException("vector + matrix @ vector expected, got 1, " + shape.length + ", " + vector.dim());
        return Sparse.mm(this, vector.unsqueeze(1)).squeeze(1);
    }

    /** The sum of all elements as a dense 0-dim tensor ({@code torch.sparse.sum(input)}). */
    public Tensor sum() {
        return Sparse.sum(this);
    }

    @Override
    public String toString() {
        return Internals.get().formatSparse(new String[] {"indices", "values"}, new Tensor[] {indices, values}, shape, nnz(), Layout.SPARSE_COO);
    }
}
