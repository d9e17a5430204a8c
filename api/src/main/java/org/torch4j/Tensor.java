package org.torch4j;

import java.util.List;
import org.torch4j.spi.BinaryOp;
import org.torch4j.spi.ReduceOp;
import org.torch4j.spi.Storage;
import org.torch4j.spi.Strided;
import org.torch4j.spi.UnaryOp;

/**
 * An n-dimensional array with PyTorch's semantics: a dtype, a device, a shape, and strides over a
 * storage that views share. Ops return new tensors; methods ending in {@code _} work in place.
 *
 * <p>Tensors are {@link AutoCloseable}: closing one releases its reference to the storage (device
 * memory is freed when the last view closes). Most code never closes tensors by hand but runs in a
 * {@link Torch#scope()}, which closes what it created.
 *
 * <pre>{@code
 * Tensor w = Torch.arange(12).reshape(3, 4).mul(0.5);   // int64 * double -> float32
 * System.out.println(w.sum(1));                          // tensor([ 3., 11., 19.])
 * }</pre>
 */
public class Tensor implements AutoCloseable {

    static {
        InternalsImpl.register();
    }

    // Not final: Parameter.setData and Module.to(device) swap a parameter's data in place, keeping
    // its identity (optimizers hold the object), as PyTorch's `param.data = ...` does.
    Storage storage;
    /** The element type: the storage's, except for complex tensors over a real storage of pairs. */
    DType dtype;
    long[] shape;
    long[] strides;
    long offset;

    /** The scope that owns this tensor, or null. */
    Scope scope;
    private volatile boolean closed;

    // autograd state (see Autograd)
    boolean requiresGrad;
    Tensor grad;
    /** The gradient of ops with sparse gradients ({@code Embedding(sparse=true)}), PyTorch's sparse {@code .grad}. */
    org.torch4j.sparse.SparseCooTensor sparseGrad;
    Node gradFn;
    int outputNr;
    boolean retainsGrad;
    /** The hook that keeps this non-leaf's gradient (retain_grad), on the node of the history it was set on. */
    Autograd.RetainedGrad retainedGrad;
    java.util.List<java.util.function.UnaryOperator<Tensor>> hooks;
    /** For views created under autograd: the tensor this one views, so in-place ops can rebase. */
    Tensor viewBase;
    /** Bases: bumped whenever an in-place op gives this tensor a new history (see {@link ViewHistory}). */
    int historyVersion;
    /** Views: the base's historyVersion this view's gradFn reflects. */
    int seenBaseHistory;
    /** Views made with grad mode off, which PyTorch forbids to follow an in-place op on their base. */
    boolean madeWithoutGrad;
    /** The AccumulateGrad node of a leaf that requires grad (shared by every use of the leaf). */
    Autograd.AccumulateGrad accumulator;
    /** Created in inference mode: may not be saved for backward outside it. */
    boolean inference;
    /** A Java scalar turned into a 0-dim tensor: promotes as a scalar, not as a tensor. */
    boolean wrappedNumber;
    /** A wrapped number's Java value (Double or Long), which {@link #item()} returns without reading the storage. */
    Number wrappedValue;

    Tensor(Storage storage, long[] shape, long[] strides, long offset) {
        this(storage, storage.dtype(), shape, strides, offset);
    }

    /** A tensor of {@code dtype} over {@code storage}: a complex dtype over its real storage of pairs. */
    Tensor(Storage storage, DType dtype, long[] shape, long[] strides, long offset) {
        this.storage = storage;
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.inference = GradMode.isInference();
        Scope.adopt(this);
    }

    /**
     * For subclasses ({@code Parameter}): a new tensor object sharing {@code data}'s storage and layout.
     * It starts outside any autograd graph.
     */
    protected Tensor(Tensor data) {
        this(retained(data), data.dtype, data.shape, data.strides, data.offset);
    }

    private static Storage retained(Tensor data) {
        data.checkOpen();
        data.storage.retain();
        return data.storage;
    }

    /** Makes this tensor use {@code data}'s storage and layout (PyTorch's {@code t.data = data}). */
    protected void replaceData(Tensor data) {
        data.checkOpen();
        if (data.storage != storage) {
            data.storage.retain();
            Storage old = storage;
            storage = data.storage;
            old.release();
        }
        dtype = data.dtype;
        shape = data.shape;
        strides = data.strides;
        offset = data.offset;
    }

    /** A new tensor object over the same storage (a view), taking a storage reference. */
    Tensor view(long[] newShape, long[] newStrides, long newOffset) {
        checkOpen();
        storage.retain();
        return new Tensor(storage, dtype, newShape, newStrides, newOffset);
    }

    // ---- properties ----------------------------------------------------------------------------

    /** The sizes of each dimension (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** Same as {@link #shape()}, PyTorch's {@code size()}. */
    public long[] size() {
        return shape.clone();
    }

    /** The size of one dimension (negative dims count from the end). */
    public long size(int dim) {
        return shape[Shapes.wrapExistingDim(dim, shape.length)];
    }

    /** The number of dimensions. */
    public int dim() {
        return shape.length;
    }

    /** The number of elements. */
    public long numel() {
        return Shapes.numel(shape);
    }

    /** The element type ({@code torch.complex64} for a complex tensor, whose storage is float32). */
    public DType dtype() {
        return dtype;
    }

    /** The device the storage lives on. */
    public Device device() {
        return storage.device();
    }

    /** Element strides per dimension (a copy). */
    public long[] stride() {
        return strides.clone();
    }

    /**
     * The stride of one dimension, in elements ({@code Tensor.stride(dim)}); {@code dim} may be negative.
     *
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public long stride(int dim) {
        return strides[Shapes.wrapExistingDim(dim, shape.length)];
    }

    /** The element offset of this view into its storage. */
    public long storageOffset() {
        return offset;
    }

    /** Bytes per element. */
    public int elementSize() {
        return dtype().itemSize();
    }

    /** True for real floating dtypes (false for complex ones, as PyTorch's {@code is_floating_point}). */
    public boolean isFloatingPoint() {
        return dtype().isFloatingPoint();
    }

    /** True for complex64 and complex128 tensors. */
    public boolean isComplex() {
        return dtype.isComplex();
    }

    // ---- complex numbers (see docs/complex.md) ---------------------------------------------------

    /**
     * The real parts as a view (writes through it change this tensor), as PyTorch's {@code .real};
     * a real tensor is returned itself.
     */
    public Tensor real() {
        return Complexes.real(this);
    }

    /** The imaginary parts as a view; PyTorch's error for a real tensor. */
    public Tensor imag() {
        return Complexes.imag(this);
    }

    /** The complex conjugate as a new tensor; a real tensor is returned itself. */
    public Tensor conj() {
        return Complexes.conj(this);
    }

    /**
     * The argument of each element, atan2(imag, real), as a real tensor; for real tensors pi for
     * negative elements and 0 otherwise (NaN stays NaN), in the default float dtype for integers.
     */
    public Tensor angle() {
        return Complexes.angle(this);
    }

    /** True when the elements are dense in row-major order. */
    public boolean isContiguous() {
        return Shapes.isContiguous(shape, strides);
    }

    /** The storage's version counter: in-place ops bump it (PyTorch's {@code _version}). */
    public int version() {
        return storage.version();
    }

    /** The kernel view of this tensor: storage, shape, strides, offset (for backend and ONNX code). */
    public Strided strided() {
        checkOpen();
        return Dispatch.strided(this);
    }

