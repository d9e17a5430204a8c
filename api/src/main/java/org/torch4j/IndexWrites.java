package org.torch4j;

import java.util.Set;

/**
 * Writes addressed by an index vector along one dim, or by a mask: index_fill, index_copy,
 * index_reduce and masked_scatter, out of place and in place. Each checks its arguments with
 * PyTorch's messages, then lowers to where/scatter/scatter_reduce/index_select, whose gradients
 * are index_copy's and friends' (PyTorch's derivatives.yaml says the same).
 */
final class IndexWrites {
    private IndexWrites() {}

    private static final Set<String> INDEX_REDUCTIONS = Set.of("prod", "mean", "amax", "amin");

    /** torch.index_fill: {@code value} (a 0-dim tensor, cast to t's dtype) at the given positions of {@code dim}. */
    static Tensor indexFill(Tensor t, int dim, Tensor index, Tensor value) {
        int d = Shapes.wrapDim(dim, t.dim());
        if (index.dtype() != DType.INT64) throw new IndexOutOfBoundsException("index_fill_(): Expected dtype int64 for index.");
        if (index.dim() > 1) throw new IllegalArgumentException("Index has to be a vector/scalar");
        if (value.dim() != 0) {
            throw new IllegalArgumentException("index_fill_ only supports a 0-dimensional value tensor, but got tensor with "
                    + value.dim() + " dimension(s).");
        }
        long size = t.dim() == 0 ? 1 : t.shape[d];
        boolean[] hit = new boolean[(int) size];
        for (long i : index.toLongArray()) {
            if (i < -size || i >= size) {
                throw new IndexOutOfBoundsException("index " + i + " is out of bounds for dimension " + d + " with size " + size);
            }
            hit[(int) (i < 0 ? i + size : i)] = true;
        }
        Tensor mask = Torch.tensor(hit, new long[] {size}).reshape(alongDim(t.dim(), d, size)).to(t.device());
        return Pointwise.where(mask, value.to(t), t);
    }

    /** torch.index_copy: the slices of {@code source} along {@code dim} written at the positions in {@code index}. */
    static Tensor indexCopy(Tensor t, int dim, Tensor index, Tensor source) {
        int d = Shapes.wrapDim(dim, t.dim());
        if (index.dim() > 1) {
            throw new IndexOutOfBoundsException("index_copy_(): Index should have dimension 1 or 0 (got " + index.dim() + ")");
        }
        long n = index.numel(), sourceSize = slices(source, d);
        if (source.dim() == 0 && n != 1) {
            throw new IndexOutOfBoundsException("index_copy_(): When source is scalar, index should have one element (got " + n + ")");
        }
        if (source.dim() > 0 && n != sourceSize) {
            throw new IndexOutOfBoundsException("index_copy_(): Number of indices (" + n + ") should be equal to source.size(dim) ("
                    + sourceSize + ")");
        }
        if (index.dtype() != DType.INT64) {
            throw new IllegalArgumentException("index_copy_(): Expected a long tensor for index, but got " + Printer.cppName(index.dtype()));
        }
        if (t.dtype() != source.dtype()) {
            throw new IllegalArgumentException("index_copy_(): self and source expected to have the same dtype, but got (self) "
                    + Printer.cppName(t.dtype()) + " and (source) " + Printer.cppName(source.dtype()));
        }
        if (t.dim() > 0 && source.dim() > 0 && t.dim() != source.dim()) {
            throw new IndexOutOfBoundsException("index_copy_(): When source and destination are not scalars, their dimensionality "
                    + "must match. Source dimensionality (" + source.dim() + "), destination dimensionality (" + t.dim() + ")");
        }
        checkSlices(t, source, d);
        long size = t.dim() == 0 ? 1 : t.shape[d];
        for (long i : index.toLongArray()) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("index_copy_(): index " + i + " is out of bounds for dimension " + d
                        + " with size " + size);
            }
        }
        // scatter (overwrite) with the index repeated across each slice: its gradients are index_copy's
        Tensor self = t.dim() == 0 ? t.reshape(1) : t;
        Tensor src = source.reshape(self.dim() == 1 && source.dim() == 0 ? new long[] {1} : source.shape());
        return self.scatter(d, spread(index, src, d), src).reshape(t.shape());
    }

    /** The number of slices of {@code source} along {@code d} (a 0-dim source is one slice). */
    private static long slices(Tensor source, int d) {
        return source.dim() == 0 ? 1 : source.shape[Math.min(d, source.dim() - 1)];
    }

    /** Slice shapes (all dims but {@code d}) must agree, in PyTorch's words for index_copy. */
    private static void checkSlices(Tensor t, Tensor source, int d) {
        if (t.dim() == 0 || source.dim() == 0) return;
        long[] a = Views.remove(t.shape(), d), b = Views.remove(source.shape(), d);
        if (!java.util.Arrays.equals(a, b)) {
            throw new IllegalArgumentException("index_copy_(): Source/destination tensor must have same slice shapes. "
                    + "Destination slice shape: " + words(a) + " at dimension " + d + " and source slice shape: " + words(b)
                    + " at dimension " + d + ".");
        }
    }

    private static String words(long[] shape) {
        StringBuilder s = new StringBuilder();
        for (long v : shape) s.append(s.isEmpty() ? "" : " ").append(v);
        return s.toString();
    }

    /**
     * torch.index_reduce: the slices of {@code source} combined (prod, mean, amax or amin) into t's
     * slices at the positions in {@code index}, with t's own values when {@code includeSelf}.
     */
    static Tensor indexReduce(Tensor t, int dim, Tensor index, Tensor source, String reduce, boolean includeSelf) {
        if (!INDEX_REDUCTIONS.contains(reduce)) {
            throw new IllegalArgumentException("index_reduce(): Expected reduce to be one of prod, mean, amax or amin but got "
                    + reduce + ".");
        }
        int d = Shapes.wrapDim(dim, t.dim());
        if (index.dim() > 1) throw new IndexOutOfBoundsException("index_reduce_(): Index is supposed to be a vector");
        if (index.dtype() != DType.INT64 && index.dtype() != DType.INT32) {
            throw new IllegalArgumentException("index_reduce_(): Expected dtype int32/int64 for index but got: "
                    + Printer.cppName(index.dtype()));
        }
        if (t.dtype() != source.dtype()) {
            throw new IllegalArgumentException("index_reduce_(): self (" + Printer.cppName(t.dtype()) + ") and source ("
                    + Printer.cppName(source.dtype()) + ") must have the same scalar type");
        }
        long n = index.numel(), sourceSize = slices(source, d);
        if (n != sourceSize) {
            throw new IllegalArgumentException("index_reduce_(): Number of indices (" + n + ") should be equal to source.size(dim): ("
                    + sourceSize + "), for dim: " + dim);
        }
        if (t.dim() > 0 && source.dim() > 0) {
            long[] a = Views.remove(t.shape(), d), b = Views.remove(source.shape(), d);
            Shapes.broadcast(a, b);
            if (!java.util.Arrays.equals(a, b)) {
                throw new IllegalArgumentException("index_reduce_(): Source/destination tensor must have same slice shapes");
            }
        }
        long size = t.dim() == 0 ? 1 : t.shape[d];
        for (long i : index.toLongArray()) {
            if (i < 0 || i >= size) throw new IndexOutOfBoundsException("index out of range in self");
        }
        Tensor self = t.dim() == 0 ? t.reshape(1) : t;
        Tensor src = source.dim() == 0 ? source.reshape(1) : source;
        return self.scatterReduce(d, spread(index.to(DType.INT64), src, d), src, reduce, includeSelf).reshape(t.shape());
    }

    /** The index vector laid along {@code d} and expanded to {@code like}'s shape (a scatter index). */
    private static Tensor spread(Tensor index, Tensor like, int d) {
        return index.reshape(alongDim(like.dim(), d, index.numel())).expand(like.shape()).to(like.device());
    }

    /** A shape of {@code rank} ones with {@code size} at {@code d} (at least one dim). */
    private static long[] alongDim(int rank, int d, long size) {
        long[] s = new long[Math.max(rank, 1)];
        java.util.Arrays.fill(s, 1);
        s[d] = size;
        return s;
    }

    /**
     * torch.masked_scatter: where the (broadcast) mask is true, the elements of {@code source} in
     * row-major order; elsewhere t. The result has the broadcast shape of t and mask.
     */
    static Tensor maskedScatter(Tensor t, Tensor mask, Tensor source) {
        if (t.dtype() != source.dtype()) {
            throw new IllegalArgumentException("masked_scatter: expected self and source to have same dtypes but got"
                    + Printer.cppName(t.dtype()) + " and " + Printer.cppName(source.dtype()));
        }
        long[] shape = Shapes.broadcast(t.shape(), mask.shape());
        Tensor m = (mask.dtype() == DType.BOOL ? mask : mask.ne(0.0)).to(t.device()).expand(shape).reshape(-1);
        long ones = m.sum().itemLong();
        if (ones > source.numel()) throw new IllegalArgumentException("Number of elements of source < number of ones in mask");
        Tensor self = t.expand(shape);
        if (ones == 0) return self.clone();
        // element k of the flattened result takes source element (number of true mask entries before it)
        Tensor pos = m.toLong().cumsum(0).sub(1L).clampMin(0);
        Tensor taken = source.reshape(-1).indexSelect(0, pos).reshape(shape);
        return Pointwise.where(m.reshape(shape), taken, self);
    }

    /**
     * The trailing-underscore forms: the out-of-place op, whose result must have self's shape, written
     * into self (under autograd self takes the op's history).
     */
    static Tensor inPlace(Tensor self, long[] resultShape, java.util.function.UnaryOperator<Tensor> op) {
        return Pointwise.inPlace(self, op, self.dtype(), resultShape);
    }
}