    /** True when this tensor and {@code other} share a storage. */
    public boolean sharesStorageWith(Tensor other) {
        return storage == other.storage;
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    /** Releases this tensor's reference to its storage; using it afterwards is an error. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        storage.release();
    }

    /**
     * True once {@link #close()} ran (directly or through its {@link Scope}); a closed tensor can no longer
     * be used.
     */
    public boolean isClosed() {
        return closed;
    }

    /** Keeps this tensor alive past the current {@link Scope}; returns this. */
    public Tensor keep() {
        Scope.release(this);
        return this;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This tensor was closed" + (scope == null ? "" : " by its scope")
                    + " and can no longer be used; call keep() on tensors that must outlive their scope.");
        }
    }

    // ---- conversion -----------------------------------------------------------------------------

    /**
     * This tensor with another dtype (a copy laid out as this tensor where it is dense, as {@link #clone()}; or this
     * when the dtype already matches).
     */
    public Tensor to(DType dtype) {
        return Conversions.toDtype(this, dtype, false);
    }

    /**
     * This tensor laid out in {@code format} ({@code tensor.to(memory_format=...)}): itself when its strides already
     * suggest that format (or for {@link MemoryFormat#PRESERVE}), else a copy with exactly the format's strides
     * ({@link #clone(MemoryFormat)}). Unlike {@link #contiguous(MemoryFormat)}, an ambiguous tensor (size-1 dims, as
     * [N, C, 1, 1]) whose strides read as contiguous is copied too.
     *
     * @throws IllegalArgumentException for a channels-last format on a tensor of another rank
     */
    public Tensor to(MemoryFormat format) {
        if (format == MemoryFormat.PRESERVE || MemoryFormat.suggest(shape, strides) == format) return this;
        return clone(format);
    }

    /** This tensor on another device (a copy, or this when it is already there). */
    public Tensor to(Device device) {
        return Conversions.toDevice(this, device);
    }

    /** {@code to(Device.of(device))}: {@code "cpu"}, {@code "cuda"}, {@code "cuda:1"}. */
    public Tensor to(String device) {
        return to(Device.of(device));
    }

    /**
     * This tensor with {@code other}'s dtype and device ({@code tensor.to(other)}): itself when both already match, else
     * converted on this tensor's device and then moved.
     */
    public Tensor to(Tensor other) {
        return to(other.dtype()).to(other.device());
    }

    // ---- sparse layouts -------------------------------------------------------------------------

    /** {@link Layout#STRIDED}: a {@code Tensor} is dense; the sparse layouts are their own classes. */
    public Layout layout() {
        return Layout.STRIDED;
    }

    /** {@code to_sparse()}: this tensor in the COO layout, every dim sparse (see {@link #toSparse(int)}). */
    public org.torch4j.sparse.SparseCooTensor toSparse() {
        return org.torch4j.sparse.Sparse.toSparse(this, dim());
    }

    /**
     * {@code to_sparse(sparse_dim)}: this tensor in the COO layout with its first {@code sparseDim} dims sparse
     * and the rest held densely per index; an index is kept where its slice has a non-zero element. Coalesced;
     * differentiable.
     */
    public org.torch4j.sparse.SparseCooTensor toSparse(int sparseDim) {
        return org.torch4j.sparse.Sparse.toSparse(this, sparseDim);
    }

    /** {@code to_sparse_csr()}: this matrix in the CSR layout (2-d tensors; differentiable). */
    public org.torch4j.sparse.SparseCsrTensor toSparseCsr() {
        if (dim() != 2)
            throw new IllegalArgumentException("Only 2D tensors can be converted to the SparseCsr layout but got shape: "
                    + java.util.Arrays.toString(shape));
        return toSparse().toSparseCsr();
    }

    /**
     * {@code sparse_mask(mask)}: this tensor's elements at the indices of the coalesced sparse {@code mask}, as a
     * sparse tensor with those indices (differentiable).
     */
    public org.torch4j.sparse.SparseCooTensor sparseMask(org.torch4j.sparse.SparseCooTensor mask) {
        return org.torch4j.sparse.Sparse.sparseMask(this, mask);
    }

    /** {@code this + sparse}: a dense tensor of this shape (no broadcasting, as in PyTorch). */
    public Tensor add(org.torch4j.sparse.SparseCooTensor sparse) {
        return org.torch4j.sparse.Sparse.add(this, sparse, 1);
    }

    /** {@code this + alpha * sparse}: a dense tensor of this shape. */
    public Tensor add(org.torch4j.sparse.SparseCooTensor sparse, double alpha) {
        return org.torch4j.sparse.Sparse.add(this, sparse, alpha);
    }

    /**
     * {@code this.add_(sparse, alpha=alpha)}: adds {@code alpha * sparse} into this contiguous tensor of the same
     * shape in place, entry by entry (duplicates add up); returns this tensor.
     */
    public Tensor add_(org.torch4j.sparse.SparseCooTensor sparse, double alpha) {
        org.torch4j.sparse.Sparse.addInPlace(this, sparse, alpha);
        return this;
    }

    /** {@code this * sparse}: sparse, the sparse tensor's values times this tensor (broadcast) at their places. */
    public org.torch4j.sparse.SparseCooTensor mul(org.torch4j.sparse.SparseCooTensor sparse) {
        return sparse.mul(this);
    }

    /** This tensor on the CPU ({@code Tensor.cpu()}): itself when it is already there, else a copy. */
    public Tensor cpu() {
        return to(Device.CPU);
    }

    /**
     * This tensor on the current CUDA device ({@code Tensor.cuda()}): itself when it is already there, else a
     * copy.
     *
     * @throws IllegalStateException if no CUDA backend is installed
     */
    public Tensor cuda() {
        return to(new Device("cuda", -1));
    }

    /** This tensor as float32 ({@code Tensor.float()}): itself when it already is, else a converted copy. */
    public Tensor toFloat() {
        return to(DType.FLOAT32);
    }

    /** This tensor as float64 ({@code Tensor.double()}): itself when it already is, else a converted copy. */
    public Tensor toDouble() {
        return to(DType.FLOAT64);
    }

    /** This tensor as int64 ({@code Tensor.long()}): itself when it already is, else a converted copy. */
    public Tensor toLong() {
        return to(DType.INT64);
    }

    /** This tensor as int32 ({@code Tensor.int()}): itself when it already is, else a converted copy. */
    public Tensor toInt() {
        return to(DType.INT32);
    }

    /** This tensor as float16 ({@code Tensor.half()}): itself when it already is, else a converted copy. */
    public Tensor toHalf() {
        return to(DType.FLOAT16);
    }

    /** This tensor as bfloat16 ({@code Tensor.bfloat16()}): itself when it already is, else a converted copy. */
    public Tensor toBFloat16() {
        return to(DType.BFLOAT16);
    }

    /** This tensor as bool ({@code Tensor.bool()}): itself when it already is, else a converted copy. */
    public Tensor toBool() {
        return to(DType.BOOL);
    }

    /** {@code to(UINT8)} ({@code Tensor.byte()}). */
    public Tensor toByte() {
        return to(DType.UINT8);
    }

    /** {@code to(INT16)} ({@code Tensor.short()}). */
    public Tensor toShort() {
        return to(DType.INT16);
    }

    /** {@code to(COMPLEX64)} ({@code Tensor.cfloat()}). */
    public Tensor toCFloat() {
        return to(DType.COMPLEX64);
    }

    /** {@code to(COMPLEX128)} ({@code Tensor.cdouble()}). */
    public Tensor toCDouble() {
        return to(DType.COMPLEX128);
    }

    /** Whether {@code other} has the same shape ({@code is_same_size}). */
    public boolean isSameSize(Tensor other) {
        return java.util.Arrays.equals(shape, other.shape);
    }

    /**
     * A copy (a new storage) laid out as this tensor where it is dense, a transposed or channels-last tensor keeping
     * its strides ({@code clone(MemoryFormat.PRESERVE)}, PyTorch's default); gradients flow through it.
     */
    public Tensor clone() {
        return clone(MemoryFormat.PRESERVE);
    }

    /**
     * A copy laid out in {@code format} ({@code torch.clone(memory_format=...)}); gradients flow through it.
     *
     * @throws IllegalArgumentException for a channels-last format on a tensor that is not 4-d (5-d for
     *     {@link MemoryFormat#CHANNELS_LAST_3D})
     */
    public Tensor clone(MemoryFormat format) {
        return Conversions.copyOf(this, format);
    }

    /** This tensor if contiguous, else a contiguous copy. */
    public Tensor contiguous() {
        return isContiguous() ? this : clone(MemoryFormat.CONTIGUOUS);
    }

    /**
     * This tensor if already laid out in {@code format}, else a copy that is ({@code contiguous(memory_format=...)}):
     * {@code x.contiguous(MemoryFormat.CHANNELS_LAST)} stores a 4-d [N, C, H, W] tensor as N, H, W, C.
     *
     * @throws IllegalArgumentException for {@link MemoryFormat#PRESERVE} on a tensor that is not contiguous, and
     *     for a channels-last format on a tensor of another rank
     */
    public Tensor contiguous(MemoryFormat format) {
        if (isContiguous(format)) return this;
        if (format == MemoryFormat.PRESERVE) throw new IllegalArgumentException("preserve memory format is unsupported by the contiguous operator");
        return clone(format);
    }

    /**
     * Whether the elements are dense in {@code format}'s order, size-1 dims ignored ({@code is_contiguous(memory_format=...)}):
     * false for a channels-last format on a tensor of another rank; {@link MemoryFormat#PRESERVE} asks
     * {@link #isContiguous()}, as PyTorch.
     */
    public boolean isContiguous(MemoryFormat format) {
        return format == MemoryFormat.PRESERVE ? isContiguous() : format.matches(shape, strides);
    }

    /** The single value of a one-element tensor, as a double. */
    public double item() {
        return Conversions.item(this);
    }

    /** The single value of a one-element tensor, as a long (exact for int64). */
    public long itemLong() {
        return Conversions.itemLong(this);
    }

    /** The single value of a one-element tensor, as a boolean. */
    public boolean itemBool() {
        return Conversions.item(this) != 0;
    }

    /** The elements in row-major order as floats. */
    public float[] toFloatArray() {
        return (float[]) Conversions.toArray(this, DType.FLOAT32);
    }

    /** The elements in row-major order as doubles (converted from the tensor's dtype). */
    public double[] toDoubleArray() {
        return (double[]) Conversions.toArray(this, DType.FLOAT64);
    }

    /** The elements in row-major order as longs (floating values truncated toward zero). */
    public long[] toLongArray() {
        return (long[]) Conversions.toArray(this, DType.INT64);
    }

    /** The elements in row-major order as ints (converted as {@code Tensor.to(torch.int32)} converts). */
    public int[] toIntArray() {
        return (int[]) Conversions.toArray(this, DType.INT32);
    }

    /** The elements in row-major order as booleans (non-zero is true). */
    public boolean[] toBooleanArray() {
        byte[] b = (byte[]) Conversions.toArray(this, DType.BOOL);
        boolean[] r = new boolean[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[i] != 0;
        return r;
    }

    /** PyTorch's print form, e.g. {@code tensor([[0.1000, 2.0000]])}, summarised when large. */
    @Override
    public String toString() {
        return Printer.format(this);
    }

    // ---- views ----------------------------------------------------------------------------------

    /** A view with another shape (one size may be -1); fails when the strides do not allow it. */
    public Tensor view(long... shape) {
        return Views.view(this, shape);
    }

    /** A view when possible, else a copy, with another shape. */
    public Tensor reshape(long... shape) {
        return Views.reshape(this, shape);
    }

    /** {@code view(other.shape())} ({@code Tensor.view_as}). */
    public Tensor viewAs(Tensor other) {
        return view(other.shape);
    }

    /** {@code reshape(other.shape())} ({@code Tensor.reshape_as}). */
    public Tensor reshapeAs(Tensor other) {
        return reshape(other.shape);
    }

    /** Reorders the dimensions. */
    public Tensor permute(int... dims) {
        return Views.permute(this, dims);
    }

    /** Swaps two dimensions. */
    public Tensor transpose(int dim0, int dim1) {
        return Views.transpose(this, dim0, dim1);
    }

    /** The transpose of a tensor of at most 2 dimensions. */
    public Tensor t() {
        if (dim() > 2) throw new IllegalArgumentException("t() expects a tensor with <= 2 dimensions, but self is " + dim() + "D");
        return dim() < 2 ? Views.alias(this, "TBackward0") : transpose(0, 1);
    }

    /** Transposes the last two dimensions ({@code .mT}); a 0-dim tensor is returned as it is, as PyTorch 1.13. */
    public Tensor mT() {
        if (dim() == 0) return this;
        if (dim() < 2) throw new IllegalArgumentException("tensor.mT is only supported on matrices or batches of matrices. Got " + dim() + "-D tensor.");
        return transpose(-2, -1);
    }

    /** The conjugate transpose of the last two dimensions ({@code .mH}); the conjugate of a 0-dim tensor. */
    public Tensor mH() {
        if (dim() == 1) throw new IllegalArgumentException("tensor.mH is only supported on matrices or batches of matrices. Got 1-D tensor.");
        return dim() == 0 ? conj() : transpose(-2, -1).conj();
    }

    /** {@link #mH()} under the name of {@code torch.adjoint} / {@code Tensor.adjoint()}. */
    public Tensor adjoint() {
        if (dim() == 1) throw new IllegalArgumentException("tensor.adjoint() is only supported on matrices or batches of matrices. Got 1-D tensor.");
        return mH();
    }

    /** The conjugate transpose of a matrix ({@code .H}); a 0-dim tensor's conjugate. For batches use {@link #mH()}. */
    public Tensor H() {
        if (dim() == 0) return conj();
        if (dim() != 2) {
            throw new IllegalArgumentException("tensor.H is only supported on matrices (2-D tensors). Got " + dim() + "-D tensor."
                    + (dim() > 2 ? " For batches of matrices, consider using tensor.mH" : ""));
        }
        return transpose(0, 1).conj();
    }

    /** All dimensions in reverse order ({@code .T}): the transpose of a matrix, a view. */
    public Tensor T() {
        int[] dims = new int[dim()];
        for (int i = 0; i < dims.length; i++) dims[i] = dims.length - 1 - i;
        return permute(dims);
    }

    /** Moves dimension {@code source} to position {@code destination}. */
    public Tensor movedim(int source, int destination) {
        return Views.movedim(this, source, destination);
    }

    /** {@code length} elements of dimension {@code dim} starting at {@code start}. */
    public Tensor narrow(int dim, long start, long length) {
        return Views.narrow(this, dim, start, length);
    }

    /** Selects one index of a dimension, removing it. */
    public Tensor select(int dim, long index) {
        return Views.select(this, dim, index);
    }

    /** {@code x[..., start:end:step, ...]} along one dimension (clamped like Python slices). */
    public Tensor slice(int dim, long start, long end, long step) {
        return Views.slice(this, dim, start, end, step);
    }

    /** Broadcasts size-1 dimensions to larger sizes (-1 keeps a size), without copying. */
    public Tensor expand(long... sizes) {
        return Views.expand(this, sizes);
    }

    /** {@code expand(other.shape())}, traced as a broadcast to {@code other}'s (possibly dynamic) shape. */
    public Tensor expandAs(Tensor other) {
        return Views.expandAs(this, other);
    }

    /** Removes every dimension of size 1. */
    public Tensor squeeze() {
        return Views.squeeze(this);
    }

    /** Removes dimension {@code dim} if its size is 1. */
    public Tensor squeeze(int dim) {
        return Views.squeeze(this, dim);
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public Tensor unsqueeze(int dim) {
        return Views.unsqueeze(this, dim);
    }

    /**
     * All dimensions merged into one ({@code Tensor.flatten()}, with {@code start_dim = 0, end_dim = -1}); a
     * view when the strides allow it.
     */
    public Tensor flatten() {
        return flatten(0, -1);
    }

    /** Merges dimensions {@code startDim..endDim} into one. */
    public Tensor flatten(int startDim, int endDim) {
        return Views.flatten(this, startDim, endDim);
    }

    /** Splits dimension {@code dim} into {@code sizes} (one may be -1). */
    public Tensor unflatten(int dim, long... sizes) {
        return Views.unflatten(this, dim, sizes);
    }

    /** All windows of {@code size} elements with step {@code step} along {@code dim}, as a new last dim. */
    public Tensor unfold(int dim, long size, long step) {
        return Views.unfold(this, dim, size, step);
    }

    /** A view with explicit sizes, strides and storage offset. */
    public Tensor asStrided(long[] size, long[] stride, long storageOffset) {
        return Views.asStrided(this, size, stride, storageOffset);
    }

    /** {@link #asStrided(long[], long[], long)} keeping this view's storage offset. */
    public Tensor asStrided(long[] size, long[] stride) {
        return asStrided(size, stride, offset);
    }

    /** The diagonal of the last... of dims {@code dim1}, {@code dim2} with an offset, as a view. */
    public Tensor diagonal(long offset, int dim1, int dim2) {
        return Views.diagonal(this, offset, dim1, dim2);
    }

    /**
     * The main diagonal of dimensions 0 and 1, as a view ({@code Tensor.diagonal()} with {@code offset = 0,
     * dim1 = 0, dim2 = 1}).
     */
    public Tensor diagonal() {
        return diagonal(0, 0, 1);
    }

    /** Splits into chunks of {@code splitSize} along {@code dim} (the last may be smaller). */
    public List<Tensor> split(long splitSize, int dim) {
        return Views.split(this, splitSize, dim);
    }

    /** {@link #split(long, int)} along dimension 0. */
    public List<Tensor> split(long splitSize) {
        return split(splitSize, 0);
    }

    /** Splits into pieces of the given sizes along {@code dim}. */
    public List<Tensor> splitWithSizes(long[] sizes, int dim) {
        return Views.splitWithSizes(this, sizes, dim);
    }

    /** Splits into {@code chunks} nearly equal pieces along {@code dim}. */
    public List<Tensor> chunk(int chunks, int dim) {
        return Views.chunk(this, chunks, dim);
    }

    /** {@link #chunk(int, int)} along dimension 0. */
    public List<Tensor> chunk(int chunks) {
        return chunk(chunks, 0);
    }

    /** Removes dimension {@code dim}, returning each slice. */
    public List<Tensor> unbind(int dim) {
        return Views.unbind(this, dim);
    }

    /** {@link #unbind(int)} along dimension 0: the slices {@code this[i]}, as views. */
    public List<Tensor> unbind() {
        return unbind(0);
    }

    /** Subscripting with slices, integers, new axes, an ellipsis and index tensors. */
    public Tensor index(Index... indices) {
        return IndexOps.index(this, indices);
    }

    /** The element at integer coordinates, as a 0-dim tensor (a view). */
    public Tensor get(long... coordinates) {
        if (coordinates.length == 0) return Views.alias(this, "AliasBackward0");   // x[()]: a view, as PyTorch's
        Tensor t = this;
        for (long c : coordinates) t = t.select(0, c);
        return t;
    }

    // ---- elementwise: arithmetic ----------------------------------------------------------------

    /** {@code this + other}, broadcasting and promoting the dtypes as {@code torch.add} does. */
    public Tensor add(Tensor other) {
        return Pointwise.binary(BinaryOp.ADD, this, other, 1.0);
    }

    /** {@code this + alpha * other}. */
    public Tensor add(Tensor other, double alpha) {
        return Pointwise.binary(BinaryOp.ADD, this, other, alpha);
    }

    /**
     * {@code this + other} for a Python float: an integral or bool tensor gives the default floating dtype, a
     * floating one keeps its dtype.
     */
    public Tensor add(double other) {
        return Pointwise.binary(BinaryOp.ADD, this, Pointwise.number(this, other), 1.0);
    }

    /** {@code this + other} for a Python int: the tensor keeps its dtype (bool gives int64). */
    public Tensor add(long other) {
        return Pointwise.binary(BinaryOp.ADD, this, Pointwise.number(this, other), 1.0);
    }

    /**
     * {@code this - other}, broadcasting and promoting the dtypes as {@code torch.sub} does (bool tensors are
     * an error, as in PyTorch).
     */
    public Tensor sub(Tensor other) {
        return Pointwise.binary(BinaryOp.SUB, this, other, 1.0);
    }

    /** {@code this - alpha * other}. */
    public Tensor sub(Tensor other, double alpha) {
        return Pointwise.binary(BinaryOp.SUB, this, other, alpha);
    }

    /** {@code this - other} for a Python float (promotes as {@link #add(double)}). */
    public Tensor sub(double other) {
        return Pointwise.binary(BinaryOp.SUB, this, Pointwise.number(this, other), 1.0);
    }

    /** {@code this - other} for a Python int (promotes as {@link #add(long)}). */
    public Tensor sub(long other) {
        return Pointwise.binary(BinaryOp.SUB, this, Pointwise.number(this, other), 1.0);
    }

    /** {@code other - this} ({@code torch.rsub}). */
    public Tensor rsub(double other) {
        return Pointwise.binary(BinaryOp.SUB, Pointwise.number(this, other), this, 1.0);
    }

    /** {@code this * other}, broadcasting and promoting the dtypes as {@code torch.mul} does. */
    public Tensor mul(Tensor other) {
        return Pointwise.binary(BinaryOp.MUL, this, other);
    }

    /** {@code this * other} for a Python float (promotes as {@link #add(double)}). */
    public Tensor mul(double other) {
        return Pointwise.binary(BinaryOp.MUL, this, Pointwise.number(this, other));
    }

    /** {@code this * other} for a Python int (promotes as {@link #add(long)}). */
    public Tensor mul(long other) {
        return Pointwise.binary(BinaryOp.MUL, this, Pointwise.number(this, other));
    }

    /** True division: integer inputs give a floating result. */
    public Tensor div(Tensor other) {
        return Pointwise.div(this, other, null);
    }

    /** True division by a number; integral tensors give the default floating dtype. */
    public Tensor div(double other) {
        return Pointwise.div(this, Pointwise.number(this, other), null);
    }

    /** True division by an integer; integral tensors give the default floating dtype. */
    public Tensor div(long other) {
        return Pointwise.div(this, Pointwise.number(this, other), null);
    }

    /** Division with {@code roundingMode} {@code null} (true), {@code "trunc"} or {@code "floor"}. */
    public Tensor div(Tensor other, String roundingMode) {
        return Pointwise.div(this, other, roundingMode);
    }

    /** {@link #div(Tensor, String)} by a Python float. */
    public Tensor div(double other, String roundingMode) {
        return Pointwise.div(this, Pointwise.number(this, other), roundingMode);
    }

    /** Division by an integer with {@code roundingMode}: integer tensors stay integer for "trunc" and "floor". */
    public Tensor div(long other, String roundingMode) {
        return Pointwise.div(this, Pointwise.number(this, other), roundingMode);
    }

    /** {@code div(other, "floor")} ({@code torch.floor_divide}, Python's {@code //}). */
    public Tensor floorDivide(Tensor other) {
        return div(other, "floor");
    }

    /** Python's modulo (the sign of the divisor). */
    public Tensor remainder(Tensor other) {
        return Pointwise.binary(BinaryOp.REMAINDER, this, other);
    }

    /**
     * Python's modulo by a float (the sign of the divisor); an integral tensor gives the default floating
     * dtype.
     */
    public Tensor remainder(double other) {
        return Pointwise.binary(BinaryOp.REMAINDER, this, Pointwise.number(this, other));
    }

    /** Python's modulo by an integer (integer tensors stay integer). */
    public Tensor remainder(long other) {
        return Pointwise.binary(BinaryOp.REMAINDER, this, Pointwise.number(this, other));
    }

    /** C's fmod (the sign of the dividend). */
    public Tensor fmod(Tensor other) {
        return Pointwise.binary(BinaryOp.FMOD, this, other);
    }

    /**
     * C's fmod by a float (the sign of the dividend); an integral tensor gives the default floating dtype.
     */
    public Tensor fmod(double other) {
        return Pointwise.binary(BinaryOp.FMOD, this, Pointwise.number(this, other));
    }

    /** C's fmod by an integer (integer tensors stay integer). */
    public Tensor fmod(long other) {
        return Pointwise.binary(BinaryOp.FMOD, this, Pointwise.number(this, other));
    }

    /** {@code this ** exponent} elementwise, broadcasting and promoting as {@code torch.pow}. */
    public Tensor pow(Tensor exponent) {
        return Pointwise.pow(this, exponent);
    }

    /** {@code this ** exponent} for a Python float: integral tensors give the default floating dtype. */
    public Tensor pow(double exponent) {
        return Pointwise.pow(this, Pointwise.number(this, exponent));
    }

    /**
     * An integer power: integer tensors stay integer ({@code x.pow(2)}, as {@code x ** 2}); a negative
     * exponent is an error for them, as in PyTorch.
     */
    public Tensor pow(long exponent) {
        return Pointwise.pow(this, Pointwise.number(this, exponent));
    }

    /** {@code this * this} ({@code torch.square}); bool tensors give int64, as in PyTorch. */
    public Tensor square() {
        return dtype() == DType.BOOL ? pow(2L) : mul(this);
    }

    /** The elementwise maximum ({@code torch.maximum}); NaN propagates. */
    public Tensor maximum(Tensor other) {
        return Pointwise.binary(BinaryOp.MAXIMUM, this, other);
    }

    /** The elementwise minimum ({@code torch.minimum}); NaN propagates. */
    public Tensor minimum(Tensor other) {
        return Pointwise.binary(BinaryOp.MINIMUM, this, other);
    }

    /** Maximum that ignores NaN. */
    public Tensor fmax(Tensor other) {
        return Pointwise.binary(BinaryOp.FMAX, this, other);
    }

    /** Minimum that ignores NaN ({@code torch.fmin}): NaN only where both are NaN. */
    public Tensor fmin(Tensor other) {
        return Pointwise.binary(BinaryOp.FMIN, this, other);
    }

    /**
     * {@code atan2(this, other)}: the angle of the point {@code (other, this)} in radians; integral inputs
     * give the default floating dtype.
     */
    public Tensor atan2(Tensor other) {
        return Pointwise.binaryFloat(BinaryOp.ATAN2, this, other);
    }

    /** {@code sqrt(this^2 + other^2)} ({@code torch.hypot}), computed without intermediate overflow. */
    public Tensor hypot(Tensor other) {
        return Pointwise.binaryFloat(BinaryOp.HYPOT, this, other);
    }

    /**
     * The magnitude of this with the sign of {@code other} ({@code torch.copysign}); integral inputs give the
     * default floating dtype.
     */
    public Tensor copysign(Tensor other) {
        return Pointwise.binaryFloat(BinaryOp.COPYSIGN, this, other);
    }

    /** {@code this * log(other)}, with 0 where this is 0. */
    public Tensor xlogy(Tensor other) {
        return Pointwise.binaryFloat(BinaryOp.XLOGY, this, other);
    }

    /** {@code this + weight * (end - this)}. */
    public Tensor lerp(Tensor end, Tensor weight) {
        return Pointwise.lerp(this, end, weight);
    }

    /** {@link #lerp(Tensor, Tensor)} with a scalar weight. */
    public Tensor lerp(Tensor end, double weight) {
        return Pointwise.lerp(this, end, Pointwise.operand(this, weight));
    }

    /** {@code this + value * t1 * t2}. */
    public Tensor addcmul(Tensor t1, Tensor t2, double value) {
        return Pointwise.addcmul(this, t1, t2, value);
    }

    /** {@code this + value * t1 / t2}. */
    public Tensor addcdiv(Tensor t1, Tensor t2, double value) {
        return Pointwise.addcdiv(this, t1, t2, value);
    }

    /** Elements of this where {@code condition}, else of {@code other} ({@code torch.where(condition, this, other)}). */
    public Tensor where(Tensor condition, Tensor other) {
        return Pointwise.where(condition, this, other);
    }

    /** {@link #where(Tensor, Tensor)} with a scalar for the elements where {@code condition} is false. */
    public Tensor where(Tensor condition, double other) {
        return Pointwise.where(condition, this, Pointwise.operand(this, other));
    }

    // ---- elementwise: unary ---------------------------------------------------------------------

    /** {@code -this} ({@code torch.neg}); bool tensors are an error, as in PyTorch. */
    public Tensor neg() {
        return Pointwise.unary(UnaryOp.NEG, this);
    }

    /** The absolute value ({@code torch.abs}); for complex tensors the magnitude, as a real tensor. */
    public Tensor abs() {
        return Pointwise.unary(UnaryOp.ABS, this);
    }

    /** -1, 0 or 1 by the sign of each element ({@code torch.sign}); 0 for NaN. */
    public Tensor sign() {
        return Pointwise.unary(UnaryOp.SIGN, this);
    }

    /** {@code z / |z|} (0 at 0) for complex tensors; {@link #sign()} for real ones. */
    public Tensor sgn() {
        return isComplex() ? ComplexMath.sgn(this) : sign();
    }

    /**
     * {@code e^x} elementwise ({@code torch.exp}); integral and bool inputs give the default floating dtype.
     */
    public Tensor exp() {
        return Pointwise.unary(UnaryOp.EXP, this);
    }

    /**
     * {@code 2^x} elementwise ({@code torch.exp2}); integral and bool inputs give the default floating dtype.
     */
    public Tensor exp2() {
        return Pointwise.unary(UnaryOp.EXP2, this);
    }

    /**
     * {@code e^x - 1}, accurate near 0 ({@code torch.expm1}); integral and bool inputs give the default
     * floating dtype.
     */
    public Tensor expm1() {
        return Pointwise.unary(UnaryOp.EXPM1, this);
    }

    /**
     * The natural logarithm ({@code torch.log}); integral and bool inputs give the default floating dtype.
     */
    public Tensor log() {
        return Pointwise.unary(UnaryOp.LOG, this);
    }

    /**
     * The base-2 logarithm ({@code torch.log2}); integral and bool inputs give the default floating dtype.
     */
    public Tensor log2() {
        return Pointwise.unary(UnaryOp.LOG2, this);
    }

    /**
     * The base-10 logarithm ({@code torch.log10}); integral and bool inputs give the default floating dtype.
     */
    public Tensor log10() {
        return Pointwise.unary(UnaryOp.LOG10, this);
    }

    /**
     * {@code log(1 + x)}, accurate near 0 ({@code torch.log1p}); integral and bool inputs give the default
     * floating dtype.
     */
    public Tensor log1p() {
        return Pointwise.unary(UnaryOp.LOG1P, this);
    }

    /**
     * The square root ({@code torch.sqrt}); NaN below 0 for real tensors; integral and bool inputs give the
     * default floating dtype.
     */
    public Tensor sqrt() {
        return Pointwise.unary(UnaryOp.SQRT, this);
    }

    /**
     * {@code 1 / sqrt(x)} ({@code torch.rsqrt}); integral and bool inputs give the default floating dtype.
     */
    public Tensor rsqrt() {
        return Pointwise.unary(UnaryOp.RSQRT, this);
    }

    /** {@code 1 / x} ({@code torch.reciprocal}); integral and bool inputs give the default floating dtype. */
    public Tensor reciprocal() {
        return Pointwise.unary(UnaryOp.RECIPROCAL, this);
    }

    /** The sine, in radians ({@code torch.sin}); integral and bool inputs give the default floating dtype. */
    public Tensor sin() {
        return Pointwise.unary(UnaryOp.SIN, this);
    }

    /**
     * The cosine, in radians ({@code torch.cos}); integral and bool inputs give the default floating dtype.
     */
    public Tensor cos() {
        return Pointwise.unary(UnaryOp.COS, this);
    }

    /**
     * The tangent, in radians ({@code torch.tan}); integral and bool inputs give the default floating dtype.
     */
    public Tensor tan() {
        return Pointwise.unary(UnaryOp.TAN, this);
    }

    /** The arcsine ({@code torch.asin}); integral and bool inputs give the default floating dtype. */
    public Tensor asin() {
        return Pointwise.unary(UnaryOp.ASIN, this);
    }

    /** The arccosine ({@code torch.acos}); integral and bool inputs give the default floating dtype. */
    public Tensor acos() {
        return Pointwise.unary(UnaryOp.ACOS, this);
    }

    /** The arctangent ({@code torch.atan}); integral and bool inputs give the default floating dtype. */
    public Tensor atan() {
        return Pointwise.unary(UnaryOp.ATAN, this);
    }

    /** The hyperbolic sine ({@code torch.sinh}); integral and bool inputs give the default floating dtype. */
    public Tensor sinh() {
        return Pointwise.unary(UnaryOp.SINH, this);
    }

    /**
     * The hyperbolic cosine ({@code torch.cosh}); integral and bool inputs give the default floating dtype.
     */
    public Tensor cosh() {
        return Pointwise.unary(UnaryOp.COSH, this);
    }

    /**
     * The hyperbolic tangent ({@code torch.tanh}); integral and bool inputs give the default floating dtype.
     */
    public Tensor tanh() {
        return Pointwise.unary(UnaryOp.TANH, this);
    }

    /**
     * The inverse hyperbolic sine ({@code torch.asinh}); integral and bool inputs give the default floating
     * dtype.
     */
    public Tensor asinh() {
        return Pointwise.unary(UnaryOp.ASINH, this);
    }

    /**
     * The inverse hyperbolic cosine ({@code torch.acosh}); integral and bool inputs give the default floating
     * dtype.
     */
    public Tensor acosh() {
        return Pointwise.unary(UnaryOp.ACOSH, this);
    }

    /**
     * The inverse hyperbolic tangent ({@code torch.atanh}); integral and bool inputs give the default
     * floating dtype.
     */
    public Tensor atanh() {
        return Pointwise.unary(UnaryOp.ATANH, this);
    }

    /**
     * The logistic function {@code 1 / (1 + e^-x)} ({@code torch.sigmoid}); integral and bool inputs give the
     * default floating dtype.
     */
    public Tensor sigmoid() {
        return Pointwise.unary(UnaryOp.SIGMOID, this);
    }

    /**
     * {@code max(x, 0)} ({@code torch.relu}); keeps the dtype; bool tensors are an error ("Boolean inputs not
     * supported for relu").
     */
    public Tensor relu() {
        return Pointwise.unary(UnaryOp.RELU, this);
    }

    /** GELU with the exact erf form. */
    public Tensor gelu() {
        return Pointwise.unary(UnaryOp.GELU, this);
    }

    /** GELU with {@code approximate} {@code "none"} or {@code "tanh"}. */
    public Tensor gelu(String approximate) {
        return switch (approximate) {
            case "none" -> gelu();
            case "tanh" -> Pointwise.unary(UnaryOp.GELU_TANH, this);
            default -> throw new IllegalArgumentException("approximate argument must be either none or tanh.");
        };
    }

    /**
     * {@code x * sigmoid(x)} ({@code torch.nn.functional.silu}); integral and bool inputs give the default
     * floating dtype.
     */
    public Tensor silu() {
        return Pointwise.unary(UnaryOp.SILU, this);
    }

    /**
     * {@code x * tanh(softplus(x))} ({@code torch.nn.functional.mish}); integral and bool inputs give the
     * default floating dtype.
     */
    public Tensor mish() {
        return Pointwise.unary(UnaryOp.MISH, this);
    }

    /** {@code log(1 + exp(beta x)) / beta}, linear above {@code threshold}. */
    public Tensor softplus(double beta, double threshold) {
        return Pointwise.unary(UnaryOp.SOFTPLUS, this, beta, threshold);
    }

    /** {@link #softplus(double, double)} with PyTorch's defaults {@code beta = 1, threshold = 20}. */
    public Tensor softplus() {
        return softplus(1, 20);
    }

    /**
     * {@code log(sigmoid(x))} without overflow ({@code torch.nn.functional.logsigmoid}); integral and bool
     * inputs give the default floating dtype.
     */
    public Tensor logSigmoid() {
        return Pointwise.unary(UnaryOp.LOG_SIGMOID, this);
    }

    /** The error function ({@code torch.erf}); integral and bool inputs give the default floating dtype. */
    public Tensor erf() {
        return Pointwise.unary(UnaryOp.ERF, this);
    }

    /**
     * The complementary error function {@code 1 - erf(x)}, accurate for large x ({@code torch.erfc});
     * integral and bool inputs give the default floating dtype.
     */
    public Tensor erfc() {
        return Pointwise.unary(UnaryOp.ERFC, this);
    }

    /**
     * The inverse error function on (-1, 1) ({@code torch.erfinv}): ±inf at ±1, NaN outside; integral and
     * bool inputs give the default floating dtype.
     */
    public Tensor erfinv() {
        return Pointwise.unary(UnaryOp.ERFINV, this);
    }

    /**
     * The logarithm of the absolute value of the gamma function ({@code torch.lgamma}); integral and bool
     * inputs give the default floating dtype.
     */
    public Tensor lgamma() {
        return Pointwise.unary(UnaryOp.LGAMMA, this);
    }

    /**
     * The digamma function, the derivative of {@link #lgamma()} ({@code torch.digamma}); integral and bool
     * inputs give the default floating dtype.
     */
    public Tensor digamma() {
        return Pointwise.unary(UnaryOp.DIGAMMA, this);
    }

    /**
     * The n-th derivative of digamma, elementwise ({@code torch.polygamma(n, x)}; n = 0 is digamma):
     * {@code (-1)^(n+1) n! zeta(n + 1, x)} for n >= 1, with PyTorch's values at the poles (0 and the
     * negative integers), below zero, at infinities and NaN. Integral and bool inputs give the default
     * float dtype. Differentiable to any order.
     *
     * @throws IllegalArgumentException for negative n
     */
    public Tensor polygamma(int n) {
        return Pointwise.polygamma(n, this);
    }

    /**
     * The multivariate log-gamma function of dimension {@code p} ({@code torch.mvlgamma}):
     * {@code sum_{i<p} lgamma(x - i/2) + p(p-1)/4 log(pi)}, elementwise. Integral inputs give the default
     * float dtype.
     *
     * @throws IllegalArgumentException for a bool tensor or p &lt; 1
     */
    public Tensor mvlgamma(int p) {
        if (dtype() == DType.BOOL) throw new IllegalArgumentException("The input tensor may not be a boolean tensor.");
        if (p < 1) throw new IllegalArgumentException("p has to be greater than or equal to 1");
        DType dt = dtype().isFloatingPoint() ? dtype() : Torch.getDefaultDtype();
        // float16 and bfloat16 compute in float32 and round once, as the elementwise ops do
        DType compute = dt == DType.FLOAT16 || dt == DType.BFLOAT16 ? DType.FLOAT32 : dt;
        // x - i/2 for i = p-1 .. 0 along a new last dim, as PyTorch's arange(-(p-1)/2, 1/2, 1/2)
        Tensor offsets = Torch.arange(-(p - 1) * 0.5, 0.5, 0.5).to(compute).to(device());
        return to(compute).unsqueeze(-1).add(offsets).lgamma().sum(-1).add(p * (p - 1) * Math.log(Math.PI) / 4).to(dt);
    }

    /**
     * Rounds toward negative infinity ({@code torch.floor}); integral tensors are returned unchanged in value
     * and dtype.
     */
    public Tensor floor() {
        return Pointwise.unary(UnaryOp.FLOOR, this);
    }

    /**
     * Rounds toward positive infinity ({@code torch.ceil}); integral tensors are returned unchanged in value
     * and dtype.
     */
    public Tensor ceil() {
        return Pointwise.unary(UnaryOp.CEIL, this);
    }

    /** Rounds half to even. */
    public Tensor round() {
        return Pointwise.unary(UnaryOp.ROUND, this);
    }

    /** Rounds half to even at {@code decimals} decimal places. */
    public Tensor round(int decimals) {
        return decimals == 0 ? round() : Pointwise.unary(UnaryOp.ROUND_DECIMALS, this, decimals);
    }

    /**
     * Rounds toward zero ({@code torch.trunc}); integral tensors are returned unchanged in value and dtype.
     */
    public Tensor trunc() {
        return Pointwise.unary(UnaryOp.TRUNC, this);
    }

    /** The fractional part {@code x - trunc(x)}, with x's sign ({@code torch.frac}). */
    public Tensor frac() {
        return Pointwise.unary(UnaryOp.FRAC, this);
    }

    /** Clamps into [min, max]; a null bound is absent. */
    public Tensor clamp(Double min, Double max) {
        return Pointwise.clamp(this, min, max);
    }

    /**
     * Clamps into {@code [min, max]} ({@code torch.clamp}); NaN elements stay NaN and a NaN bound counts as
     * absent. Whole-number bounds keep an integral tensor integral (Java cannot tell {@code 1} from
     * {@code 1.0}); a fractional bound promotes it to the default floating dtype.
     */
    public Tensor clamp(double min, double max) {
        return Pointwise.clamp(this, min, max);
    }

    /** Clamps with tensor bounds (broadcast); a null bound is absent. */
    public Tensor clamp(Tensor min, Tensor max) {
        return Pointwise.clamp(this, min, max);
    }

    /** {@code max(x, min)} ({@code torch.clamp(x, min=min)}). */
    public Tensor clampMin(double min) {
        return Pointwise.clamp(this, min, null);
    }

    /** {@code min(x, max)} ({@code torch.clamp(x, max=max)}). */
    public Tensor clampMax(double max) {
        return Pointwise.clamp(this, null, max);
    }

    /** Replaces NaN with 0 and infinities with the dtype's largest and smallest finite values. */
    public Tensor nanToNum() {
        return Pointwise.nanToNum(this, 0.0, null, null);
    }

    /** Replaces NaN, +inf and -inf (null keeps the default). */
    public Tensor nanToNum(double nan, Double posinf, Double neginf) {
        return Pointwise.nanToNum(this, nan, posinf, neginf);
    }

    // ---- comparison and logic -------------------------------------------------------------------

    /**
     * Elementwise {@code this == other} as a bool tensor, broadcasting and comparing in the promoted dtype
     * ({@code torch.eq}).
     */
    public Tensor eq(Tensor other) {
        return Pointwise.compare(BinaryOp.EQ, this, other);
    }

    /** Elementwise {@code this == other} for a Python number, as a bool tensor. */
    public Tensor eq(double other) {
        return Pointwise.compare(BinaryOp.EQ, this, Pointwise.number(this, other));
    }

    /** Elementwise {@code this != other} as a bool tensor, broadcasting ({@code torch.ne}). */
    public Tensor ne(Tensor other) {
        return Pointwise.compare(BinaryOp.NE, this, other);
    }

    /** Elementwise {@code this != other} for a Python number, as a bool tensor. */
    public Tensor ne(double other) {
        return Pointwise.compare(BinaryOp.NE, this, Pointwise.number(this, other));
    }

    /** Elementwise {@code this < other} as a bool tensor, broadcasting ({@code torch.lt}). */
    public Tensor lt(Tensor other) {
        return Pointwise.compare(BinaryOp.LT, this, other);
    }

    /** Elementwise {@code this < other} for a Python number, as a bool tensor. */
    public Tensor lt(double other) {
        return Pointwise.compare(BinaryOp.LT, this, Pointwise.number(this, other));
    }

    /** Elementwise {@code this <= other} as a bool tensor, broadcasting ({@code torch.le}). */
    public Tensor le(Tensor other) {
        return Pointwise.compare(BinaryOp.LE, this, other);
    }

    /** Elementwise {@code this <= other} for a Python number, as a bool tensor. */
    public Tensor le(double other) {
        return Pointwise.compare(BinaryOp.LE, this, Pointwise.number(this, other));
    }

    /** Elementwise {@code this > other} as a bool tensor, broadcasting ({@code torch.gt}). */
    public Tensor gt(Tensor other) {
        return Pointwise.compare(BinaryOp.GT, this, other);
    }

    /** Elementwise {@code this > other} for a Python number, as a bool tensor. */
    public Tensor gt(double other) {
        return Pointwise.compare(BinaryOp.GT, this, Pointwise.number(this, other));
    }

    /** Elementwise {@code this >= other} as a bool tensor, broadcasting ({@code torch.ge}). */
    public Tensor ge(Tensor other) {
        return Pointwise.compare(BinaryOp.GE, this, other);
    }

    /** Elementwise {@code this >= other} for a Python number, as a bool tensor. */
    public Tensor ge(double other) {
        return Pointwise.compare(BinaryOp.GE, this, Pointwise.number(this, other));
    }

    /** True when both have the same shape and elements ({@code torch.equal}). */
    public boolean equal(Tensor other) {
        return java.util.Arrays.equals(shape, other.shape) && eq(other).all().itemBool();
    }

    /** Elementwise closeness: {@code |a - b| <= atol + rtol * |b|}, NaN equal only when {@code equalNan}. */
    public Tensor isclose(Tensor other, double rtol, double atol, boolean equalNan) {
        return Pointwise.isclose(this, other, rtol, atol, equalNan);
    }

    /** {@code isclose(other, 1e-5, 1e-8, false).all()}. */
    public boolean allclose(Tensor other) {
        return isclose(other, 1e-5, 1e-8, false).all().itemBool();
    }

    /** {@code isclose(other, rtol, atol, false).all()} ({@code torch.allclose}). */
    public boolean allclose(Tensor other, double rtol, double atol) {
        return isclose(other, rtol, atol, false).all().itemBool();
    }

    /** True where both elements are non-zero ({@code torch.logical_and}); a bool tensor, broadcasting. */
    public Tensor logicalAnd(Tensor other) {
        return Pointwise.compare(BinaryOp.LOGICAL_AND, this, other);
    }

    /** True where either element is non-zero ({@code torch.logical_or}); a bool tensor, broadcasting. */
    public Tensor logicalOr(Tensor other) {
        return Pointwise.compare(BinaryOp.LOGICAL_OR, this, other);
    }

    /**
     * True where exactly one element is non-zero ({@code torch.logical_xor}); a bool tensor, broadcasting.
     */
    public Tensor logicalXor(Tensor other) {
        return Pointwise.compare(BinaryOp.LOGICAL_XOR, this, other);
    }

    /** True where the element is zero ({@code torch.logical_not}); a bool tensor. */
    public Tensor logicalNot() {
        return Pointwise.predicate(UnaryOp.LOGICAL_NOT, this);
    }

    /**
     * Bitwise AND of integral or bool tensors ({@code torch.bitwise_and}, {@code &}), broadcasting; floating
     * dtypes are an error.
     */
    public Tensor bitwiseAnd(Tensor other) {
        return Pointwise.bitwise(BinaryOp.BITWISE_AND, this, other);
    }

    /**
     * Bitwise OR of integral or bool tensors ({@code torch.bitwise_or}, {@code |}), broadcasting; floating
     * dtypes are an error.
     */
    public Tensor bitwiseOr(Tensor other) {
        return Pointwise.bitwise(BinaryOp.BITWISE_OR, this, other);
    }

    /**
     * Bitwise XOR of integral or bool tensors ({@code torch.bitwise_xor}, {@code ^}), broadcasting; floating
     * dtypes are an error.
     */
    public Tensor bitwiseXor(Tensor other) {
        return Pointwise.bitwise(BinaryOp.BITWISE_XOR, this, other);
    }

    /**
     * Bitwise NOT of an integral tensor, logical NOT of a bool one ({@code torch.bitwise_not}, {@code ~});
     * floating dtypes are an error.
     */
    public Tensor bitwiseNot() {
        return Pointwise.bitwiseNot(this);
    }

    /** {@code this << other} for integral tensors ({@code torch.bitwise_left_shift}), broadcasting. */
    public Tensor bitwiseLeftShift(Tensor other) {
        return Pointwise.bitwise(BinaryOp.SHIFT_LEFT, this, other);
    }

    /**
     * {@code this >> other}, sign-extending, for integral tensors ({@code torch.bitwise_right_shift}),
     * broadcasting.
     */
    public Tensor bitwiseRightShift(Tensor other) {
        return Pointwise.bitwise(BinaryOp.SHIFT_RIGHT, this, other);
    }

    /** True where the element is NaN ({@code torch.isnan}); a bool tensor. */
    public Tensor isnan() {
        return Pointwise.predicate(UnaryOp.ISNAN, this);
    }

    /** True where the element is plus or minus infinity ({@code torch.isinf}); a bool tensor. */
    public Tensor isinf() {
        return Pointwise.predicate(UnaryOp.ISINF, this);
    }

    /** True where the element is plus infinity ({@code torch.isposinf}); a bool tensor. */
    public Tensor isposinf() {
        return Pointwise.predicate(UnaryOp.ISPOSINF, this);
    }

    /** True where the element is minus infinity ({@code torch.isneginf}); a bool tensor. */
    public Tensor isneginf() {
        return Pointwise.predicate(UnaryOp.ISNEGINF, this);
    }

    /**
     * True where the element is neither NaN nor infinite ({@code torch.isfinite}); always true for integers.
     */
    public Tensor isfinite() {
        return Pointwise.predicate(UnaryOp.ISFINITE, this);
    }

    /** True where the sign bit is set, including -0.0 ({@code torch.signbit}); a bool tensor. */
    public Tensor signbit() {
        return Pointwise.predicate(UnaryOp.SIGNBIT, this);
    }

    // ---- in place --------------------------------------------------------------------------------

    /**
     * {@code this += other} in place ({@code Tensor.add_}); {@code other} broadcasts to this shape, and the
     * promoted result type must be castable to this dtype, else PyTorch's "result type ... can't be cast"
     * error. Returns this.
     */
    public Tensor add_(Tensor other) {
        return Pointwise.binaryInPlace(BinaryOp.ADD, this, other, 1.0);
    }

    /** {@code this += alpha * other} in place ({@code Tensor.add_(other, alpha=alpha)}); returns this. */
    public Tensor add_(Tensor other, double alpha) {
        return Pointwise.binaryInPlace(BinaryOp.ADD, this, other, alpha);
    }

    /**
     * Adds a Python float in place; an integral tensor is an error ("result type Float can't be cast").
     * Returns this.
     */
    public Tensor add_(double other) {
        return Pointwise.binaryInPlace(BinaryOp.ADD, this, Pointwise.number(this, other), 1.0);
    }

    /** Adds an integer in place: unlike a double, it keeps integer tensors integer ({@code x.add_(1)}). */
    public Tensor add_(long other) {
        return Pointwise.binaryInPlace(BinaryOp.ADD, this, Pointwise.number(this, other), 1.0);
    }

    /**
     * {@code this -= other} in place ({@code Tensor.sub_}), with the checks of {@link #add_(Tensor)}; returns
     * this.
     */
    public Tensor sub_(Tensor other) {
        return Pointwise.binaryInPlace(BinaryOp.SUB, this, other, 1.0);
    }

    /** {@code this -= alpha * other} in place ({@code Tensor.sub_(other, alpha=alpha)}); returns this. */
    public Tensor sub_(Tensor other, double alpha) {
        return Pointwise.binaryInPlace(BinaryOp.SUB, this, other, alpha);
    }

    /** Subtracts a Python float in place; an integral tensor is an error. Returns this. */
    public Tensor sub_(double other) {
        return Pointwise.binaryInPlace(BinaryOp.SUB, this, Pointwise.number(this, other), 1.0);
    }

    /** Subtracts an integer in place (integer tensors stay integer). */
    public Tensor sub_(long other) {
        return Pointwise.binaryInPlace(BinaryOp.SUB, this, Pointwise.number(this, other), 1.0);
    }

    /**
     * {@code this *= other} in place ({@code Tensor.mul_}), with the checks of {@link #add_(Tensor)}; returns
     * this.
     */
    public Tensor mul_(Tensor other) {
        return Pointwise.binaryInPlace(BinaryOp.MUL, this, other);
    }

    /** Multiplies by a Python float in place; an integral tensor is an error. Returns this. */
    public Tensor mul_(double other) {
        return Pointwise.binaryInPlace(BinaryOp.MUL, this, Pointwise.number(this, other));
    }

    /** Multiplies by an integer in place (integer tensors stay integer). */
    public Tensor mul_(long other) {
        return Pointwise.binaryInPlace(BinaryOp.MUL, this, Pointwise.number(this, other));
    }

    /**
     * True division in place ({@code Tensor.div_}); this must be floating (or complex), else PyTorch's
     * "result type ... can't be cast" error. Returns this.
     */
    public Tensor div_(Tensor other) {
        return Pointwise.divInPlace(this, other);
    }

    /** True division by a number in place; this must be floating (or complex). Returns this. */
    public Tensor div_(double other) {
        return Pointwise.divInPlace(this, Pointwise.number(this, other));
    }

    /**
     * {@code this **= exponent} in place ({@code Tensor.pow_}); an integral tensor is an error. Returns this.
     */
    public Tensor pow_(double exponent) {
        // as pow: x ** 0.5 and x ** -0.5 are sqrt and rsqrt in PyTorch (NaN at -inf, where C's pow gives inf)
        if (Math.abs(exponent) == 0.5 && dtype().isFloatingPoint()) return exponent > 0 ? sqrt_() : rsqrt_();
        return Pointwise.binaryInPlace(BinaryOp.POW, this, Pointwise.number(this, exponent));
    }

    /** {@code -this} in place ({@code Tensor.neg_}); returns this. */
    public Tensor neg_() {
        return Pointwise.unaryInPlace(UnaryOp.NEG, this);
    }

    /** The absolute value in place ({@code Tensor.abs_}); not supported for complex tensors. Returns this. */
    public Tensor abs_() {
        return Pointwise.unaryInPlace(UnaryOp.ABS, this);
    }

    /**
     * {@code e^x} in place ({@code Tensor.exp_}); an integral tensor is an error (the float result cannot be
     * cast back). Returns this.
     */
    public Tensor exp_() {
        return Pointwise.unaryInPlace(UnaryOp.EXP, this);
    }

    /** The natural logarithm in place ({@code Tensor.log_}); an integral tensor is an error. Returns this. */
    public Tensor log_() {
        return Pointwise.unaryInPlace(UnaryOp.LOG, this);
    }

    /** The square root in place ({@code Tensor.sqrt_}); an integral tensor is an error. Returns this. */
    public Tensor sqrt_() {
        return Pointwise.unaryInPlace(UnaryOp.SQRT, this);
    }

    /**
     * {@code max(x, 0)} in place ({@code Tensor.relu_}, {@code torch.nn.functional.relu(inplace=True)});
     * returns this.
     */
    public Tensor relu_() {
        return Pointwise.unaryInPlace(UnaryOp.RELU, this);
    }

    /**
     * The logistic function in place ({@code Tensor.sigmoid_}); an integral tensor is an error. Returns this.
     */
    public Tensor sigmoid_() {
        return Pointwise.unaryInPlace(UnaryOp.SIGMOID, this);
    }

    /**
     * The hyperbolic tangent in place ({@code Tensor.tanh_}); an integral tensor is an error. Returns this.
     */
    public Tensor tanh_() {
        return Pointwise.unaryInPlace(UnaryOp.TANH, this);
    }

    /** Rounds toward negative infinity in place ({@code Tensor.floor_}); returns this. */
    public Tensor floor_() {
        return Pointwise.unaryInPlace(UnaryOp.FLOOR, this);
    }

    /**
     * {@link #clamp(Double, Double)} in place ({@code Tensor.clamp_}); a null bound is absent. Returns this.
     */
    public Tensor clamp_(Double min, Double max) {
        return Pointwise.clampInPlace(this, min, max);
    }

    /** {@link #clamp(double, double)} in place ({@code Tensor.clamp_}); returns this. */
    public Tensor clamp_(double min, double max) {
        return Pointwise.clampInPlace(this, min, max);
    }

    /** {@code max(x, min)} in place ({@code Tensor.clamp_(min=min)}); returns this. */
    public Tensor clampMin_(double min) {
        return Pointwise.clampInPlace(this, min, null);
    }

    /** {@code min(x, max)} in place ({@code Tensor.clamp_(max=max)}); returns this. */
    public Tensor clampMax_(double max) {
        return Pointwise.clampInPlace(this, null, max);
    }

    /** {@code this += value * t1 * t2} in place ({@code Tensor.addcmul_}); returns this. */
    public Tensor addcmul_(Tensor t1, Tensor t2, double value) {
        return Pointwise.addcmulInPlace(this, t1, t2, value);
    }

    /** {@code this += value * t1 / t2} in place ({@code Tensor.addcdiv_}); returns this. */
    public Tensor addcdiv_(Tensor t1, Tensor t2, double value) {
        return Pointwise.addcdivInPlace(this, t1, t2, value);
    }

    /** {@code this += weight * (end - this)} in place ({@code Tensor.lerp_}); returns this. */
    public Tensor lerp_(Tensor end, double weight) {
        return Pointwise.lerpInPlace(this, end, Pointwise.operand(this, weight));
    }

    /** Sets every element to {@code value}. */
    public Tensor fill_(double value) {
        return Pointwise.fill(this, value);
    }

    /**
     * Sets every element to an integer value (exact for int64), in place ({@code Tensor.fill_}); returns
     * this.
     */
    public Tensor fill_(long value) {
        return Pointwise.fill(this, value);
    }

    /** Sets every element to the value of the one-element tensor {@code value}. */
    public Tensor fill_(Tensor value) {
        return Pointwise.fill(this, value);
    }

    /** Sets every element to zero in place ({@code Tensor.zero_}); returns this. */
    public Tensor zero_() {
        return Pointwise.zero(this);
    }

    /** Copies {@code src} (broadcast, converted to this dtype, from any device) into this tensor. */
    public Tensor copy_(Tensor src) {
        return Pointwise.copyInPlace(this, src);
    }

    /** Writes {@code value} where {@code mask} is true. */
    public Tensor maskedFill_(Tensor mask, double value) {
        return Pointwise.maskedFillInPlace(this, mask, Pointwise.fillValue(this, value));
    }

    /**
     * Writes the 0-dim tensor {@code value} where the bool {@code mask} (broadcast to this shape) is true, in
     * place ({@code Tensor.masked_fill_}); other masks or values of more dimensions are PyTorch's errors.
     * Returns this.
     */
    public Tensor maskedFill_(Tensor mask, Tensor value) {
        return Pointwise.maskedFillInPlace(this, mask, value);
    }

    /**
     * A copy of this with {@code value} where the bool {@code mask} is true ({@code Tensor.masked_fill});
     * keeps this dtype.
     */
    public Tensor maskedFill(Tensor mask, double value) {
        return Pointwise.where(mask, Pointwise.fillValue(this, value).to(dtype()), this);
    }

    /**
     * A copy of this with the 0-dim {@code value} (converted to this dtype) where the bool {@code mask} is true
     * ({@code Tensor.masked_fill}), broadcast with the mask.
     *
     * @throws IllegalArgumentException for a mask that is not bool or a {@code value} with dimensions, as PyTorch
     */
    public Tensor maskedFill(Tensor mask, Tensor value) {
        Pointwise.checkMaskedFill(mask, value);
        return Pointwise.where(mask, value.to(dtype()), this);
    }

    // ---- reductions ----------------------------------------------------------------------------

    /** The sum of all elements (integers sum to int64). */
    public Tensor sum() {
        return Reductions.sum(this, null, false, null);
    }

    /**
     * The sum over {@code dims} (every dimension when none is given), dropping them ({@code torch.sum(x,
     * dim)}); integral and bool inputs sum to int64.
     *
     * @throws IndexOutOfBoundsException if a dim is out of range
     */
    public Tensor sum(int... dims) {
        return Reductions.sum(this, dims, false, null);
    }

    /**
     * The sum over {@code dims}, keeping them as size 1 when {@code keepdim} ({@code torch.sum(x, dim,
     * keepdim)}); integral and bool inputs sum to int64.
     */
    public Tensor sum(int[] dims, boolean keepdim) {
        return Reductions.sum(this, dims, keepdim, null);
    }

    /** {@link #sum(int[], boolean)} over one dimension: {@code x.sum(1, keepdim=True)} is {@code x.sum(1, true)}. */
    public Tensor sum(int dim, boolean keepdim) {
        return sum(new int[] {dim}, keepdim);
    }

    /** The sum in {@code dtype} (the input is converted first). */
    public Tensor sum(int[] dims, boolean keepdim, DType dtype) {
        return Reductions.sum(this, dims, keepdim, dtype);
    }

    /**
     * The mean of all elements, as a 0-dim tensor ({@code torch.mean}).
     *
     * @throws IllegalArgumentException for integral or bool tensors ("mean(): could not infer output dtype
     * ...")
     */
    public Tensor mean() {
        return Reductions.mean(this, null, false);
    }

    /**
     * The mean over {@code dims} (every dimension when none is given), dropping them; floating and complex
     * tensors only.
     */
    public Tensor mean(int... dims) {
        return Reductions.mean(this, dims, false);
    }

    /**
     * The mean over {@code dims}, keeping them as size 1 when {@code keepdim} ({@code torch.mean(x, dim,
     * keepdim)}); floating and complex tensors only.
     */
    public Tensor mean(int[] dims, boolean keepdim) {
        return Reductions.mean(this, dims, keepdim);
    }

    /** {@link #mean(int[], boolean)} over one dimension: {@code x.mean(-1, keepdim=True)} is {@code x.mean(-1, true)}. */
    public Tensor mean(int dim, boolean keepdim) {
        return mean(new int[] {dim}, keepdim);
    }

    /**
     * The product of all elements ({@code torch.prod}); integral and bool inputs give int64. Under autocast
     * it runs in float32.
     */
    public Tensor prod() {
        return Reductions.prod(org.torch4j.amp.Autocast.float32("prod", this), null, false);
    }

    /**
     * The product along {@code dim}, keeping it as size 1 when {@code keepdim} ({@code torch.prod(x, dim,
     * keepdim)}); integral and bool inputs give int64.
     */
    public Tensor prod(int dim, boolean keepdim) {
        return Reductions.prod(org.torch4j.amp.Autocast.float32("prod", this), new int[] {dim}, keepdim);
    }

    /** {@link #prod(int, boolean)} dropping {@code dim}: {@code x.prod(1)}. */
    public Tensor prod(int dim) {
        return prod(dim, false);
    }

    /** The largest element (NaN if any is NaN). */
    public Tensor max() {
        return Reductions.extreme(this, ReduceOp.MAX);
    }

    /** The largest values along {@code dim} and their indices. */
    public ValuesIndices max(int dim) {
        return Reductions.extremeWithIndex(this, ReduceOp.MAX, dim, false);
    }

    /**
     * The largest values along {@code dim} and the index of their first occurrence, keeping {@code dim} as
     * size 1 when {@code keepdim} ({@code torch.max(x, dim, keepdim)}); NaN counts as the largest.
     */
    public ValuesIndices max(int dim, boolean keepdim) {
        return Reductions.extremeWithIndex(this, ReduceOp.MAX, dim, keepdim);
    }

    /** The smallest element, as a 0-dim tensor ({@code torch.min}); NaN if any is NaN. */
    public Tensor min() {
        return Reductions.extreme(this, ReduceOp.MIN);
    }

    /**
     * The smallest values along {@code dim} and the index of their first occurrence ({@code torch.min(x,
     * dim)}); NaN counts as the smallest.
     */
    public ValuesIndices min(int dim) {
        return Reductions.extremeWithIndex(this, ReduceOp.MIN, dim, false);
    }

    /** {@link #min(int)}, keeping {@code dim} as size 1 when {@code keepdim}. */
    public ValuesIndices min(int dim, boolean keepdim) {
        return Reductions.extremeWithIndex(this, ReduceOp.MIN, dim, keepdim);
    }

    /** The maximum over {@code dims} (all when empty). */
    public Tensor amax(int... dims) {
        return Reductions.amax(this, ReduceOp.MAX, dims, false);
    }

    /**
     * The maximum over {@code dims} (all when empty), keeping them as size 1 when {@code keepdim} ({@code
     * torch.amax}); NaN propagates.
     */
    public Tensor amax(int[] dims, boolean keepdim) {
        return Reductions.amax(this, ReduceOp.MAX, dims, keepdim);
    }

    /** {@link #amax(int[], boolean)} over one dimension. */
    public Tensor amax(int dim, boolean keepdim) {
        return amax(new int[] {dim}, keepdim);
    }

    /** The minimum over {@code dims} (all when empty), dropping them ({@code torch.amin}); NaN propagates. */
    public Tensor amin(int... dims) {
        return Reductions.amax(this, ReduceOp.MIN, dims, false);
    }

    /** {@link #amin(int...)}, keeping the reduced dimensions as size 1 when {@code keepdim}. */
    public Tensor amin(int[] dims, boolean keepdim) {
        return Reductions.amax(this, ReduceOp.MIN, dims, keepdim);
    }

    /** {@link #amin(int[], boolean)} over one dimension. */
    public Tensor amin(int dim, boolean keepdim) {
        return amin(new int[] {dim}, keepdim);
    }

    /** The flat index of the largest element. */
    public Tensor argmax() {
        return Reductions.argExtreme(this, ReduceOp.MAX, null, false);
    }

    /**
     * The index (int64) of the first largest element along {@code dim} ({@code torch.argmax(x, dim,
     * keepdim)}); NaN counts as the largest.
     */
    public Tensor argmax(int dim, boolean keepdim) {
        return Reductions.argExtreme(this, ReduceOp.MAX, dim, keepdim);
    }

    /** {@link #argmax(int, boolean)} dropping {@code dim}: {@code x.argmax(1)}. */
    public Tensor argmax(int dim) {
        return argmax(dim, false);
    }

    /**
     * The flat index (int64, 0-dim) of the first smallest element ({@code torch.argmin}).
     *
     * @throws IndexOutOfBoundsException for an empty tensor, with PyTorch's message
     */
    public Tensor argmin() {
        return Reductions.argExtreme(this, ReduceOp.MIN, null, false);
    }

    /**
     * The index (int64) of the first smallest element along {@code dim} ({@code torch.argmin(x, dim,
     * keepdim)}); NaN counts as the smallest.
     */
    public Tensor argmin(int dim, boolean keepdim) {
        return Reductions.argExtreme(this, ReduceOp.MIN, dim, keepdim);
    }

    /** {@link #argmin(int, boolean)} dropping {@code dim}: {@code x.argmin(1)}. */
    public Tensor argmin(int dim) {
        return argmin(dim, false);
    }

    /** The unbiased variance of all elements. */
    public Tensor var() {
        return Reductions.var(this, null, 1, false);
    }

    /** Variance over {@code dims} with {@code correction} (1 = unbiased, 0 = population). */
    public Tensor var(int[] dims, double correction, boolean keepdim) {
        return Reductions.var(this, dims, correction, keepdim);
    }

    /** The unbiased variance along one dimension ({@code x.var(dim, keepdim=...)}, PyTorch's default correction 1). */
    public Tensor var(int dim, boolean keepdim) {
        return var(new int[] {dim}, 1, keepdim);
    }

    /** {@link #var(int, boolean)} dropping {@code dim}: {@code x.var(0)}. */
    public Tensor var(int dim) {
        return var(dim, false);
    }

    /** The unbiased standard deviation of all elements ({@code torch.std}, {@code correction = 1}). */
    public Tensor std() {
        return Reductions.std(this, null, 1, false);
    }

    /**
     * The standard deviation over {@code dims} with {@code correction} (1 = unbiased, 0 = population),
     * keeping them as size 1 when {@code keepdim}; the square root of {@link #var(int[], double, boolean)}.
     */
    public Tensor std(int[] dims, double correction, boolean keepdim) {
        return Reductions.std(this, dims, correction, keepdim);
    }

    /** The unbiased standard deviation along one dimension ({@code x.std(dim, keepdim=...)}, correction 1). */
    public Tensor std(int dim, boolean keepdim) {
        return std(new int[] {dim}, 1, keepdim);
    }

    /** {@link #std(int, boolean)} dropping {@code dim}: {@code x.std(0)}. */
    public Tensor std(int dim) {
        return std(dim, false);
    }

    /** The 2-norm of all elements. */
    public Tensor norm() {
        return Reductions.norm(this, 2, null, false);
    }

    /** The p-norm of all elements (p may be infinite). */
    public Tensor norm(double p) {
        return Reductions.norm(this, p, null, false);
    }

    /**
     * The vector p-norm over {@code dims} (all when empty; p may be infinite), keeping them as size 1 when
     * {@code keepdim} ({@code torch.norm(x, p, dim, keepdim)}). Floating or complex input only; complex input
     * gives a real result.
     */
    public Tensor norm(double p, int[] dims, boolean keepdim) {
        return Reductions.norm(this, p, dims, keepdim);
    }

    /** The vector p-norm along one dimension, dropping it: {@code x.norm(2, dim=1)} is {@code x.norm(2, 1)}. */
    public Tensor norm(double p, int dim) {
        return norm(p, new int[] {dim}, false);
    }

    /**
     * {@code log(sum(exp(x)))} over {@code dims}, computed without overflow, keeping them as size 1 when
     * {@code keepdim} ({@code torch.logsumexp}); integral inputs give the default floating dtype.
     */
    public Tensor logsumexp(int[] dims, boolean keepdim) {
        return Reductions.logsumexp(this, dims, keepdim);
    }

    /** {@link #logsumexp(int[], boolean)} over one dimension, dropping it. */
    public Tensor logsumexp(int dim) {
        return logsumexp(new int[] {dim}, false);
    }

    /** {@link #logsumexp(int[], boolean)} over one dimension. */
    public Tensor logsumexp(int dim, boolean keepdim) {
        return logsumexp(new int[] {dim}, keepdim);
    }

    /** The running sum along {@code dim} ({@code torch.cumsum}); integral and bool inputs give int64. */
    public Tensor cumsum(int dim) {
        return Reductions.scan(this, org.torch4j.spi.ScanOp.CUMSUM, dim);
    }

    /** The running product along {@code dim} ({@code torch.cumprod}); integral and bool inputs give int64. */
    public Tensor cumprod(int dim) {
        return Reductions.scan(this, org.torch4j.spi.ScanOp.CUMPROD, dim);
    }

    /**
     * The running {@code log(sum(exp(x)))} along {@code dim}, without overflow ({@code torch.logcumsumexp});
     * integral inputs give the default floating dtype.
     */
    public Tensor logcumsumexp(int dim) {
        return Reductions.scan(this, org.torch4j.spi.ScanOp.LOGCUMSUMEXP, dim);
    }

    /** True (a bool tensor) when every element is non-zero. */
    public Tensor all() {
        return Reductions.logical(this, ReduceOp.ALL, null, false);
    }

    /**
     * True where every element along {@code dim} is non-zero ({@code torch.all(x, dim, keepdim)}); bool, or
     * uint8 for uint8 input as in PyTorch.
     */
    public Tensor all(int dim, boolean keepdim) {
        return Reductions.logical(this, ReduceOp.ALL, new int[] {dim}, keepdim);
    }

    /** {@link #all(int, boolean)} without keepdim ({@code x.all(dim)}). */
    public Tensor all(int dim) {
        return all(dim, false);
    }

    /**
     * True (a 0-dim bool tensor, uint8 for uint8 input) when some element is non-zero ({@code torch.any}).
     */
    public Tensor any() {
        return Reductions.logical(this, ReduceOp.ANY, null, false);
    }

    /**
     * True where some element along {@code dim} is non-zero ({@code torch.any(x, dim, keepdim)}); bool, or
     * uint8 for uint8 input.
     */
    public Tensor any(int dim, boolean keepdim) {
        return Reductions.logical(this, ReduceOp.ANY, new int[] {dim}, keepdim);
    }

    /** {@link #any(int, boolean)} without keepdim ({@code x.any(dim)}). */
    public Tensor any(int dim) {
        return any(dim, false);
    }

    /** The number of non-zero elements. */
    public long countNonzero() {
        return Dispatch.backend(this).countNonzero(strided());
    }

    /** The {@code k} largest elements along the last dimension, sorted. */
    public ValuesIndices topk(int k) {
        return Reductions.topk(this, k, -1, true, true);
    }

    /**
     * The {@code k} largest (or, with {@code largest = false}, smallest) elements along {@code dim} and their
     * indices ({@code torch.topk}), in order when {@code sorted}.
     */
    public ValuesIndices topk(int k, int dim, boolean largest, boolean sorted) {
        return Reductions.topk(this, k, dim, largest, sorted);
    }

    /** The {@code k} largest elements along {@code dim}, in order: {@code x.topk(5, dim=0)}. */
    public ValuesIndices topk(int k, int dim) {
        return topk(k, dim, true, true);
    }

    /** Sorts along the last dimension, ascending. */
    public ValuesIndices sort() {
        return Reductions.sort(this, -1, false, false);
    }

    /**
     * Sorts along {@code dim}, ascending or {@code descending} ({@code torch.sort}); NaN sorts as the largest
     * value. Returns the values and their original indices.
     */
    public ValuesIndices sort(int dim, boolean descending) {
        return Reductions.sort(this, dim, descending, false);
    }

    /** Sorts along {@code dim}, ascending: {@code x.sort(0)}. */
    public ValuesIndices sort(int dim) {
        return sort(dim, false);
    }

    /**
     * {@link #sort(int, boolean)}; with {@code stable}, equal elements keep their order ({@code
     * torch.sort(stable=True)}).
     */
    public ValuesIndices sort(int dim, boolean descending, boolean stable) {
        return Reductions.sort(this, dim, descending, stable);
    }

    /** The indices that sort the last dimension ascending ({@code torch.argsort}). */
    public Tensor argsort() {
        return sort().indices();
    }

    /**
     * The indices that sort along {@code dim}, ascending or {@code descending} ({@code torch.argsort(x, dim,
     * descending)}).
     */
    public Tensor argsort(int dim, boolean descending) {
        return sort(dim, descending).indices();
    }

    /** The sorted distinct elements. */
    public Tensor unique() {
        return Reductions.unique(this, false, false).values();
    }

    /** Distinct elements with, on request, the inverse indices and the counts. */
    public Unique unique(boolean returnInverse, boolean returnCounts) {
        return Reductions.unique(this, returnInverse, returnCounts);
    }

    // ---- linear algebra ---------------------------------------------------------------------------

    /** Matrix product with PyTorch's broadcasting rules for 1-d, 2-d and batched operands. */
    public Tensor matmul(Tensor other) {
        Tensor[] ac = org.torch4j.amp.Autocast.lowerPrecision(this, other);
        return ac == null ? LinAlg.matmul(this, other) : LinAlg.matmul(ac[0], ac[1]);
    }

    /** 2-d matrix product. */
    public Tensor mm(Tensor other) {
        Tensor[] ac = org.torch4j.amp.Autocast.lowerPrecision(this, other);
        return ac == null ? LinAlg.mm(this, other) : LinAlg.mm(ac[0], ac[1]);
    }

    /** Batched 3-d matrix product. */
    public Tensor bmm(Tensor other) {
        Tensor[] ac = org.torch4j.amp.Autocast.lowerPrecision(this, other);
        return ac == null ? LinAlg.bmm(this, other) : LinAlg.bmm(ac[0], ac[1]);
    }

    /** Matrix-vector product. */
    public Tensor mv(Tensor vec) {
        return LinAlg.mv(this, vec);
    }

    /** Inner product of two 1-d tensors. */
    public Tensor dot(Tensor other) {
        return LinAlg.dot(this, other);
    }

    /** Outer product of two 1-d tensors. */
    public Tensor outer(Tensor other) {
        return LinAlg.outer(this, other);
    }

    /** The inverse of this square matrix or batch of them ({@code torch.inverse}, {@link org.torch4j.linalg.Linalg#inv}). */
    public Tensor inverse() {
        return org.torch4j.linalg.Linalg.inv(this);
    }

    /** The determinant of this square matrix or batch of them ({@code torch.det}, {@link org.torch4j.linalg.Linalg#det}). */
    public Tensor det() {
        return org.torch4j.linalg.Linalg.det(this);
    }

    // ---- indexing -------------------------------------------------------------------------------

    /** The entries of {@code index} (1-d int64) along {@code dim}. */
    public Tensor indexSelect(int dim, Tensor index) {
        return IndexOps.indexSelect(this, dim, index);
    }

    /** {@code out[i][j] = this[i][index[i][j]]} (dim 1), and so on. */
    public Tensor gather(int dim, Tensor index) {
        return IndexOps.gather(this, dim, index);
    }

    /** A copy with {@code src} written at {@code index} along {@code dim}. */
    public Tensor scatter(int dim, Tensor index, Tensor src) {
        return IndexOps.scatter(this, dim, index, src, IndexOps.Reduction.OVERWRITE, true, false);
    }

    /**
     * A copy with {@code value} written at {@code index} along {@code dim} ({@code Tensor.scatter(dim, index,
     * value)}).
     */
    public Tensor scatter(int dim, Tensor index, double value) {
        IndexOps.checkScatterValue(this, dim, index);
        return scatter(dim, index, Pointwise.fillValue(this, value).to(dtype()).expand(index.shape));
    }

    /** {@link #scatter(int, Tensor, Tensor)} in place ({@code Tensor.scatter_}); returns this. */
    public Tensor scatter_(int dim, Tensor index, Tensor src) {
        return IndexOps.scatter(this, dim, index, src, IndexOps.Reduction.OVERWRITE, true, true);
    }

    /** A copy with {@code src} added at {@code index} along {@code dim}. */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        return IndexOps.scatter(this, dim, index, src, IndexOps.Reduction.ADD, true, false);
    }

    /** {@link #scatterAdd(int, Tensor, Tensor)} in place ({@code Tensor.scatter_add_}); returns this. */
    public Tensor scatterAdd_(int dim, Tensor index, Tensor src) {
        return IndexOps.scatter(this, dim, index, src, IndexOps.Reduction.ADD, true, true);
    }

    /** {@link #scatterReduce(int, Tensor, Tensor, String, boolean)} with {@code includeSelf} true (PyTorch's default). */
    public Tensor scatterReduce(int dim, Tensor index, Tensor src, String reduce) {
        return scatterReduce(dim, index, src, reduce, true);
    }

    /**
     * PyTorch's {@code scatter_reduce(dim, index, src, reduce, include_self=...)}: a copy of this tensor in
     * which each position that {@code index} points at (along {@code dim}, as in {@link #scatterAdd}) holds
     * the reduction of the {@code src} values sent there: {@code reduce} is "sum", "prod", "mean", "amax"
     * or "amin". With {@code includeSelf} the position's own value takes part in the reduction; without,
     * it is left out, so that a position holds the reduction of its src values alone. Positions that
     * receive nothing keep their value either way. "mean" divides the sum by the number of values
     * reduced (with floor division for integer dtypes, as PyTorch). Differentiable in this tensor and in
     * {@code src} for every reduction, with PyTorch's derivatives: amax and amin share the gradient evenly
     * among all the values equal to the result.
     */
    public Tensor scatterReduce(int dim, Tensor index, Tensor src, String reduce, boolean includeSelf) {
        return IndexOps.scatter(this, dim, index, src, IndexOps.Reduction.of(reduce), includeSelf, false);
    }

    /** In-place {@link #scatterReduce(int, Tensor, Tensor, String)} ({@code scatter_reduce_}). */
    public Tensor scatterReduce_(int dim, Tensor index, Tensor src, String reduce) {
        return scatterReduce_(dim, index, src, reduce, true);
    }

    /** In-place {@link #scatterReduce(int, Tensor, Tensor, String, boolean)} ({@code scatter_reduce_}). */
    public Tensor scatterReduce_(int dim, Tensor index, Tensor src, String reduce, boolean includeSelf) {
        return IndexOps.scatter(this, dim, index, src, IndexOps.Reduction.of(reduce), includeSelf, true);
    }

    /** A copy with {@code source}'s slices added at {@code index} along {@code dim}. */
    public Tensor indexAdd(int dim, Tensor index, Tensor source) {
        return IndexOps.indexAdd(this, dim, index, source, 1.0, false);
    }

    /**
     * A copy with {@code alpha * source}'s slices added at {@code index} along {@code dim} ({@code
     * torch.index_add(x, dim, index, source, alpha=alpha)}).
     */
    public Tensor indexAdd(int dim, Tensor index, Tensor source, double alpha) {
        return IndexOps.indexAdd(this, dim, index, source, alpha, false);
    }

    /** {@link #indexAdd(int, Tensor, Tensor)} in place ({@code Tensor.index_add_}); returns this. */
    public Tensor indexAdd_(int dim, Tensor index, Tensor source) {
        return IndexOps.indexAdd(this, dim, index, source, 1.0, true);
    }

    /** The elements where {@code mask} is true, as a 1-d tensor. */
    public Tensor maskedSelect(Tensor mask) {
        return IndexOps.maskedSelect(this, mask);
    }

    /** Elements at flat indices (of the row-major order). */
    public Tensor take(Tensor index) {
        return IndexOps.take(this, index);
    }

    /** The coordinates of non-zero elements, [n, dim]. */
    public Tensor nonzero() {
        return IndexOps.nonzero(this);
    }

    /** {@link #nonzero()} under numpy's name ({@code torch.argwhere}): the indices of the non-zero elements, one row each. */
    public Tensor argwhere() {
        return nonzero();
    }

    /** Writes {@code values} at the positions the subscript selects (advanced indexing included). */
    public Tensor indexPut_(Index[] indices, Tensor values) {
        return IndexOps.indexPut(this, indices, values, false);
    }

    /**
     * Writes {@code value} at the positions the subscript selects, in place ({@code x[indices] = value});
     * returns this.
     */
    public Tensor indexPut_(Index[] indices, double value) {
        return IndexOps.indexPut(this, indices, Pointwise.fillValue(this, value), false);
    }

    /** Like {@link #indexPut_(Index[], Tensor)}; {@code accumulate} adds instead (duplicates add up). */
    public Tensor indexPut_(Index[] indices, Tensor values, boolean accumulate) {
        return IndexOps.indexPut(this, indices, values, accumulate);
    }

    // ---- joining and reshaping copies ----------------------------------------------------------------

    /** Repeats the tensor along each dimension. */
    public Tensor repeat(long... repeats) {
        return Joins.repeat(this, repeats);
    }

    /** {@code repeat}, padding the repeats with leading 1s ({@code torch.tile}). */
    public Tensor tile(long... reps) {
        return Joins.tile(this, reps);
    }

    /** Reverses the order of elements along {@code dims}. */
    public Tensor flip(int... dims) {
        return Joins.flip(this, dims);
    }

    /** Rolls elements along {@code dims} by {@code shifts} (flattened when dims is empty). */
    public Tensor roll(long[] shifts, int[] dims) {
        return Joins.roll(this, shifts, dims);
    }

    /** {@link #roll(long[], int[])} by one shift along one dimension ({@code torch.roll(x, shift, dim)}). */
    public Tensor roll(long shift, int dim) {
        return Joins.roll(this, new long[] {shift}, new int[] {dim});
    }

    /** The lower triangle (elements with column - row &lt;= diagonal); the rest zero. */
    public Tensor tril(long diagonal) {
        return Joins.triangle(this, diagonal, true);
    }

    /**
     * The lower triangle including the main diagonal, the rest zero ({@code torch.tril}, {@code diagonal =
     * 0}).
     */
    public Tensor tril() {
        return tril(0);
    }

    /** The upper triangle (elements with column - row >= diagonal); the rest zero. */
    public Tensor triu(long diagonal) {
        return Joins.triangle(this, diagonal, false);
    }

    /**
     * The upper triangle including the main diagonal, the rest zero ({@code torch.triu}, {@code diagonal =
     * 0}).
     */
    public Tensor triu() {
        return triu(0);
    }

    // ---- random in place ------------------------------------------------------------------------

    /** Fills with uniform values in [from, to) from the default generator. */
    public Tensor uniform_(double from, double to) {
        return RandomOps.uniform(this, from, to, null);
    }

    /**
     * Fills with uniform values in {@code [from, to)} drawn from {@code generator} (the default one when
     * null), in place ({@code Tensor.uniform_}); floating tensors only. Returns this.
     *
     * @throws IllegalArgumentException if {@code from > to} or the dtype is not floating
     */
    public Tensor uniform_(double from, double to, Generator generator) {
        return RandomOps.uniform(this, from, to, generator);
    }

    /** Fills with normal values. */
    public Tensor normal_(double mean, double std) {
        return RandomOps.normal(this, mean, std, null);
    }

    /**
     * Fills with normal values of mean {@code mean} and standard deviation {@code std} drawn from {@code
     * generator} (the default one when null), in place ({@code Tensor.normal_}); floating tensors only.
     * Returns this.
     *
     * @throws IllegalArgumentException if {@code std} is negative or the dtype is not floating
     */
    public Tensor normal_(double mean, double std, Generator generator) {
        return RandomOps.normal(this, mean, std, generator);
    }

    /** Fills with 1 with probability p, else 0. */
    public Tensor bernoulli_(double p) {
        return RandomOps.bernoulliScalar(this, p, null);
    }

    /**
     * Fills with 1 with probability {@code p}, else 0, drawn from {@code generator} (the default one when
     * null), in place ({@code Tensor.bernoulli_(p)}); returns this.
     */
    public Tensor bernoulli_(double p, Generator generator) {
        return RandomOps.bernoulliScalar(this, p, generator);
    }

    /** Fills with integers in [from, to). */
    public Tensor random_(long from, long to) {
        return RandomOps.randomInPlace(this, from, to, null);
    }

    /**
     * Fills with exponential values of rate {@code lambd} from the default generator
     * ({@code exponential_}): {@code -log(1 - u) / lambd}, one double uniform per element, PyTorch's
     * numbers for the same seed. Floating dtypes only.
     *
     * @throws IllegalArgumentException for a negative lambd or a non-floating tensor
     */
    public Tensor exponential_(double lambd) {
        return RandomOps.exponential(this, lambd, null);
    }

    /** {@link #exponential_(double)} drawing from {@code generator}. */
    public Tensor exponential_(double lambd, Generator generator) {
        return RandomOps.exponential(this, lambd, generator);
    }

    /**
     * Fills with the number of Bernoulli({@code p}) trials up to the first success, 1, 2, ...
     * ({@code geometric_}): {@code ceil(log(u) / log(1 - p))}, PyTorch's numbers for the same seed.
     * Any dtype but bool.
     *
     * @throws IllegalArgumentException unless 0 &lt; p &lt; 1
     */
    public Tensor geometric_(double p) {
        return RandomOps.geometric(this, p, null);
    }

    /** {@link #geometric_(double)} drawing from {@code generator}. */
    public Tensor geometric_(double p, Generator generator) {
        return RandomOps.geometric(this, p, generator);
    }

    /**
     * Fills with Cauchy values ({@code cauchy_}): {@code median + sigma tan(pi (u - 1/2))}, PyTorch's
     * numbers for the same seed. Floating dtypes only.
     */
    public Tensor cauchy_(double median, double sigma) {
        return RandomOps.cauchy(this, median, sigma, null);
    }

    /** {@link #cauchy_(double, double)} drawing from {@code generator}. */
    public Tensor cauchy_(double median, double sigma, Generator generator) {
        return RandomOps.cauchy(this, median, sigma, generator);
    }

    /**
     * Fills with log-normal values, {@code exp} of normal(mean, std) draws ({@code log_normal_}),
     * PyTorch's numbers for the same seed (its scalar Box-Muller for every size). Floating dtypes only.
     *
     * @throws IllegalArgumentException unless std > 0
     */
    public Tensor logNormal_(double mean, double std) {
        return RandomOps.logNormal(this, mean, std, null);
    }

    /** {@link #logNormal_(double, double)} drawing from {@code generator}. */
    public Tensor logNormal_(double mean, double std, Generator generator) {
        return RandomOps.logNormal(this, mean, std, generator);
    }

    // ---- autograd -------------------------------------------------------------------------------

    /** Whether gradients are recorded for this tensor. */
    public boolean requiresGrad() {
        if (!madeWithoutGrad) ViewHistory.sync(this);  // (PyTorch refuses such a view's grad_fn, not this)
        return requiresGrad;
    }

    /** Sets {@code requires_grad} on a leaf; returns this. */
    public Tensor requiresGrad_() {
        return requiresGrad_(true);
    }

    /**
     * Sets or clears {@code requires_grad} ({@code Tensor.requires_grad_}); returns this.
     *
     * @throws IllegalStateException if this is not a leaf (PyTorch's "you can only change requires_grad flags
     * of leaf variables")
     * @throws IllegalArgumentException when setting it on a tensor that is not floating or complex
     */
    public Tensor requiresGrad_(boolean requiresGrad) {
        Autograd.setRequiresGrad(this, requiresGrad);
        return this;
    }

    /** The accumulated gradient of a leaf (or of a tensor that {@link #retainGrad}s), or null. */
    public Tensor grad() {
        return grad;
    }

    /** Replaces the gradient (null clears it). */
    public void setGrad(Tensor grad) {
        Autograd.setGrad(this, grad);
    }

    /**
     * The sparse gradient that {@code backward()} accumulated through ops with sparse gradients
     * ({@code Embedding} and {@code EmbeddingBag} with {@code sparse = true}), or null: where PyTorch's
     * {@code .grad} is a sparse tensor, torch4j keeps it here and {@link #grad()} stays null. Accumulation
     * concatenates the entries (uncoalesced), as PyTorch's does.
     */
    public org.torch4j.sparse.SparseCooTensor sparseGrad() {
        return sparseGrad;
    }

    /** Replaces the sparse gradient (null clears it); its shape must be this tensor's. */
    public void setSparseGrad(org.torch4j.sparse.SparseCooTensor sparseGrad) {
        if (sparseGrad != null && !java.util.Arrays.equals(sparseGrad.shape(), shape))
            throw new IllegalArgumentException("assigned grad has data of a different size");
        this.sparseGrad = sparseGrad;
    }

    /** The node that created this tensor, or null for leaves. */
    public GradFn gradFn() {
        ViewHistory.sync(this);
        return gradFn;
    }

    /** True for tensors not created by a recorded op. */
    public boolean isLeaf() {
        ViewHistory.sync(this);
        return gradFn == null;
    }

    /** Keeps {@code .grad} for this non-leaf tensor during backward. */
    public Tensor retainGrad() {
        Autograd.retainGrad(this);
        return this;
    }

    /** Whether {@link #retainGrad()} was called on this non-leaf tensor ({@code Tensor.retains_grad}). */
    public boolean retainsGrad() {
        return retainsGrad;
    }

    /** A tensor sharing this one's storage but outside the graph. */
    public Tensor detach() {
        return Autograd.detach(this);
    }

    /** Detaches this tensor from the graph in place. */
    public Tensor detach_() {
        return Autograd.detachInPlace(this);
    }

    /** Backpropagates from a one-element tensor. */
    public void backward() {
        Autograd.backward(this, null, false, false);
    }

    /** Backpropagates {@code gradient} (the gradient of some scalar with respect to this tensor). */
    public void backward(Tensor gradient) {
        Autograd.backward(this, gradient, false, false);
    }

    /**
     * Backpropagates {@code gradient} (null for a one-element tensor, meaning 1) into the leaves' {@code
     * grad}, as {@code Tensor.backward(gradient, retain_graph, create_graph)}: with {@code retainGraph} the
     * saved tensors stay for another backward; with {@code createGraph} the gradients are recorded, so they
     * can be differentiated again.
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Autograd.backward(this, gradient, retainGraph, createGraph);
    }

    /** Registers a hook called with this tensor's gradient; it may return a replacement (or null). */
    public Hook registerHook(java.util.function.UnaryOperator<Tensor> hook) {
        return Autograd.registerHook(this, hook);
    }

    // ---- autofunc: linear algebra methods of torch.Tensor outside torch.linalg ----

    /** {@code Tensor.geqrf()}: see {@link Torch#geqrf}. */
    public org.torch4j.linalg.GeqrfResult geqrf() {
        return org.torch4j.linalg.TorchLinalg.geqrf(this);
    }

    /** {@code Tensor.orgqr(tau)}: see {@link Torch#orgqr}. */
    public Tensor orgqr(Tensor tau) {
        return org.torch4j.linalg.TorchLinalg.orgqr(this, tau);
    }

    /** {@code Tensor.ormqr(tau, other)}: see {@link Torch#ormqr(Tensor, Tensor, Tensor)}. */
    public Tensor ormqr(Tensor tau, Tensor other) {
        return org.torch4j.linalg.TorchLinalg.ormqr(this, tau, other);
    }

    /** {@code Tensor.ormqr(tau, other, left, transpose)}. */
    public Tensor ormqr(Tensor tau, Tensor other, boolean left, boolean transpose) {
        return org.torch4j.linalg.TorchLinalg.ormqr(this, tau, other, left, transpose);
    }

    /** {@code Tensor.cholesky_solve(L)}: this is B; see {@link Torch#choleskySolve(Tensor, Tensor)}. */
    public Tensor choleskySolve(Tensor l) {
        return org.torch4j.linalg.TorchLinalg.choleskySolve(this, l);
    }

    /** {@code Tensor.cholesky_solve(L, upper)}. */
    public Tensor choleskySolve(Tensor l, boolean upper) {
        return org.torch4j.linalg.TorchLinalg.choleskySolve(this, l, upper);
    }

    /** {@code Tensor.cholesky_inverse()}: this is the lower Cholesky factor. */
    public Tensor choleskyInverse() {
        return org.torch4j.linalg.TorchLinalg.choleskyInverse(this);
    }

    /** {@code Tensor.cholesky_inverse(upper)}. */
    public Tensor choleskyInverse(boolean upper) {
        return org.torch4j.linalg.TorchLinalg.choleskyInverse(this, upper);
    }

    /** The deprecated {@code Tensor.triangular_solve(A)}: this is b; see {@link Torch#triangularSolve(Tensor, Tensor)}. */
    public org.torch4j.linalg.TriangularSolveResult triangularSolve(Tensor a) {
        return org.torch4j.linalg.TorchLinalg.triangularSolve(this, a);
    }

    /** {@code Tensor.triangular_solve(A, upper, transpose, unitriangular)}. */
    public org.torch4j.linalg.TriangularSolveResult triangularSolve(Tensor a, boolean upper, boolean transpose, boolean unitriangular) {
        return org.torch4j.linalg.TorchLinalg.triangularSolve(this, a, upper, transpose, unitriangular);
    }

    /** {@code Tensor.logdet()}: see {@link Torch#logdet}. */
    public Tensor logdet() {
        return org.torch4j.linalg.TorchLinalg.logdet(this);
    }

    // ---- sorting, searching, counting and statistics ----

    /** The lower median of all elements ({@code torch.median}); NaN if any element is NaN. */
    public Tensor median() {
        return OrderStatistics.median(this, false);
    }

    /** The lower median along {@code dim} and its index ({@code median(dim)}, keepdim false). */
    public ValuesIndices median(int dim) {
        return OrderStatistics.median(this, dim, false, false);
    }

    /** The lower median along {@code dim} and its index; a NaN in a row is that row's median. */
    public ValuesIndices median(int dim, boolean keepdim) {
        return OrderStatistics.median(this, dim, keepdim, false);
    }

    /** The lower median of the non-NaN elements ({@code torch.nanmedian}); NaN if all are NaN. */
    public Tensor nanmedian() {
        return OrderStatistics.median(this, true);
    }

    /** {@code nanmedian(dim)}, keepdim false. */
    public ValuesIndices nanmedian(int dim) {
        return OrderStatistics.median(this, dim, false, true);
    }

    /** The lower median of the non-NaN values along {@code dim} and its index. */
    public ValuesIndices nanmedian(int dim, boolean keepdim) {
        return OrderStatistics.median(this, dim, keepdim, true);
    }

    /** The most frequent value along the last dim and its index ({@code torch.mode}). */
    public ValuesIndices mode() {
        return OrderStatistics.mode(this, -1, false);
    }

    /** {@code mode(dim)}, keepdim false. */
    public ValuesIndices mode(int dim) {
        return OrderStatistics.mode(this, dim, false);
    }

    /** The most frequent value along {@code dim} (the smallest on a tie) and the last index where it occurs. */
    public ValuesIndices mode(int dim, boolean keepdim) {
        return OrderStatistics.mode(this, dim, keepdim);
    }

    /** The {@code k}-th smallest value (1-based) along the last dim and its index ({@code torch.kthvalue}). */
    public ValuesIndices kthvalue(long k) {
        return OrderStatistics.kthvalue(this, k, -1, false);
    }

    /** {@code kthvalue(k, dim)}, keepdim false. */
    public ValuesIndices kthvalue(long k, int dim) {
        return OrderStatistics.kthvalue(this, k, dim, false);
    }

    /** The {@code k}-th smallest value (1-based) along {@code dim} and its index. */
    public ValuesIndices kthvalue(long k, int dim, boolean keepdim) {
        return OrderStatistics.kthvalue(this, k, dim, keepdim);
    }

    /** The q-th quantile of all elements, linear interpolation ({@code torch.quantile}); q in [0, 1]. */
    public Tensor quantile(double q) {
        return Quantiles.quantile(this, q, null, false, "linear", false);
    }

    /**
     * The q-th quantile along {@code dim} (null: all elements; keepdim then keeps every dim), with
     * {@code interpolation} linear, lower, higher, midpoint or nearest. NaN in a row gives NaN.
     */
    public Tensor quantile(double q, Integer dim, boolean keepdim, String interpolation) {
        return Quantiles.quantile(this, q, dim, keepdim, interpolation, false);
    }

    /** Quantiles for each q of a 0-dim or 1-d tensor (the input's dtype) of all elements; a 1-d q's dim comes first. */
    public Tensor quantile(Tensor q) {
        return Quantiles.quantile(this, q, null, false, "linear", false);
    }

    /** Quantiles for each q of a 0-dim or 1-d tensor along {@code dim} (null: all elements); a 1-d q's dim comes first. */
    public Tensor quantile(Tensor q, Integer dim, boolean keepdim, String interpolation) {
        return Quantiles.quantile(this, q, dim, keepdim, interpolation, false);
    }

    /** {@link #quantile(double)} ignoring NaN ({@code torch.nanquantile}); an all-NaN row gives NaN. */
    public Tensor nanquantile(double q) {
        return Quantiles.quantile(this, q, null, false, "linear", true);
    }

    /** {@link #quantile(double, Integer, boolean, String)} ignoring NaN. */
    public Tensor nanquantile(double q, Integer dim, boolean keepdim, String interpolation) {
        return Quantiles.quantile(this, q, dim, keepdim, interpolation, true);
    }

    /** {@link #quantile(Tensor)} ignoring NaN. */
    public Tensor nanquantile(Tensor q) {
        return Quantiles.quantile(this, q, null, false, "linear", true);
    }

    /** {@link #quantile(Tensor, Integer, boolean, String)} ignoring NaN. */
    public Tensor nanquantile(Tensor q, Integer dim, boolean keepdim, String interpolation) {
        return Quantiles.quantile(this, q, dim, keepdim, interpolation, true);
    }

    /** Sorted along the first dim ({@code torch.msort}). */
    public Tensor msort() {
        return OrderStatistics.msort(this);
    }

    /** The running maximum along {@code dim} and the index it came from (the later one on ties; NaN sticks). */
    public ValuesIndices cummax(int dim) {
        return CumulativeExtremes.cummax(this, dim);
    }

    /** The running minimum along {@code dim} and the index it came from (the later one on ties; NaN sticks). */
    public ValuesIndices cummin(int dim) {
        return CumulativeExtremes.cummin(this, dim);
    }

    /** The sum of all elements with NaN counted as zero ({@code torch.nansum}). */
    public Tensor nansum() {
        return NanReductions.nansum(this, null, false, null);
    }

    /** The sum over {@code dims} (all when empty) with NaN counted as zero. */
    public Tensor nansum(int... dims) {
        return NanReductions.nansum(this, dims, false, null);
    }

    /** {@code nansum} over {@code dims}, keeping them as size 1 with {@code keepdim}. */
    public Tensor nansum(int[] dims, boolean keepdim) {
        return NanReductions.nansum(this, dims, keepdim, null);
    }

    /** {@code nansum} computed in {@code dtype} (the input is converted first; null: PyTorch's default). */
    public Tensor nansum(int[] dims, boolean keepdim, DType dtype) {
        return NanReductions.nansum(this, dims, keepdim, dtype);
    }

    /** The mean of the non-NaN elements ({@code torch.nanmean}); floating inputs only. */
    public Tensor nanmean() {
        return NanReductions.nanmean(this, null, false, null);
    }

    /** The mean of the non-NaN elements over {@code dims} (all when empty). */
    public Tensor nanmean(int... dims) {
        return NanReductions.nanmean(this, dims, false, null);
    }

    /** {@code nanmean} over {@code dims}, keeping them as size 1 with {@code keepdim}. */
    public Tensor nanmean(int[] dims, boolean keepdim) {
        return NanReductions.nanmean(this, dims, keepdim, null);
    }

    /** {@code nanmean} summed in {@code dtype} (null: the input's). */
    public Tensor nanmean(int[] dims, boolean keepdim, DType dtype) {
        return NanReductions.nanmean(this, dims, keepdim, dtype);
    }

    /** The smallest and largest elements ({@code torch.aminmax}). */
    public MinMax aminmax() {
        return CombinedReductions.aminmax(this, null, false);
    }

    /** The smallest and largest values along {@code dim} (null: all elements). */
    public MinMax aminmax(Integer dim, boolean keepdim) {
        return CombinedReductions.aminmax(this, dim, keepdim);
    }

    /** A histogram of 100 equal bins over the data's range ({@code torch.histc}). */
    public Tensor histc() {
        return Histograms.histc(this, 100, 0, 0);
    }

    /** A histogram of {@code bins} equal bins over the data's range. */
    public Tensor histc(long bins) {
        return Histograms.histc(this, bins, 0, 0);
    }

    /** A histogram of {@code bins} equal bins over [min, max] (min == max: the data's range); others are ignored. */
    public Tensor histc(long bins, double min, double max) {
        return Histograms.histc(this, bins, min, max);
    }

    /** {@code torch.histogram} with {@code bins} equal bins over the data's range. */
    public Histogram histogram(long bins) {
        return Histograms.histogram(this, bins, null, null, false);
    }

    /**
     * {@code torch.histogram}: {@code bins} equal bins over {@code range} ({min, max}; null: the data's),
     * each element counting its {@code weight} (null: 1); {@code density} normalises to unit area.
     */
    public Histogram histogram(long bins, double[] range, Tensor weight, boolean density) {
        return Histograms.histogram(this, bins, range, weight, density);
    }

    /** {@code torch.histogram} over the given increasing bin edges. */
    public Histogram histogram(Tensor bins) {
        return Histograms.histogram(this, bins, null, false);
    }

    /** {@code torch.histogram} over the given bin edges, with optional weights and density. */
    public Histogram histogram(Tensor bins, Tensor weight, boolean density) {
        return Histograms.histogram(this, bins, weight, density);
    }

    /** How often each value of this 1-d non-negative integer tensor occurs ({@code torch.bincount}). */
    public Tensor bincount() {
        return Histograms.bincount(this, null, 0);
    }

    /** The summed {@code weights} (null: counts) of each value, at least {@code minlength} bins. */
    public Tensor bincount(Tensor weights, long minlength) {
        return Histograms.bincount(this, weights, minlength);
    }

    /** The flattened input with consecutive repeats collapsed ({@code torch.unique_consecutive}). */
    public Tensor uniqueConsecutive() {
        return UniqueConsecutive.uniqueConsecutive(this, false, false, null).values();
    }

    /** Consecutive repeats collapsed (along {@code dim}; null: flattened), with the inverse and counts on request. */
    public Unique uniqueConsecutive(boolean returnInverse, boolean returnCounts, Integer dim) {
        return UniqueConsecutive.uniqueConsecutive(this, returnInverse, returnCounts, dim);
    }

    /** The covariance matrix of the variables in rows ({@code torch.cov}, unbiased). */
    public Tensor cov() {
        return Covariance.cov(this, 1, null, null);
    }

    /** The covariance with {@code correction}, integer frequency weights and floating importance weights (either may be null). */
    public Tensor cov(long correction, Tensor fweights, Tensor aweights) {
        return Covariance.cov(this, correction, fweights, aweights);
    }

    /** The Pearson correlation coefficients of the variables in rows ({@code torch.corrcoef}). */
    public Tensor corrcoef() {
        return Covariance.corrcoef(this);
    }

    // ---- construction, shape, joining and matrix-product conveniences ----

    /** The main diagonal: a 1-d tensor as a square matrix, a matrix's diagonal as a new 1-d tensor ({@code torch.diag}). */
    public Tensor diag() {
        return Diagonals.diag(this, 0);
    }

    /**
     * {@code torch.diag} with a diagonal offset: a 1-d tensor placed on the {@code diagonal}-th diagonal
     * (above the main one when positive) of a square matrix, or that diagonal of a matrix, copied.
     */
    public Tensor diag(long diagonal) {
        return Diagonals.diag(this, diagonal);
    }

    /** The flattened tensor on the main diagonal of a square matrix ({@code torch.diagflat}). */
    public Tensor diagflat() {
        return Diagonals.diagflat(this, 0);
    }

    /** The flattened tensor on the {@code offset}-th diagonal of a square matrix ({@code torch.diagflat}). */
    public Tensor diagflat(long offset) {
        return Diagonals.diagflat(this, offset);
    }

    /** The last dim placed on the main diagonals of the last two dims of a new tensor ({@code torch.diag_embed}). */
    public Tensor diagEmbed() {
        return Diagonals.diagEmbed(this, 0, -2, -1);
    }

    /**
     * {@code torch.diag_embed}: the last dim placed on the {@code offset}-th diagonals of the planes
     * ({@code dim1}, {@code dim2}) of a result with one more dim, zeros elsewhere (defaults 0, -2, -1).
     */
    public Tensor diagEmbed(long offset, int dim1, int dim2) {
        return Diagonals.diagEmbed(this, offset, dim1, dim2);
    }

    /** The sum of a matrix's main diagonal, int64 for integer matrices ({@code torch.trace}). */
    public Tensor trace() {
        return Diagonals.trace(this);
    }

    /** A copy with {@code src} written on the main diagonal of the first two dims ({@code torch.diagonal_scatter}). */
    public Tensor diagonalScatter(Tensor src) {
        return Diagonals.diagonalScatter(this, src, 0, 0, 1);
    }

    /**
     * {@code torch.diagonal_scatter}: a copy with {@code src} written where {@code diagonal(offset, dim1, dim2)}
     * reads (defaults 0, 0, 1); src must have that view's shape.
     */
    public Tensor diagonalScatter(Tensor src, long offset, int dim1, int dim2) {
        return Diagonals.diagonalScatter(this, src, offset, dim1, dim2);
    }

    /** {@code torch.select_scatter}: a copy with {@code src} written where {@code select(dim, index)} reads. */
    public Tensor selectScatter(Tensor src, int dim, long index) {
        return Embeds.selectScatter(this, src, dim, index);
    }

    /** {@code torch.slice_scatter} with its defaults: {@code src} written over the whole of dim 0. */
    public Tensor sliceScatter(Tensor src) {
        return sliceScatter(src, 0, null, null, 1);
    }

    /**
     * {@code torch.slice_scatter}: a copy with {@code src} written where {@code slice(dim, start, end, step)}
     * reads; null start and end mean the whole dim (PyTorch's None).
     */
    public Tensor sliceScatter(Tensor src, int dim, Long start, Long end, long step) {
        return Embeds.sliceScatter(this, src, dim, start == null ? 0 : start, end == null ? Long.MAX_VALUE : end, step);
    }

    /** Writes {@code fillValue} on the main diagonal in place ({@code Tensor.fill_diagonal_}, wrap = false). */
    public Tensor fillDiagonal_(double fillValue) {
        return Diagonals.fillDiagonal(this, fillValue, false);
    }

    /**
     * {@code Tensor.fill_diagonal_}: {@code fillValue} on the main diagonal, in place; all dims must be equal
     * beyond 2-d. With {@code wrap}, a tall matrix's diagonal restarts after every N + 1 rows (NumPy's rule).
     */
    public Tensor fillDiagonal_(double fillValue, boolean wrap) {
        return Diagonals.fillDiagonal(this, fillValue, wrap);
    }

    /** {@code torch.index_fill}: a copy with {@code value} at the positions {@code index} (int64) of {@code dim}. */
    public Tensor indexFill(int dim, Tensor index, double value) {
        return IndexWrites.indexFill(this, dim, index, Pointwise.fillValue(this, value));
    }

    /** {@code torch.index_fill} with a 0-dim tensor value (its gradient is the sum over the filled slices). */
    public Tensor indexFill(int dim, Tensor index, Tensor value) {
        return IndexWrites.indexFill(this, dim, index, value);
    }

    /** In-place {@link #indexFill(int, Tensor, double)} ({@code Tensor.index_fill_}). */
    public Tensor indexFill_(int dim, Tensor index, double value) {
        return IndexWrites.inPlace(this, shape, t -> t.indexFill(dim, index, value));
    }

    /** In-place {@link #indexFill(int, Tensor, Tensor)} ({@code Tensor.index_fill_}). */
    public Tensor indexFill_(int dim, Tensor index, Tensor value) {
        return IndexWrites.inPlace(this, shape, t -> t.indexFill(dim, index, value));
    }

    /**
     * {@code torch.index_copy}: a copy whose slices {@code index[i]} along {@code dim} are the slices i of
     * {@code source} (same dtype; int64 index; with repeated indices one of the writes wins).
     */
    public Tensor indexCopy(int dim, Tensor index, Tensor source) {
        return IndexWrites.indexCopy(this, dim, index, source);
    }

    /** In-place {@link #indexCopy} ({@code Tensor.index_copy_}). */
    public Tensor indexCopy_(int dim, Tensor index, Tensor source) {
        return IndexWrites.inPlace(this, shape, t -> t.indexCopy(dim, index, source));
    }

    /**
     * {@code torch.masked_scatter}: where {@code mask} (broadcast with this) is true, the elements of
     * {@code source} in row-major order; elsewhere this tensor's. The result has the broadcast shape.
     */
    public Tensor maskedScatter(Tensor mask, Tensor source) {
        return IndexWrites.maskedScatter(this, mask, source);
    }

    /** In-place {@link #maskedScatter} ({@code Tensor.masked_scatter_}); the mask must broadcast to this shape. */
    public Tensor maskedScatter_(Tensor mask, Tensor source) {
        mask.expand(shape); // PyTorch expands the mask to self first: its message for a mask that is larger
        return IndexWrites.inPlace(this, shape, t -> t.maskedScatter(mask, source));
    }

    /** {@link #indexReduce(int, Tensor, Tensor, String, boolean)} with {@code includeSelf = true}. */
    public Tensor indexReduce(int dim, Tensor index, Tensor source, String reduce) {
        return IndexWrites.indexReduce(this, dim, index, source, reduce, true);
    }

    /**
     * {@code torch.index_reduce}: the slices i of {@code source} combined into the slices {@code index[i]}
     * along {@code dim} with {@code reduce} ("prod", "mean", "amax" or "amin"), this tensor's values
     * taking part when {@code includeSelf}.
     */
    public Tensor indexReduce(int dim, Tensor index, Tensor source, String reduce, boolean includeSelf) {
        return IndexWrites.indexReduce(this, dim, index, source, reduce, includeSelf);
    }

    /** In-place {@link #indexReduce(int, Tensor, Tensor, String, boolean)} ({@code Tensor.index_reduce_}). */
    public Tensor indexReduce_(int dim, Tensor index, Tensor source, String reduce, boolean includeSelf) {
        return IndexWrites.inPlace(this, shape, t -> t.indexReduce(dim, index, source, reduce, includeSelf));
    }

    /** The flattened elements, each {@code repeats} times in place ({@code torch.repeat_interleave}, dim = None). */
    public Tensor repeatInterleave(long repeats) {
        return RepeatInterleave.repeat(this, repeats, null, null);
    }

    /** Each slice along {@code dim} (null: the flattened elements) {@code repeats} times in place ({@code repeat_interleave}). */
    public Tensor repeatInterleave(long repeats, Integer dim) {
        return RepeatInterleave.repeat(this, repeats, dim, null);
    }

    /** {@code repeat_interleave} with PyTorch's {@code output_size} (null: not given), which must be the result's length. */
    public Tensor repeatInterleave(long repeats, Integer dim, Long outputSize) {
        return RepeatInterleave.repeat(this, repeats, dim, outputSize);
    }

    /** The flattened elements, element i {@code repeats[i]} times ({@code repeat_interleave} with a tensor of counts). */
    public Tensor repeatInterleave(Tensor repeats) {
        return RepeatInterleave.repeat(this, repeats, null, null);
    }

    /** Slice i along {@code dim} (null: flattened) {@code repeats[i]} times; one count applies to every slice. */
    public Tensor repeatInterleave(Tensor repeats, Integer dim) {
        return RepeatInterleave.repeat(this, repeats, dim, null);
    }

    /** {@link #repeatInterleave(Tensor, Integer)} with {@code output_size} (null: not given). */
    public Tensor repeatInterleave(Tensor repeats, Integer dim, Long outputSize) {
        return RepeatInterleave.repeat(this, repeats, dim, outputSize);
    }

    /** The flattened elements at {@code indices} (int64) ({@code torch.take_along_dim}, dim = None). */
    public Tensor takeAlongDim(Tensor indices) {
        return Broadcasts.takeAlongDim(this, indices, null);
    }

    /** {@code torch.take_along_dim}: gather along {@code dim}, this and the indices broadcast in the other dims. */
    public Tensor takeAlongDim(Tensor indices, int dim) {
        return Broadcasts.takeAlongDim(this, indices, dim);
    }

    /** Views splitting dim 0 into {@code sections} parts, the first size % sections one longer ({@code torch.tensor_split}). */
    public List<Tensor> tensorSplit(long sections) {
        return Splits.tensorSplit(this, sections, 0);
    }

    /** {@code torch.tensor_split} into {@code sections} parts along {@code dim}. */
    public List<Tensor> tensorSplit(long sections, int dim) {
        return Splits.tensorSplit(this, sections, dim);
    }

    /** {@code torch.tensor_split} of dim 0 before each of {@code indices}. */
    public List<Tensor> tensorSplit(long[] indices) {
        return Splits.tensorSplit(this, indices, 0);
    }

    /** {@code torch.tensor_split} of {@code dim} before each of {@code indices} (Python slice bounds). */
    public List<Tensor> tensorSplit(long[] indices, int dim) {
        return Splits.tensorSplit(this, indices, dim);
    }

    /** {@code torch.tensor_split} with an int64 tensor: 0-d for a number of sections, 1-d for indices. */
    public List<Tensor> tensorSplit(Tensor indicesOrSections, int dim) {
        return Splits.tensorSplit(this, indicesOrSections, dim);
    }

    /** {@code torch.hsplit}: equal sections along dim 1 (dim 0 for 1-d tensors). */
    public List<Tensor> hsplit(long sections) {
        return Splits.split("hsplit", this, sections);
    }

    /** {@code torch.hsplit} before each of {@code indices}. */
    public List<Tensor> hsplit(long[] indices) {
        return Splits.split("hsplit", this, indices);
    }

    /** {@code torch.vsplit}: equal sections along dim 0 (at least 2-d). */
    public List<Tensor> vsplit(long sections) {
        return Splits.split("vsplit", this, sections);
    }

    /** {@code torch.vsplit} before each of {@code indices}. */
    public List<Tensor> vsplit(long[] indices) {
        return Splits.split("vsplit", this, indices);
    }

    /** {@code torch.dsplit}: equal sections along dim 2 (at least 3-d). */
    public List<Tensor> dsplit(long sections) {
        return Splits.split("dsplit", this, sections);
    }

    /** {@code torch.dsplit} before each of {@code indices}. */
    public List<Tensor> dsplit(long[] indices) {
        return Splits.split("dsplit", this, indices);
    }

    /** A broadcast view of this tensor with {@code shape} (-1 keeps a dim) ({@code torch.broadcast_to}). */
    public Tensor broadcastTo(long... shape) {
        return expand(shape);
    }

    /** Columns reversed, a copy ({@code torch.fliplr}; at least 2-d). */
    public Tensor fliplr() {
        return Rotations.fliplr(this);
    }

    /** Rows reversed, a copy ({@code torch.flipud}; at least 1-d). */
    public Tensor flipud() {
        return Rotations.flipud(this);
    }

    /** One quarter turn in the plane of dims 0 and 1 ({@code torch.rot90}). */
    public Tensor rot90() {
        return Rotations.rot90(this, 1, new int[] {0, 1});
    }

    /** k quarter turns in the plane of dims 0 and 1 ({@code torch.rot90}; negative k turns the other way). */
    public Tensor rot90(long k) {
        return Rotations.rot90(this, k, new int[] {0, 1});
    }

    /** {@code torch.rot90}: k quarter turns from {@code dims[0]} towards {@code dims[1]} (defaults 1, [0, 1]). */
    public Tensor rot90(long k, int... dims) {
        return Rotations.rot90(this, k, dims);
    }

    /** The elements as a 1-d tensor, a view where possible ({@code torch.ravel}). */
    public Tensor ravel() {
        return reshape(-1);
    }

    /** Sums the dims that broadcasting {@code size} to this shape would expand ({@code Tensor.sum_to_size}). */
    public Tensor sumToSize(long... size) {
        return Broadcasts.sumToSize(this, size);
    }

    /** This tensor in {@code other}'s dtype ({@code Tensor.type_as}). */
    public Tensor typeAs(Tensor other) {
        return to(other.dtype());
    }

    /** Zeros with this tensor's dtype and device ({@code Tensor.new_zeros}). */
    public Tensor newZeros(long... size) {
        return Torch.zeros(size, dtype(), device());
    }

    /** Ones with this tensor's dtype and device ({@code Tensor.new_ones}). */
    public Tensor newOnes(long... size) {
        return Torch.ones(size, dtype(), device());
    }

    /** {@code value} everywhere, with this tensor's dtype and device ({@code Tensor.new_full}). */
    public Tensor newFull(long[] size, double value) {
        return Torch.full(size, value, dtype(), device());
    }

    /** Uninitialised memory with this tensor's dtype and device ({@code Tensor.new_empty}). */
    public Tensor newEmpty(long... size) {
        return Torch.empty(size, dtype(), device());
    }

    /**
     * {@code Tensor.new_tensor}: a new tensor from {@code data} (a nested Java array, as {@link Torch#tensor(Object)}
     * takes, or a Tensor, copied and detached) with this tensor's dtype and device.
     */
    public Tensor newTensor(Object data) {
        Tensor t = data instanceof Tensor src ? src.detach().clone() : Torch.tensor(data);
        return t.to(dtype()).to(device());
    }

    /** This tensor itself ({@code torch.positive}, unary plus); PyTorch's error for bool. */
    public Tensor positive() {
        if (dtype == DType.BOOL) throw new IllegalArgumentException("The `+` operator, on a bool tensor is not supported.");
        return this;
    }

    /** The Kronecker product ({@code torch.kron}). */
    public Tensor kron(Tensor other) {
        return Contractions.kron(this, other);
    }

    /** The sum over the last dims of this and {@code other} ({@code torch.inner}); a 0-d operand multiplies. */
    public Tensor inner(Tensor other) {
        return Contractions.inner(this, other);
    }

    /** The dot product of 1-d tensors with this one conjugated ({@code torch.vdot}). */
    public Tensor vdot(Tensor other) {
        return Contractions.vdot(this, other);
    }

    /** {@code this + mat @ vec} ({@code torch.addmv}). */
    public Tensor addmv(Tensor mat, Tensor vec) {
        return AddProducts.addmv(this, mat, vec, 1, 1);
    }

    /** {@code beta * this + alpha * (mat @ vec)} ({@code torch.addmv}); beta = 0 ignores this tensor's values. */
    public Tensor addmv(Tensor mat, Tensor vec, double beta, double alpha) {
        return AddProducts.addmv(this, mat, vec, beta, alpha);
    }

    /** {@code this + outer(vec1, vec2)} ({@code torch.addr}). */
    public Tensor addr(Tensor vec1, Tensor vec2) {
        return AddProducts.addr(this, vec1, vec2, 1, 1);
    }

    /** {@code beta * this + alpha * outer(vec1, vec2)} ({@code torch.addr}); integers need integral beta and alpha. */
    public Tensor addr(Tensor vec1, Tensor vec2, double beta, double alpha) {
        return AddProducts.addr(this, vec1, vec2, beta, alpha);
    }

    /** {@code this + sum_b batch1[b] @ batch2[b]} ({@code torch.addbmm}). */
    public Tensor addbmm(Tensor batch1, Tensor batch2) {
        return AddProducts.addbmm(this, batch1, batch2, 1, 1);
    }

    /** {@code beta * this + alpha * sum_b batch1[b] @ batch2[b]} ({@code torch.addbmm}). */
    public Tensor addbmm(Tensor batch1, Tensor batch2, double beta, double alpha) {
        return AddProducts.addbmm(this, batch1, batch2, beta, alpha);
    }

    /** The 2-norm of {@code this - other} ({@code torch.dist}). */
    public Tensor dist(Tensor other) {
        return Norms.dist(this, other, 2);
    }

    /** The p-norm of {@code this - other}, broadcast ({@code torch.dist}). */
    public Tensor dist(Tensor other, double p) {
        return Norms.dist(this, other, p);
    }

    /** Each slice along {@code dim} with p-norm above {@code maxnorm} scaled down to it ({@code torch.renorm}). */
    public Tensor renorm(double p, int dim, double maxnorm) {
        return Norms.renorm(this, p, dim, maxnorm);
    }

    // ---- special and missing elementwise math ----

    /** {@code torch.logaddexp}: {@code log(exp(this) + exp(other))} without overflow (floating dtypes). */
    public Tensor logaddexp(Tensor other) {
        return LogAddExp.logaddexp(this, other, false);
    }

    /** {@code torch.logaddexp2}: {@code log2(2^this + 2^other)} without overflow (floating dtypes). */
    public Tensor logaddexp2(Tensor other) {
        return LogAddExp.logaddexp(this, other, true);
    }

    /** {@code torch.heaviside}: 0 below zero, {@code values} at zero, 1 above (values of the same dtype). */
    public Tensor heaviside(Tensor values) {
        return Heaviside.heaviside(this, values);
    }

    /** In-place {@link #heaviside(Tensor)}. */
    public Tensor heaviside_(Tensor values) {
        return Heaviside.heavisideInPlace(this, values);
    }

    /** {@code torch.frexp}: mantissa in [0.5, 1) (this dtype) and int32 exponent with {@code this = m * 2^e}. */
    public MantissaExponent frexp() {
        return FloatParts.frexp(this);
    }

    /** {@code torch.ldexp}: {@code this * 2^other}. */
    public Tensor ldexp(Tensor other) {
        return FloatParts.ldexp(this, other);
    }

    /** In-place {@link #ldexp(Tensor)}. */
    public Tensor ldexp_(Tensor other) {
        return FloatParts.ldexpInPlace(this, other);
    }

    /** {@code torch.nextafter}: the next representable value after this towards {@code other} (float32, float64). */
    public Tensor nextafter(Tensor other) {
        return FloatParts.nextafter(this, other);
    }

    /** In-place {@link #nextafter(Tensor)}. */
    public Tensor nextafter_(Tensor other) {
        return FloatParts.nextafterInPlace(this, other);
    }

    /** {@code torch.gcd}: the non-negative greatest common divisor (integer dtypes). */
    public Tensor gcd(Tensor other) {
        return IntegerDivisors.gcd(this, other);
    }

    /** In-place {@link #gcd(Tensor)}. */
    public Tensor gcd_(Tensor other) {
        return IntegerDivisors.inPlace(this, other, false);
    }

    /** {@code torch.lcm}: the non-negative least common multiple (integer dtypes). */
    public Tensor lcm(Tensor other) {
        return IntegerDivisors.lcm(this, other);
    }

    /** In-place {@link #lcm(Tensor)}. */
    public Tensor lcm_(Tensor other) {
        return IntegerDivisors.inPlace(this, other, true);
    }

    /** {@code torch.deg2rad}: degrees to radians. */
    public Tensor deg2rad() {
        return Angles.convert(this, true);
    }

    /** In-place {@link #deg2rad()}. */
    public Tensor deg2rad_() {
        return Angles.convertInPlace(this, true);
    }

    /** {@code torch.rad2deg}: radians to degrees. */
    public Tensor rad2deg() {
        return Angles.convert(this, false);
    }

    /** In-place {@link #rad2deg()}. */
    public Tensor rad2deg_() {
        return Angles.convertInPlace(this, false);
    }

    /** {@code torch.float_power}: {@code this^exponent} in float64 (complex128 if either is complex). */
    public Tensor floatPower(Tensor exponent) {
        return FloatPower.floatPower(this, exponent);
    }

    /** {@code torch.float_power} with a scalar exponent. */
    public Tensor floatPower(double exponent) {
        return FloatPower.floatPower(this, Pointwise.scalar(this, exponent));
    }

    /** In-place {@link #floatPower(Tensor)}: this must already be float64 (complex128 for complex operands). */
    public Tensor floatPower_(Tensor exponent) {
        return FloatPower.floatPowerInPlace(this, exponent);
    }

    /** In-place {@link #floatPower(double)}. */
    public Tensor floatPower_(double exponent) {
        return FloatPower.floatPowerInPlace(this, Pointwise.scalar(this, exponent));
    }

    /** {@code torch.i0}: the modified Bessel function of the first kind of order 0. */
    public Tensor i0() {
        return org.torch4j.special.Special.i0(this);
    }

    /** In-place {@link #i0()}. */
    public Tensor i0_() {
        return Pointwise.inPlace(this, org.torch4j.special.Special::i0, Promotion.toFloating(dtype()), shape);
    }

    /** {@code torch.igamma}: the regularized lower incomplete gamma function P(this, other). */
    public Tensor igamma(Tensor other) {
        return org.torch4j.special.Special.gammainc(this, other);
    }

    /** In-place {@link #igamma(Tensor)}. */
    public Tensor igamma_(Tensor other) {
        return Pointwise.inPlace(this, s -> org.torch4j.special.Special.gammainc(s, other), Torch.resultType(this, other), other.shape);
    }

    /** {@code torch.igammac}: the regularized upper incomplete gamma function Q(this, other). */
    public Tensor igammac(Tensor other) {
        return org.torch4j.special.Special.gammaincc(this, other);
    }

    /** In-place {@link #igammac(Tensor)}. */
    public Tensor igammac_(Tensor other) {
        return Pointwise.inPlace(this, s -> org.torch4j.special.Special.gammaincc(s, other), Torch.resultType(this, other), other.shape);
    }

    /** {@code torch.logit}: {@code log(x / (1 - x))}. */
    public Tensor logit() {
        return org.torch4j.special.Special.logit(this);
    }

    /** {@code torch.logit(x, eps)}: with x clamped to [eps, 1 - eps] first. */
    public Tensor logit(double eps) {
        return org.torch4j.special.Special.logit(this, eps);
    }

    /** In-place {@link #logit()}. */
    public Tensor logit_() {
        return Pointwise.inPlace(this, org.torch4j.special.Special::logit, Promotion.toFloating(dtype()), shape);
    }

    /** In-place {@link #logit(double)}. */
    public Tensor logit_(double eps) {
        return Pointwise.inPlace(this, s -> org.torch4j.special.Special.logit(s, eps), Promotion.toFloating(dtype()), shape);
    }

    /** {@code torch.sinc}: the normalized sinc {@code sin(pi x) / (pi x)}, 1 at 0. */
    public Tensor sinc() {
        return org.torch4j.special.Special.sinc(this);
    }

    /** In-place {@link #sinc()}. */
    public Tensor sinc_() {
        return Pointwise.inPlace(this, org.torch4j.special.Special::sinc, Promotion.toFloating(dtype()), shape);
    }

    /** {@code torch.isreal}: true where the imaginary part is 0 (everywhere for real dtypes). */
    public Tensor isreal() {
        return IsReal.of(this);
    }

    // ---- finite differences ----

    /** {@code Tensor.diff()}: the first forward difference along the last dim, {@code x[1:] - x[:-1]}. */
    public Tensor diff() {
        return Calculus.diff(this, 1, -1, null, null);
    }

    /**
     * {@code torch.diff(input, n, dim, prepend, append)}: the n-th forward difference along {@code dim}, after joining
     * {@code prepend} before and {@code append} after this tensor along it (either may be null; they need this
     * tensor's number of dims). Bool tensors differ by xor, as PyTorch. Each order shortens the dim by one.
     *
     * @throws IllegalArgumentException for a 0-dim tensor, a negative {@code n} (PyTorch 2's check), or prepend/append
     *     of another rank
     */
    public Tensor diff(long n, int dim, Tensor prepend, Tensor append) {
        return Calculus.diff(this, n, dim, prepend, append);
    }

    // ---- niche names ----

    /**
     * {@code Tensor.tolist()}: the elements as nested {@link java.util.List}s of the tensor's shape; a 0-dim
     * tensor gives its element itself. Elements are {@link Double} for floating dtypes (float16 and bfloat16
     * widened exactly), {@link Long} for integer dtypes, {@link Boolean} for bool, and {@code double[]
     * {real, imag}} for complex dtypes.
     */
    public Object tolist() {
        return NestedLists.tolist(this);
    }

    /**
     * {@code Tensor.resize_(*sizes)}: this tensor with a new shape and contiguous strides over the same
     * memory from its storage offset (its storage's elements in memory order); the same shape is a no-op.
     * Growing past the storage's end works only while no other tensor shares the storage (new elements are
     * zero); see {@code Resize} in the sources.
     *
     * @throws IllegalStateException for a tensor that requires grad, or one that would need to grow a storage
     *     other tensors share
     */
    public Tensor resize_(long... shape) {
        return Resize.resize(this, shape);
    }

    /** {@code Tensor.resize_as_(other)}: {@code resize_(other.shape())}. */
    public Tensor resizeAs_(Tensor other) {
        return Resize.resize(this, other.shape);
    }

    /**
     * {@code Tensor.conj_physical()}: the conjugate as new memory. torch4j's {@link #conj()} is already
     * eager (no lazy conjugate bit), so this is the same; a real tensor is returned itself.
     */
    public Tensor conjPhysical() {
        return conj();
    }

    /** {@code Tensor.conj_physical_()}: conjugates a complex tensor in place; a no-op for real tensors. */
    public Tensor conjPhysical_() {
        return isComplex() ? copy_(conj()) : this;
    }

    /** {@code Tensor.resolve_conj()}: this tensor, as torch4j never defers a conjugation. */
    public Tensor resolveConj() {
        checkOpen();
        return this;
    }

    /** {@code Tensor.is_conj()}: always false, as torch4j's conjugation is eager. */
    public boolean isConj() {
        return false;
    }

    /** {@code Tensor.resolve_neg()}: this tensor, as torch4j never defers a negation. */
    public Tensor resolveNeg() {
        checkOpen();
        return this;
    }

    /** {@code Tensor.is_neg()}: always false, as torch4j has no lazy negative bit. */
    public boolean isNeg() {
        return false;
    }

    /** {@code Tensor.nbytes} (PyTorch 2's name): the bytes the elements take, {@code numel() * itemsize()}. */
    public long nbytes() {
        return numel() * dtype.itemSize();
    }

    /** {@code Tensor.itemsize} (PyTorch 2's name): bytes per element, as {@link #elementSize()}. */
    public int itemsize() {
        return dtype.itemSize();
    }

    /**
     * {@code Tensor.as_strided_scatter(src, size, stride, storage_offset)}: a copy of this tensor with
     * {@code src} written into the view {@code asStrided(size, stride, storageOffset)} of the copy (whose
     * layout keeps this tensor's strides when it is dense). Differentiable in both tensors.
     *
     * @throws IllegalArgumentException when the view leaves the copy's memory or src has another shape
     */
    public Tensor asStridedScatter(Tensor src, long[] size, long[] stride, long storageOffset) {
        return AsStridedScatter.of(this, src, size, stride, storageOffset);
    }

    /** {@link #asStridedScatter(Tensor, long[], long[], long)} with storage offset 0 (PyTorch's default). */
    public Tensor asStridedScatter(Tensor src, long[] size, long[] stride) {
        return AsStridedScatter.of(this, src, size, stride, 0);
    }

    // NumPy-style aliases and small queries

    /** {@code Tensor.absolute()}: alias of {@link #abs()}. */
    public Tensor absolute() {
        return abs();
    }

    /** {@code Tensor.absolute_()}: alias of {@link #abs_()}. */
    public Tensor absolute_() {
        return abs_();
    }

    /** {@code Tensor.arccos()}: alias of {@link #acos()}. */
    public Tensor arccos() {
        return acos();
    }

    /** {@code Tensor.arcsin()}: alias of {@link #asin()}. */
    public Tensor arcsin() {
        return asin();
    }

    /** {@code Tensor.arctan()}: alias of {@link #atan()}. */
    public Tensor arctan() {
        return atan();
    }

    /** {@code Tensor.arccosh()}: alias of {@link #acosh()}. */
    public Tensor arccosh() {
        return acosh();
    }

    /** {@code Tensor.arcsinh()}: alias of {@link #asinh()}. */
    public Tensor arcsinh() {
        return asinh();
    }

    /** {@code Tensor.arctanh()}: alias of {@link #atanh()}. */
    public Tensor arctanh() {
        return atanh();
    }

    /** {@code Tensor.arctan2(other)}: alias of {@link #atan2(Tensor)}. */
    public Tensor arctan2(Tensor other) {
        return atan2(other);
    }

    /** {@code Tensor.clip(min, max)}: alias of {@link #clamp(Double, Double)} (null: no bound). */
    public Tensor clip(Double min, Double max) {
        return clamp(min, max);
    }

    /** {@code Tensor.clip(min, max)}: alias of {@link #clamp(double, double)}. */
    public Tensor clip(double min, double max) {
        return clamp(min, max);
    }

    /** {@code Tensor.clip(min, max)} with tensor bounds: alias of {@link #clamp(Tensor, Tensor)}. */
    public Tensor clip(Tensor min, Tensor max) {
        return clamp(min, max);
    }

    /** {@code Tensor.clip_(min, max)}: alias of {@link #clamp_(Double, Double)}. */
    public Tensor clip_(Double min, Double max) {
        return clamp_(min, max);
    }

    /** {@code Tensor.clip_(min, max)}: alias of {@link #clamp_(double, double)}. */
    public Tensor clip_(double min, double max) {
        return clamp_(min, max);
    }

    /** {@code Tensor.divide(other)}: alias of {@link #div(Tensor)} (true division). */
    public Tensor divide(Tensor other) {
        return div(other);
    }

    /** {@code Tensor.divide(other)}: alias of {@link #div(double)}. */
    public Tensor divide(double other) {
        return div(other);
    }

    /** {@code Tensor.divide(other)}: alias of {@link #div(long)}. */
    public Tensor divide(long other) {
        return div(other);
    }

    /** {@code Tensor.divide(other, rounding_mode)}: alias of {@link #div(Tensor, String)} ({@code "trunc"}, {@code "floor"} or null). */
    public Tensor divide(Tensor other, String roundingMode) {
        return div(other, roundingMode);
    }

    /** {@code Tensor.divide(other, rounding_mode)}: alias of {@link #div(double, String)}. */
    public Tensor divide(double other, String roundingMode) {
        return div(other, roundingMode);
    }

    /** {@code Tensor.divide_(other)}: alias of {@link #div_(Tensor)}. */
    public Tensor divide_(Tensor other) {
        return div_(other);
    }

    /** {@code Tensor.divide_(other)}: alias of {@link #div_(double)}. */
    public Tensor divide_(double other) {
        return div_(other);
    }

    /** {@code Tensor.true_divide(other)}: alias of {@link #div(Tensor)}. */
    public Tensor trueDivide(Tensor other) {
        return div(other);
    }

    /** {@code Tensor.true_divide(other)}: alias of {@link #div(double)}. */
    public Tensor trueDivide(double other) {
        return div(other);
    }

    /** {@code Tensor.multiply(other)}: alias of {@link #mul(Tensor)}. */
    public Tensor multiply(Tensor other) {
        return mul(other);
    }

    /** {@code Tensor.multiply(other)}: alias of {@link #mul(double)}. */
    public Tensor multiply(double other) {
        return mul(other);
    }

    /** {@code Tensor.multiply(other)}: alias of {@link #mul(long)} (integer tensors stay integer). */
    public Tensor multiply(long other) {
        return mul(other);
    }

    /** {@code Tensor.multiply_(other)}: alias of {@link #mul_(Tensor)}. */
    public Tensor multiply_(Tensor other) {
        return mul_(other);
    }

    /** {@code Tensor.multiply_(other)}: alias of {@link #mul_(double)}. */
    public Tensor multiply_(double other) {
        return mul_(other);
    }

    /** {@code Tensor.subtract(other)}: alias of {@link #sub(Tensor)}. */
    public Tensor subtract(Tensor other) {
        return sub(other);
    }

    /** {@code Tensor.subtract(other, alpha=alpha)}: alias of {@link #sub(Tensor, double)}. */
    public Tensor subtract(Tensor other, double alpha) {
        return sub(other, alpha);
    }

    /** {@code Tensor.subtract(other)}: alias of {@link #sub(double)}. */
    public Tensor subtract(double other) {
        return sub(other);
    }

    /** {@code Tensor.subtract(other)}: alias of {@link #sub(long)} (integer tensors stay integer). */
    public Tensor subtract(long other) {
        return sub(other);
    }

    /** {@code Tensor.subtract_(other)}: alias of {@link #sub_(Tensor)}. */
    public Tensor subtract_(Tensor other) {
        return sub_(other);
    }

    /** {@code Tensor.subtract_(other)}: alias of {@link #sub_(double)}. */
    public Tensor subtract_(double other) {
        return sub_(other);
    }

    /** {@code Tensor.greater(other)}: alias of {@link #gt(Tensor)}. */
    public Tensor greater(Tensor other) {
        return gt(other);
    }

    /** {@code Tensor.greater(other)}: alias of {@link #gt(double)}. */
    public Tensor greater(double other) {
        return gt(other);
    }

    /** {@code Tensor.greater_equal(other)}: alias of {@link #ge(Tensor)}. */
    public Tensor greaterEqual(Tensor other) {
        return ge(other);
    }

    /** {@code Tensor.greater_equal(other)}: alias of {@link #ge(double)}. */
    public Tensor greaterEqual(double other) {
        return ge(other);
    }

    /** {@code Tensor.less(other)}: alias of {@link #lt(Tensor)}. */
    public Tensor less(Tensor other) {
        return lt(other);
    }

    /** {@code Tensor.less(other)}: alias of {@link #lt(double)}. */
    public Tensor less(double other) {
        return lt(other);
    }

    /** {@code Tensor.less_equal(other)}: alias of {@link #le(Tensor)}. */
    public Tensor lessEqual(Tensor other) {
        return le(other);
    }

    /** {@code Tensor.less_equal(other)}: alias of {@link #le(double)}. */
    public Tensor lessEqual(double other) {
        return le(other);
    }

    /** {@code Tensor.not_equal(other)}: alias of {@link #ne(Tensor)}. */
    public Tensor notEqual(Tensor other) {
        return ne(other);
    }

    /** {@code Tensor.not_equal(other)}: alias of {@link #ne(double)}. */
    public Tensor notEqual(double other) {
        return ne(other);
    }

    /** {@code Tensor.negative()}: alias of {@link #neg()}. */
    public Tensor negative() {
        return neg();
    }

    /** {@code Tensor.negative_()}: alias of {@link #neg_()}. */
    public Tensor negative_() {
        return neg_();
    }

    /** {@code Tensor.swapaxes(axis0, axis1)}: alias of {@link #transpose(int, int)}. */
    public Tensor swapaxes(int axis0, int axis1) {
        return transpose(axis0, axis1);
    }

    /** {@code Tensor.swapdims(dim0, dim1)}: alias of {@link #transpose(int, int)}. */
    public Tensor swapdims(int dim0, int dim1) {
        return transpose(dim0, dim1);
    }

    /** {@code Tensor.moveaxis(source, destination)}: alias of {@link #movedim(int, int)}. */
    public Tensor moveaxis(int source, int destination) {
        return movedim(source, destination);
    }

    /** {@code Tensor.fix()}: alias of {@link #trunc()}. */
    public Tensor fix() {
        return trunc();
    }

    /** {@code Tensor.ger(vec2)}: alias of {@link #outer(Tensor)} (deprecated in PyTorch in favour of it). */
    public Tensor ger(Tensor vec2) {
        return outer(vec2);
    }

    /** {@code Tensor.ndimension()}: alias of {@link #dim()}. */
    public int ndimension() {
        return dim();
    }

    /** {@code Tensor.nelement()}: alias of {@link #numel()}. */
    public long nelement() {
        return numel();
    }

    /**
     * {@code Tensor.is_nonzero()}: the truth of a one-element tensor.
     *
     * @throws IllegalArgumentException for an empty tensor or one of more than one element (PyTorch's messages)
     */
    public boolean isNonzero() {
        if (numel() == 0) throw new IllegalArgumentException("Boolean value of Tensor with no values is ambiguous");
        if (numel() > 1) throw new IllegalArgumentException("Boolean value of Tensor with more than one value is ambiguous");
        return isComplex() ? Torch.viewAsReal(this).ne(0.0).any().itemBool() : ne(0.0).itemBool();
    }

    /**
     * {@code Tensor.index_put(indices, values, accumulate)}: a copy of this tensor with {@link #indexPut_(Index[],
     * Tensor, boolean)} applied; differentiable in both tensors.
     */
    public Tensor indexPut(Index[] indices, Tensor values, boolean accumulate) {
        return clone().indexPut_(indices, values, accumulate);
    }

    /** {@code Tensor.index_put(indices, values)}: {@link #indexPut(Index[], Tensor, boolean)} without accumulating. */
    public Tensor indexPut(Index[] indices, Tensor values) {
        return clone().indexPut_(indices, values, false);
    }

    /** {@code Tensor.pinverse(rcond=1e-15)}: {@code torch.linalg.pinv} with {@code rcond} as the relative tolerance. */
    public Tensor pinverse() {
        return pinverse(1e-15);
    }

    /** {@code Tensor.pinverse(rcond)}: the pseudoinverse, singular values below {@code rcond} times the largest dropped. */
    public Tensor pinverse(double rcond) {
        return org.torch4j.linalg.Linalg.pinv(this, null, rcond, false);
    }

    /** {@code Tensor.is_inference()}: whether this tensor was created in inference mode. */
    public boolean isInference() {
        return inference;
    }

    /** {@code Tensor.get_device()}: -1 for a CPU tensor, else the index of its accelerator (0 for the current one). */
    public int getDevice() {
        Device d = device();
        return d.isCpu() ? -1 : Math.max(d.index(), 0);
    }

    /** {@code Tensor.char()}: {@code to(INT8)} (named as {@link #toByte()} is for {@code byte()}). */
    public Tensor toChar() {
        return to(DType.INT8);
    }

    /** {@code Tensor.new_empty_strided(size, stride)}: {@link Torch#emptyStrided} in this tensor's dtype and device. */
    public Tensor newEmptyStrided(long[] size, long[] stride) {
        return Torch.emptyStrided(size, stride, dtype, device());
    }

    // ---- in-place forms computed out of place (PyTorch's rule: the result is written into self) ----------

    /**
     * {@link #acos()} in place ({@code Tensor.acos_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor acos_() {
        return OutOfPlaceInto.apply(this, Tensor::acos);
    }

    /**
     * {@link #arccos()} in place ({@code Tensor.arccos_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor arccos_() {
        return OutOfPlaceInto.apply(this, Tensor::arccos);
    }

    /**
     * {@link #acosh()} in place ({@code Tensor.acosh_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor acosh_() {
        return OutOfPlaceInto.apply(this, Tensor::acosh);
    }

    /**
     * {@link #arccosh()} in place ({@code Tensor.arccosh_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor arccosh_() {
        return OutOfPlaceInto.apply(this, Tensor::arccosh);
    }

    /**
     * {@link #asin()} in place ({@code Tensor.asin_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor asin_() {
        return OutOfPlaceInto.apply(this, Tensor::asin);
    }

    /**
     * {@link #arcsin()} in place ({@code Tensor.arcsin_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor arcsin_() {
        return OutOfPlaceInto.apply(this, Tensor::arcsin);
    }

    /**
     * {@link #asinh()} in place ({@code Tensor.asinh_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor asinh_() {
        return OutOfPlaceInto.apply(this, Tensor::asinh);
    }

    /**
     * {@link #arcsinh()} in place ({@code Tensor.arcsinh_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor arcsinh_() {
        return OutOfPlaceInto.apply(this, Tensor::arcsinh);
    }

    /**
     * {@link #atan()} in place ({@code Tensor.atan_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor atan_() {
        return OutOfPlaceInto.apply(this, Tensor::atan);
    }

    /**
     * {@link #arctan()} in place ({@code Tensor.arctan_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor arctan_() {
        return OutOfPlaceInto.apply(this, Tensor::arctan);
    }

    /**
     * {@link #atanh()} in place ({@code Tensor.atanh_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor atanh_() {
        return OutOfPlaceInto.apply(this, Tensor::atanh);
    }

    /**
     * {@link #arctanh()} in place ({@code Tensor.arctanh_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor arctanh_() {
        return OutOfPlaceInto.apply(this, Tensor::arctanh);
    }

    /**
     * {@link #ceil()} in place ({@code Tensor.ceil_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor ceil_() {
        return OutOfPlaceInto.apply(this, Tensor::ceil);
    }

    /**
     * {@link #cos()} in place ({@code Tensor.cos_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor cos_() {
        return OutOfPlaceInto.apply(this, Tensor::cos);
    }

    /**
     * {@link #cosh()} in place ({@code Tensor.cosh_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor cosh_() {
        return OutOfPlaceInto.apply(this, Tensor::cosh);
    }

    /**
     * {@link #digamma()} in place ({@code Tensor.digamma_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor digamma_() {
        return OutOfPlaceInto.apply(this, Tensor::digamma);
    }

    /**
     * {@link #erf()} in place ({@code Tensor.erf_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor erf_() {
        return OutOfPlaceInto.apply(this, Tensor::erf);
    }

    /**
     * {@link #erfc()} in place ({@code Tensor.erfc_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor erfc_() {
        return OutOfPlaceInto.apply(this, Tensor::erfc);
    }

    /**
     * {@link #erfinv()} in place ({@code Tensor.erfinv_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor erfinv_() {
        return OutOfPlaceInto.apply(this, Tensor::erfinv);
    }

    /**
     * {@link #exp2()} in place ({@code Tensor.exp2_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor exp2_() {
        return OutOfPlaceInto.apply(this, Tensor::exp2);
    }

    /**
     * {@link #expm1()} in place ({@code Tensor.expm1_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor expm1_() {
        return OutOfPlaceInto.apply(this, Tensor::expm1);
    }

    /**
     * {@link #fix()} in place ({@code Tensor.fix_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor fix_() {
        return OutOfPlaceInto.apply(this, Tensor::fix);
    }

    /**
     * {@link #frac()} in place ({@code Tensor.frac_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor frac_() {
        return OutOfPlaceInto.apply(this, Tensor::frac);
    }

    /**
     * {@link #lgamma()} in place ({@code Tensor.lgamma_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor lgamma_() {
        return OutOfPlaceInto.apply(this, Tensor::lgamma);
    }

    /**
     * {@link #log10()} in place ({@code Tensor.log10_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor log10_() {
        return OutOfPlaceInto.apply(this, Tensor::log10);
    }

    /**
     * {@link #log1p()} in place ({@code Tensor.log1p_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor log1p_() {
        return OutOfPlaceInto.apply(this, Tensor::log1p);
    }

    /**
     * {@link #log2()} in place ({@code Tensor.log2_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor log2_() {
        return OutOfPlaceInto.apply(this, Tensor::log2);
    }

    /**
     * {@link #reciprocal()} in place ({@code Tensor.reciprocal_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor reciprocal_() {
        return OutOfPlaceInto.apply(this, Tensor::reciprocal);
    }

    /**
     * {@link #round()} in place ({@code Tensor.round_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor round_() {
        return OutOfPlaceInto.apply(this, Tensor::round);
    }

    /**
     * {@link #rsqrt()} in place ({@code Tensor.rsqrt_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor rsqrt_() {
        return OutOfPlaceInto.apply(this, Tensor::rsqrt);
    }

    /**
     * {@link #sgn()} in place ({@code Tensor.sgn_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor sgn_() {
        return OutOfPlaceInto.apply(this, Tensor::sgn);
    }

    /**
     * {@link #sign()} in place ({@code Tensor.sign_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor sign_() {
        return OutOfPlaceInto.apply(this, Tensor::sign);
    }

    /**
     * {@link #sin()} in place ({@code Tensor.sin_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor sin_() {
        return OutOfPlaceInto.apply(this, Tensor::sin);
    }

    /**
     * {@link #sinh()} in place ({@code Tensor.sinh_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor sinh_() {
        return OutOfPlaceInto.apply(this, Tensor::sinh);
    }

    /**
     * {@link #square()} in place ({@code Tensor.square_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor square_() {
        return OutOfPlaceInto.apply(this, Tensor::square);
    }

    /**
     * {@link #tan()} in place ({@code Tensor.tan_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor tan_() {
        return OutOfPlaceInto.apply(this, Tensor::tan);
    }

    /**
     * {@link #trunc()} in place ({@code Tensor.trunc_}): the result must cast to this dtype, else PyTorch's "result
     * type ... can't be cast to the desired output type ..." error. Returns this.
     */
    public Tensor trunc_() {
        return OutOfPlaceInto.apply(this, Tensor::trunc);
    }

    /**
     * {@link #arctan2(Tensor)} in place ({@code Tensor.arctan2_}): {@code other} broadcasts to this shape and
     * the result must cast to this dtype. Returns this.
     */
    public Tensor arctan2_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.arctan2(other), other);
    }

    /**
     * {@link #atan2(Tensor)} in place ({@code Tensor.atan2_}): {@code other} broadcasts to this shape and
     * the result must cast to this dtype. Returns this.
     */
    public Tensor atan2_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.atan2(other), other);
    }

    /**
     * {@link #copysign(Tensor)} in place ({@code Tensor.copysign_}): {@code other} broadcasts to this shape and
     * the result must cast to this dtype. Returns this.
     */
    public Tensor copysign_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.copysign(other), other);
    }

    /**
     * {@link #floorDivide(Tensor)} in place ({@code Tensor.floor_divide_}): {@code other} broadcasts to this shape and
     * the result must cast to this dtype. Returns this.
     */
    public Tensor floorDivide_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.floorDivide(other), other);
    }

    /**
     * {@link #fmod(Tensor)} in place ({@code Tensor.fmod_}): {@code other} broadcasts to this shape and
     * the result must cast to this dtype. Returns this.
     */
    public Tensor fmod_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.fmod(other), other);
    }

    /**
     * {@link #hypot(Tensor)} in place ({@code Tensor.hypot_}): {@code other} broadcasts to this shape and
     * the result must cast to this dtype. Returns this.
     */
    public Tensor hypot_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.hypot(other), other);
    }

    /**
     * {@link #remainder(Tensor)} in place ({@code Tensor.remainder_}): {@code other} broadcasts to this shape and
     * the result must cast to this dtype. Returns this.
     */
    public Tensor remainder_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.remainder(other), other);
    }

    /**
     * {@link #trueDivide(Tensor)} in place ({@code Tensor.true_divide_}): {@code other} broadcasts to this shape and
     * the result must cast to this dtype. Returns this.
     */
    public Tensor trueDivide_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.trueDivide(other), other);
    }

    /**
     * {@link #xlogy(Tensor)} in place ({@code Tensor.xlogy_}): {@code other} broadcasts to this shape and
     * the result must cast to this dtype. Returns this.
     */
    public Tensor xlogy_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.xlogy(other), other);
    }

    /** {@link #fmod(double)} in place ({@code Tensor.fmod_} with a number); returns this. */
    public Tensor fmod_(double other) {
        return OutOfPlaceInto.apply(this, s -> s.fmod(other));
    }

    /** {@link #fmod(long)} in place ({@code Tensor.fmod_} with a number); returns this. */
    public Tensor fmod_(long other) {
        return OutOfPlaceInto.apply(this, s -> s.fmod(other));
    }

    /** {@link #remainder(double)} in place ({@code Tensor.remainder_} with a number); returns this. */
    public Tensor remainder_(double other) {
        return OutOfPlaceInto.apply(this, s -> s.remainder(other));
    }

    /** {@link #remainder(long)} in place ({@code Tensor.remainder_} with a number); returns this. */
    public Tensor remainder_(long other) {
        return OutOfPlaceInto.apply(this, s -> s.remainder(other));
    }

    /** {@link #trueDivide(double)} in place ({@code Tensor.true_divide_} with a number); returns this. */
    public Tensor trueDivide_(double other) {
        return OutOfPlaceInto.apply(this, s -> s.trueDivide(other));
    }

    /** {@link #round(int)} in place ({@code Tensor.round_(decimals=...)}); returns this. */
    public Tensor round_(int decimals) {
        return OutOfPlaceInto.apply(this, s -> s.round(decimals));
    }

    /** {@link #nanToNum()} in place ({@code Tensor.nan_to_num_}); returns this. */
    public Tensor nanToNum_() {
        return OutOfPlaceInto.apply(this, Tensor::nanToNum);
    }

    /** {@link #nanToNum(double, Double, Double)} in place ({@code Tensor.nan_to_num_}); returns this. */
    public Tensor nanToNum_(double nan, Double posinf, Double neginf) {
        return OutOfPlaceInto.apply(this, s -> s.nanToNum(nan, posinf, neginf));
    }

    /** {@link #mvlgamma(int)} in place ({@code Tensor.mvlgamma_}); returns this. */
    public Tensor mvlgamma_(int p) {
        return OutOfPlaceInto.apply(this, s -> s.mvlgamma(p));
    }

    /** {@link #polygamma(int)} in place ({@code Tensor.polygamma_}); returns this. */
    public Tensor polygamma_(int n) {
        return OutOfPlaceInto.apply(this, s -> s.polygamma(n));
    }

    /**
     * {@link #cumsum(int)} in place ({@code Tensor.cumsum_}); an integral tensor keeps its dtype (the int64
     * sums are cast back). Returns this.
     */
    public Tensor cumsum_(int dim) {
        return OutOfPlaceInto.apply(this, s -> s.cumsum(dim));
    }

    /** {@link #cumprod(int)} in place ({@code Tensor.cumprod_}); returns this. */
    public Tensor cumprod_(int dim) {
        return OutOfPlaceInto.apply(this, s -> s.cumprod(dim));
    }

    /** {@link #renorm(double, int, double)} in place ({@code Tensor.renorm_}); returns this. */
    public Tensor renorm_(double p, int dim, double maxnorm) {
        return OutOfPlaceInto.apply(this, s -> s.renorm(p, dim, maxnorm));
    }

    /** {@link #tril()} in place ({@code Tensor.tril_}); returns this. */
    public Tensor tril_() {
        return tril_(0);
    }

    /** {@link #tril(long)} in place ({@code Tensor.tril_(diagonal)}); returns this. */
    public Tensor tril_(long diagonal) {
        return OutOfPlaceInto.apply(this, s -> s.tril(diagonal));
    }

    /** {@link #triu()} in place ({@code Tensor.triu_}); returns this. */
    public Tensor triu_() {
        return triu_(0);
    }

    /** {@link #triu(long)} in place ({@code Tensor.triu_(diagonal)}); returns this. */
    public Tensor triu_(long diagonal) {
        return OutOfPlaceInto.apply(this, s -> s.triu(diagonal));
    }

    /**
     * {@code beta * this + alpha * (mat1 @ mat2)} ({@code Tensor.addmm}, {@link Torch#addmm(Tensor, Tensor, Tensor,
     * double, double)}).
     */
    public Tensor addmm(Tensor mat1, Tensor mat2, double beta, double alpha) {
        return Torch.addmm(this, mat1, mat2, beta, alpha);
    }

    /** {@code this + mat1 @ mat2} ({@code Tensor.addmm}). */
    public Tensor addmm(Tensor mat1, Tensor mat2) {
        return Torch.addmm(this, mat1, mat2);
    }

    /** {@link #addmm(Tensor, Tensor, double, double)} in place ({@code Tensor.addmm_}); returns this. */
    public Tensor addmm_(Tensor mat1, Tensor mat2, double beta, double alpha) {
        return OutOfPlaceInto.apply(this, s -> s.addmm(mat1, mat2, beta, alpha), mat1, mat2);
    }

    /** {@link #addmm(Tensor, Tensor)} in place ({@code Tensor.addmm_}); returns this. */
    public Tensor addmm_(Tensor mat1, Tensor mat2) {
        return addmm_(mat1, mat2, 1, 1);
    }

    /**
     * {@code beta * this + alpha * bmm(batch1, batch2)} ({@code Tensor.baddbmm}, {@link Torch#baddbmm(Tensor,
     * Tensor, Tensor, double, double)}).
     */
    public Tensor baddbmm(Tensor batch1, Tensor batch2, double beta, double alpha) {
        return Torch.baddbmm(this, batch1, batch2, beta, alpha);
    }

    /** {@code this + bmm(batch1, batch2)} ({@code Tensor.baddbmm}). */
    public Tensor baddbmm(Tensor batch1, Tensor batch2) {
        return Torch.baddbmm(this, batch1, batch2, 1, 1);
    }

    /** {@link #baddbmm(Tensor, Tensor, double, double)} in place ({@code Tensor.baddbmm_}); returns this. */
    public Tensor baddbmm_(Tensor batch1, Tensor batch2, double beta, double alpha) {
        return OutOfPlaceInto.apply(this, s -> s.baddbmm(batch1, batch2, beta, alpha), batch1, batch2);
    }

    /** {@link #baddbmm(Tensor, Tensor)} in place ({@code Tensor.baddbmm_}); returns this. */
    public Tensor baddbmm_(Tensor batch1, Tensor batch2) {
        return baddbmm_(batch1, batch2, 1, 1);
    }

    /** {@link #addbmm(Tensor, Tensor, double, double)} in place ({@code Tensor.addbmm_}); returns this. */
    public Tensor addbmm_(Tensor batch1, Tensor batch2, double beta, double alpha) {
        return OutOfPlaceInto.apply(this, s -> s.addbmm(batch1, batch2, beta, alpha), batch1, batch2);
    }

    /** {@link #addbmm(Tensor, Tensor)} in place ({@code Tensor.addbmm_}); returns this. */
    public Tensor addbmm_(Tensor batch1, Tensor batch2) {
        return addbmm_(batch1, batch2, 1, 1);
    }

    /** {@link #addmv(Tensor, Tensor, double, double)} in place ({@code Tensor.addmv_}); returns this. */
    public Tensor addmv_(Tensor mat, Tensor vec, double beta, double alpha) {
        return OutOfPlaceInto.apply(this, s -> s.addmv(mat, vec, beta, alpha), mat, vec);
    }

    /** {@link #addmv(Tensor, Tensor)} in place ({@code Tensor.addmv_}); returns this. */
    public Tensor addmv_(Tensor mat, Tensor vec) {
        return addmv_(mat, vec, 1, 1);
    }

    /** {@link #addr(Tensor, Tensor, double, double)} in place ({@code Tensor.addr_}); returns this. */
    public Tensor addr_(Tensor vec1, Tensor vec2, double beta, double alpha) {
        return OutOfPlaceInto.apply(this, s -> s.addr(vec1, vec2, beta, alpha), vec1, vec2);
    }

    /** {@link #addr(Tensor, Tensor)} in place ({@code Tensor.addr_}); returns this. */
    public Tensor addr_(Tensor vec1, Tensor vec2) {
        return addr_(vec1, vec2, 1, 1);
    }

    // ---- comparisons and logic in place: the bool result is written as 0/1 in this dtype ----------------

    /**
     * {@link #eq(Tensor)} in place ({@code Tensor.eq_}): writes 1 where true and 0 where false, in
     * this dtype. Returns this.
     */
    public Tensor eq_(Tensor other) {
        return OutOfPlaceInto.predicate(this, "EqBackward1", s -> s.eq(other), other);
    }

    /** {@link #eq(double)} in place ({@code Tensor.eq_} with a number); returns this. */
    public Tensor eq_(double other) {
        return OutOfPlaceInto.predicate(this, "EqBackward0", s -> s.eq(other));
    }

    /**
     * {@link #ne(Tensor)} in place ({@code Tensor.ne_}): writes 1 where true and 0 where false, in
     * this dtype. Returns this.
     */
    public Tensor ne_(Tensor other) {
        return OutOfPlaceInto.predicate(this, "NeBackward1", s -> s.ne(other), other);
    }

    /** {@link #ne(double)} in place ({@code Tensor.ne_} with a number); returns this. */
    public Tensor ne_(double other) {
        return OutOfPlaceInto.predicate(this, "NeBackward0", s -> s.ne(other));
    }

    /**
     * {@link #lt(Tensor)} in place ({@code Tensor.lt_}): writes 1 where true and 0 where false, in
     * this dtype. Returns this.
     */
    public Tensor lt_(Tensor other) {
        return OutOfPlaceInto.predicate(this, "LtBackward1", s -> s.lt(other), other);
    }

    /** {@link #lt(double)} in place ({@code Tensor.lt_} with a number); returns this. */
    public Tensor lt_(double other) {
        return OutOfPlaceInto.predicate(this, "LtBackward0", s -> s.lt(other));
    }

    /**
     * {@link #le(Tensor)} in place ({@code Tensor.le_}): writes 1 where true and 0 where false, in
     * this dtype. Returns this.
     */
    public Tensor le_(Tensor other) {
        return OutOfPlaceInto.predicate(this, "LeBackward1", s -> s.le(other), other);
    }

    /** {@link #le(double)} in place ({@code Tensor.le_} with a number); returns this. */
    public Tensor le_(double other) {
        return OutOfPlaceInto.predicate(this, "LeBackward0", s -> s.le(other));
    }

    /**
     * {@link #gt(Tensor)} in place ({@code Tensor.gt_}): writes 1 where true and 0 where false, in
     * this dtype. Returns this.
     */
    public Tensor gt_(Tensor other) {
        return OutOfPlaceInto.predicate(this, "GtBackward1", s -> s.gt(other), other);
    }

    /** {@link #gt(double)} in place ({@code Tensor.gt_} with a number); returns this. */
    public Tensor gt_(double other) {
        return OutOfPlaceInto.predicate(this, "GtBackward0", s -> s.gt(other));
    }

    /**
     * {@link #ge(Tensor)} in place ({@code Tensor.ge_}): writes 1 where true and 0 where false, in
     * this dtype. Returns this.
     */
    public Tensor ge_(Tensor other) {
        return OutOfPlaceInto.predicate(this, "GeBackward1", s -> s.ge(other), other);
    }

    /** {@link #ge(double)} in place ({@code Tensor.ge_} with a number); returns this. */
    public Tensor ge_(double other) {
        return OutOfPlaceInto.predicate(this, "GeBackward0", s -> s.ge(other));
    }

    /**
     * {@link #greater(Tensor)} in place ({@code Tensor.greater_}): writes 1 where true and 0 where false, in
     * this dtype. Returns this.
     */
    public Tensor greater_(Tensor other) {
        return OutOfPlaceInto.predicate(this, "GtBackward1", s -> s.greater(other), other);
    }

    /** {@link #greater(double)} in place ({@code Tensor.greater_} with a number); returns this. */
    public Tensor greater_(double other) {
        return OutOfPlaceInto.predicate(this, "GtBackward0", s -> s.greater(other));
    }

    /**
     * {@link #greaterEqual(Tensor)} in place ({@code Tensor.greater_equal_}): writes 1 where true and 0 where false, in
     * this dtype. Returns this.
     */
    public Tensor greaterEqual_(Tensor other) {
        return OutOfPlaceInto.predicate(this, "GeBackward1", s -> s.greaterEqual(other), other);
    }

    /** {@link #greaterEqual(double)} in place ({@code Tensor.greater_equal_} with a number); returns this. */
    public Tensor greaterEqual_(double other) {
        return OutOfPlaceInto.predicate(this, "GeBackward0", s -> s.greaterEqual(other));
    }

    /**
     * {@link #less(Tensor)} in place ({@code Tensor.less_}): writes 1 where true and 0 where false, in
     * this dtype. Returns this.
     */
    public Tensor less_(Tensor other) {
        return OutOfPlaceInto.predicate(this, "LtBackward1", s -> s.less(other), other);
    }

    /** {@link #less(double)} in place ({@code Tensor.less_} with a number); returns this. */
    public Tensor less_(double other) {
        return OutOfPlaceInto.predicate(this, "LtBackward0", s -> s.less(other));
    }

    /**
     * {@link #lessEqual(Tensor)} in place ({@code Tensor.less_equal_}): writes 1 where true and 0 where false, in
     * this dtype. Returns this.
     */
    public Tensor lessEqual_(Tensor other) {
        return OutOfPlaceInto.predicate(this, "LeBackward1", s -> s.lessEqual(other), other);
    }

    /** {@link #lessEqual(double)} in place ({@code Tensor.less_equal_} with a number); returns this. */
    public Tensor lessEqual_(double other) {
        return OutOfPlaceInto.predicate(this, "LeBackward0", s -> s.lessEqual(other));
    }

    /**
     * {@link #notEqual(Tensor)} in place ({@code Tensor.not_equal_}): writes 1 where true and 0 where false, in
     * this dtype. Returns this.
     */
    public Tensor notEqual_(Tensor other) {
        return OutOfPlaceInto.predicate(this, "NeBackward1", s -> s.notEqual(other), other);
    }

    /** {@link #notEqual(double)} in place ({@code Tensor.not_equal_} with a number); returns this. */
    public Tensor notEqual_(double other) {
        return OutOfPlaceInto.predicate(this, "NeBackward0", s -> s.notEqual(other));
    }

    /** {@link #logicalAnd(Tensor)} in place ({@code Tensor.logical_and_}): 1/0 in this dtype; returns this. */
    public Tensor logicalAnd_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.logicalAnd(other), other);
    }

    /** {@link #logicalOr(Tensor)} in place ({@code Tensor.logical_or_}): 1/0 in this dtype; returns this. */
    public Tensor logicalOr_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.logicalOr(other), other);
    }

    /** {@link #logicalXor(Tensor)} in place ({@code Tensor.logical_xor_}): 1/0 in this dtype; returns this. */
    public Tensor logicalXor_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.logicalXor(other), other);
    }

    /** {@link #logicalNot()} in place ({@code Tensor.logical_not_}): 1/0 in this dtype; returns this. */
    public Tensor logicalNot_() {
        return OutOfPlaceInto.apply(this, Tensor::logicalNot);
    }

    /** {@link #bitwiseNot()} in place ({@code Tensor.bitwise_not_}); integral and bool tensors only. Returns this. */
    public Tensor bitwiseNot_() {
        return OutOfPlaceInto.apply(this, Tensor::bitwiseNot);
    }

    /** {@link #bitwiseAnd(Tensor)} in place ({@code Tensor.bitwise_and_}); returns this. */
    public Tensor bitwiseAnd_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.bitwiseAnd(other), other);
    }

    /** {@link #bitwiseOr(Tensor)} in place ({@code Tensor.bitwise_or_}); returns this. */
    public Tensor bitwiseOr_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.bitwiseOr(other), other);
    }

    /** {@link #bitwiseXor(Tensor)} in place ({@code Tensor.bitwise_xor_}); returns this. */
    public Tensor bitwiseXor_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.bitwiseXor(other), other);
    }

    /** {@link #bitwiseLeftShift(Tensor)} in place ({@code Tensor.bitwise_left_shift_}); returns this. */
    public Tensor bitwiseLeftShift_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.bitwiseLeftShift(other), other);
    }

    /** {@link #bitwiseRightShift(Tensor)} in place ({@code Tensor.bitwise_right_shift_}); returns this. */
    public Tensor bitwiseRightShift_(Tensor other) {
        return OutOfPlaceInto.apply(this, s -> s.bitwiseRightShift(other), other);
    }

    // ---- in-place views: this takes the view's shape and strides over the same storage ------------------

    /** {@link #squeeze()} in place ({@code Tensor.squeeze_}); returns this. */
    public Tensor squeeze_() {
        return ViewInPlace.apply(this, Tensor::squeeze);
    }

    /** {@link #squeeze(int)} in place ({@code Tensor.squeeze_(dim)}); returns this. */
    public Tensor squeeze_(int dim) {
        return ViewInPlace.apply(this, s -> s.squeeze(dim));
    }

    /** {@link #unsqueeze(int)} in place ({@code Tensor.unsqueeze_}); returns this. */
    public Tensor unsqueeze_(int dim) {
        return ViewInPlace.apply(this, s -> s.unsqueeze(dim));
    }

    /** {@link #t()} in place ({@code Tensor.t_}); returns this. */
    public Tensor t_() {
        return ViewInPlace.apply(this, Tensor::t);
    }

    /** {@link #transpose(int, int)} in place ({@code Tensor.transpose_}); returns this. */
    public Tensor transpose_(int dim0, int dim1) {
        return ViewInPlace.apply(this, s -> s.transpose(dim0, dim1));
    }

    /** {@link #transpose_(int, int)} under numpy's name ({@code Tensor.swapaxes_}); returns this. */
    public Tensor swapaxes_(int axis0, int axis1) {
        return transpose_(axis0, axis1);
    }

    /** {@link #transpose_(int, int)} ({@code Tensor.swapdims_}); returns this. */
    public Tensor swapdims_(int dim0, int dim1) {
        return transpose_(dim0, dim1);
    }

    /** {@link #asStrided(long[], long[], long)} in place ({@code Tensor.as_strided_}); returns this. */
    public Tensor asStrided_(long[] size, long[] stride, long storageOffset) {
        return ViewInPlace.apply(this, s -> s.asStrided(size, stride, storageOffset));
    }

    /** {@link #asStrided(long[], long[])} in place, keeping this storage offset; returns this. */
    public Tensor asStrided_(long[] size, long[] stride) {
        return asStrided_(size, stride, offset);
    }

    // ---- method forms of functions of Torch, nn.F and linalg --------------------------------------------

    /** {@code Tensor.softmax(dim)}: {@link org.torch4j.nn.F#softmax(Tensor, int)} of this. */
    public Tensor softmax(int dim) {
        return org.torch4j.nn.F.softmax(this, dim);
    }

    /** {@code Tensor.softmax(dim, dtype=...)}: this converted to {@code dtype} first. */
    public Tensor softmax(int dim, DType dtype) {
        return org.torch4j.special.Special.softmax(this, dim, dtype);
    }

    /** {@code Tensor.log_softmax(dim)}: {@link org.torch4j.nn.F#logSoftmax(Tensor, int)} of this. */
    public Tensor logSoftmax(int dim) {
        return org.torch4j.nn.F.logSoftmax(this, dim);
    }

    /** {@code Tensor.log_softmax(dim, dtype=...)}: this converted to {@code dtype} first. */
    public Tensor logSoftmax(int dim, DType dtype) {
        return org.torch4j.special.Special.logSoftmax(this, dim, dtype);
    }

    /**
     * {@code Tensor.cross(other)} ({@code torch.cross} with {@code dim=None}): the cross product along the first
     * dimension of size 3 of the broadcast shape (PyTorch 1.13's deprecated default; {@code linalg.cross} uses the
     * last).
     *
     * @throws IllegalArgumentException "no dimension of size 3 in input"
     */
    public Tensor cross(Tensor other) {
        long[] b = Shapes.broadcast(shape, other.shape);
        for (int d = 0; d < b.length; d++) {
            if (b[d] == 3) return org.torch4j.linalg.Linalg.cross(this, other, d);
        }
        throw new IllegalArgumentException("no dimension of size 3 in input");
    }

    /** {@code Tensor.cross(other, dim)}: {@link org.torch4j.linalg.Linalg#cross(Tensor, Tensor, int)}. */
    public Tensor cross(Tensor other, int dim) {
        return org.torch4j.linalg.Linalg.cross(this, other, dim);
    }

    /** {@code Tensor.cholesky()}: the lower Cholesky factor ({@link org.torch4j.linalg.Linalg#cholesky(Tensor)}). */
    public Tensor cholesky() {
        return org.torch4j.linalg.Linalg.cholesky(this);
    }

    /** {@code Tensor.cholesky(upper)}: the upper factor when {@code upper}. */
    public Tensor cholesky(boolean upper) {
        return org.torch4j.linalg.Linalg.cholesky(this, upper);
    }

    /** {@code Tensor.qr()}: the reduced QR decomposition ({@link org.torch4j.linalg.Linalg#qr(Tensor)}). */
    public org.torch4j.linalg.QrResult qr() {
        return org.torch4j.linalg.Linalg.qr(this);
    }

    /** {@code Tensor.qr(some)}: reduced when {@code some}, else complete. */
    public org.torch4j.linalg.QrResult qr(boolean some) {
        return org.torch4j.linalg.Linalg.qr(this, some ? "reduced" : "complete");
    }

    /**
     * {@code Tensor.svd()} as {@link org.torch4j.linalg.Linalg#svd(Tensor, boolean)} with {@code fullMatrices =
     * false}: U, S and <em>Vh</em> (PyTorch's deprecated {@code Tensor.svd} returns {@code V = Vh.mH}; take
     * {@code result.Vh().mH()} for it).
     */
    public org.torch4j.linalg.SvdResult svd() {
        return svd(true);
    }

    /** {@code Tensor.svd(some)}: the reduced decomposition when {@code some}, else the full one; U, S, Vh. */
    public org.torch4j.linalg.SvdResult svd(boolean some) {
        return org.torch4j.linalg.Linalg.svd(this, !some);
    }

    /** {@code Tensor.slogdet()}: the sign and log absolute determinant ({@link org.torch4j.linalg.Linalg#slogdet}). */
    public org.torch4j.linalg.SignLogAbsDet slogdet() {
        return org.torch4j.linalg.Linalg.slogdet(this);
    }

    /**
     * {@code Tensor.lu()} ({@code torch.lu}): the packed LU factors and the 1-based int32 pivots, without
     * failing on singular matrices ({@code linalg.lu_factor_ex} without error checks).
     */
    public org.torch4j.linalg.LuFactors lu() {
        org.torch4j.linalg.LuFactorEx f = org.torch4j.linalg.Linalg.luFactorEx(this, true, false);
        return new org.torch4j.linalg.LuFactors(f.lu(), f.pivots());
    }

    /** {@code Tensor.lu_solve(LU_data, LU_pivots)}: solves {@code A X = this} from A's {@link #lu()}. */
    public Tensor luSolve(Tensor luData, Tensor luPivots) {
        return org.torch4j.linalg.Linalg.luSolve(luData, luPivots, this);
    }

    /** {@code Tensor.matrix_exp()}: {@link org.torch4j.linalg.Linalg#matrixExp(Tensor)}. */
    public Tensor matrixExp() {
        return org.torch4j.linalg.Linalg.matrixExp(this);
    }

    /** {@code Tensor.matrix_power(n)}: {@link org.torch4j.linalg.Linalg#matrixPower(Tensor, long)}. */
    public Tensor matrixPower(long n) {
        return org.torch4j.linalg.Linalg.matrixPower(this, n);
    }

    /** {@code Tensor.bernoulli()}: 0/1 draws with this tensor's probabilities ({@link Torch#bernoulli(Tensor)}). */
    public Tensor bernoulli() {
        return Torch.bernoulli(this);
    }

    /** {@code Tensor.bernoulli(generator=...)}. */
    public Tensor bernoulli(Generator generator) {
        return Torch.bernoulli(this, generator);
    }

    /** {@code Tensor.multinomial(num_samples, replacement)}: {@link Torch#multinomial(Tensor, long, boolean)}. */
    public Tensor multinomial(long numSamples, boolean replacement) {
        return Torch.multinomial(this, numSamples, replacement);
    }

    /** {@code Tensor.multinomial(num_samples)}: without replacement. */
    public Tensor multinomial(long numSamples) {
        return Torch.multinomial(this, numSamples, false);
    }

    /** {@code Tensor.multinomial(num_samples, replacement, generator=...)}. */
    public Tensor multinomial(long numSamples, boolean replacement, Generator generator) {
        return Torch.multinomial(this, numSamples, replacement, generator);
    }

    /** {@code Tensor.hardshrink()}: {@link org.torch4j.nn.F#hardshrink(Tensor)} (lambda 0.5). */
    public Tensor hardshrink() {
        return org.torch4j.nn.F.hardshrink(this);
    }

    /** {@code Tensor.hardshrink(lambd)}: x where {@code |x| > lambd}, else 0. */
    public Tensor hardshrink(double lambd) {
        return org.torch4j.nn.F.hardshrink(this, lambd);
    }

    /** {@code Tensor.prelu(weight)}: {@link org.torch4j.nn.F#prelu(Tensor, Tensor)}. */
    public Tensor prelu(Tensor weight) {
        return org.torch4j.nn.F.prelu(this, weight);
    }

    /** {@code Tensor.stft(n_fft, ...)}: {@link Torch#stft(Tensor, int, Integer, Integer, Tensor, boolean, String, boolean, Boolean)}. */
    public Tensor stft(int nFft, Integer hopLength, Integer winLength, Tensor window, boolean center, String padMode,
            boolean normalized, Boolean onesided) {
        return Torch.stft(this, nFft, hopLength, winLength, window, center, padMode, normalized, onesided);
    }

    /** {@code Tensor.stft(n_fft, window=window)} with PyTorch's other defaults. */
    public Tensor stft(int nFft, Tensor window) {
        return Torch.stft(this, nFft, window);
    }

    /** {@code Tensor.istft(n_fft, ...)}: {@link Torch#istft(Tensor, int, Integer, Integer, Tensor, boolean, boolean, Boolean, Integer)}. */
    public Tensor istft(int nFft, Integer hopLength, Integer winLength, Tensor window, boolean center, boolean normalized,
            Boolean onesided, Integer length) {
        return Torch.istft(this, nFft, hopLength, winLength, window, center, normalized, onesided, length);
    }

    /** {@code Tensor.istft(n_fft, window=window)} with PyTorch's other defaults. */
    public Tensor istft(int nFft, Tensor window) {
        return Torch.istft(this, nFft, window);
    }

    /** {@code Tensor.narrow_copy(dim, start, length)}: {@link #narrow(int, long, long)} as new contiguous memory. */
    public Tensor narrowCopy(int dim, long start, long length) {
        return narrow(dim, start, length).clone();
    }

    /**
     * {@code Tensor.put(index, source, accumulate)}: a copy of this with {@code source}'s elements written (or added,
     * when {@code accumulate}) at the flat indices {@code index} (row-major; negative ones count from the end).
     *
     * @throws IllegalArgumentException for an index that is not int64 or a source of another dtype, as PyTorch
     * @throws IndexOutOfBoundsException for sizes that differ or "out of range: tried to access index ... on a tensor of ... elements."
     */
    public Tensor put(Tensor index, Tensor source, boolean accumulate) {
        return FlatPut.put(this, index, source, accumulate);
    }

    /** {@link #put(Tensor, Tensor, boolean)} without accumulating. */
    public Tensor put(Tensor index, Tensor source) {
        return put(index, source, false);
    }

    /** {@link #put(Tensor, Tensor, boolean)} in place ({@code Tensor.put_}); returns this. */
    public Tensor put_(Tensor index, Tensor source, boolean accumulate) {
        return OutOfPlaceInto.apply(this, s -> s.put(index, source, accumulate), source);
    }

    /** {@link #put(Tensor, Tensor)} in place ({@code Tensor.put_}); returns this. */
    public Tensor put_(Tensor index, Tensor source) {
        return put_(index, source, false);
    }

    // ---- small properties --------------------------------------------------------------------------------

    /** {@code Tensor.ndim}: the number of dimensions, {@link #dim()}. */
    public int ndim() {
        return dim();
    }

    /** {@code Tensor.is_cpu}: true when this lives on the CPU. */
    public boolean isCpu() {
        return device().isCpu();
    }

    /** {@code Tensor.is_cuda}: true when this lives on a CUDA device. */
    public boolean isCuda() {
        return device().type().equals("cuda");
    }

    /** {@code Tensor.is_signed()}: false for bool and uint8, true for the other dtypes. */
    public boolean isSigned() {
        return dtype().isSigned();
    }

    /** {@code Tensor.is_sparse}: always false, a {@code Tensor} is strided (sparse tensors are {@code SparseCooTensor}). */
    public boolean isSparse() {
        return false;
    }

    /** {@code Tensor.is_quantized}: always false, torch4j has no quantized tensors. */
    public boolean isQuantized() {
        return false;
    }

    /** {@code Tensor.is_meta}: always false, torch4j has no meta device. */
    public boolean isMeta() {
        return false;
    }

    /**
     * {@code Tensor.resize(*sizes)} (PyTorch's deprecated out-of-place resize, autograd's {@code Resize}): this
     * with a new shape of the same number of elements, differentiable.
     *
     * @throws IllegalArgumentException "requested resize to ... autograd's resize can only change the shape of a
     *     given tensor, while preserving the number of elements."
     */
    public Tensor resize(long... sizes) {
        long n = Shapes.numel(sizes);
        if (n != numel()) {
            throw new IllegalArgumentException("requested resize to " + FlatPut.times(sizes) + " (" + n + " elements in total), "
                    + "but the given tensor has a size of " + FlatPut.times(shape) + " (" + numel() + " elements). autograd's "
                    + "resize can only change the shape of a given tensor, while preserving the number of elements. ");
        }
        return contiguous().view(sizes);
    }

    /** {@code Tensor.resize_as(other)}: {@link #resize(long...)} to {@code other}'s shape. */
    public Tensor resizeAs(Tensor other) {
        return resize(other.shape);
    }
}
