package org.torch4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.torch4j.trace.Trace;

/**
 * View ops: new shape, strides and offset over the same storage, no copy. Each records a backward
 * that puts the gradient back in the input's layout.
 */
final class Views {
    private Views() {}

    /** A view of {@code t} with new geometry, remembering the base for in-place autograd. */
    private static Tensor make(Tensor t, long[] shape, long[] strides, long offset) {
        Tensor v = t.view(shape, strides, offset);
        ViewHistory.adopt(v, t.viewBase != null ? t.viewBase : t);
        v.inference = t.inference;
        return v;
    }

    /**
     * A composite's result that is a view of a temporary only it holds (a copy reshaped): a new tensor, as PyTorch's
     * op returns, so that views of it are views of it and in-place ops on it rebase no hidden base.
     */
    static Tensor asNew(Tensor r) {
        r.viewBase = null;
        r.madeWithoutGrad = false;
        return r;
    }

    /** A new view of all of t as it is ({@code Tensor.alias}, {@code x[()]}, {@code t()} of a 1-d tensor), gradient named {@code name}. */
    static Tensor alias(Tensor t, String name) {
        if (Trace.recording()) return t;   // (a traced graph has no alias op: its value is t's)
        return record(name, t, make(t, t.shape, t.strides, t.offset), g -> g);
    }

    /** A view whose gradient is the output gradient reshaped, permuted, etc. by {@code back}. */
    private static Tensor record(String name, Tensor in, Tensor out, UnaryOperator<Tensor> back) {
        if (Autograd.needed(in)) Autograd.unary(name, in, out, back);
        return out;
    }

    /** A view whose gradient scatters into the input's shape through {@code region} (narrow, select, ...). */
    private static Tensor recordRegion(String name, Tensor in, Tensor out, UnaryOperator<Tensor> region) {
        if (Autograd.needed(in)) {
            long[] shape = in.shape;
            Autograd.unary(name, in, out, g -> scatterRegion(g, shape, region));
        }
        return out;
    }

    /**
     * zeros(shape) with {@code g} added into {@code region(zeros)}: the backward of region views.
     * Overlapping regions (unfold) accumulate; the result is differentiable when grad mode is on.
     */
    static Tensor scatterRegion(Tensor g, long[] shape, UnaryOperator<Tensor> region) {
        if (!GradMode.isEnabled()) {
            Tensor z = Torch.zeros(shape, g.dtype(), g.device());
            Tensor r = region.apply(z);
            if (!hasOverlap(r.shape, r.strides)) {
                r.copy_(g);
                return z;
            }
        }
        long n = Shapes.numel(shape);
        Tensor positions;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            positions = region.apply(Torch.arange(n).reshape(shape)).reshape(-1);
        }
        if (g.isComplex()) {
            // no complex index_add: complex element p is the reals 2p and 2p + 1 of the real view
            Tensor realPositions = positions.mul(2L).unsqueeze(-1).add(Torch.arange(2)).reshape(-1);
            long[] realShape = Arrays.copyOf(shape, shape.length + 1);
            realShape[shape.length] = 2;
            Tensor flat = Torch.zeros(new long[] {2 * n}, g.dtype().toReal(), g.device())
                    .indexAdd_(0, realPositions, Complexes.viewAsReal(g).reshape(-1));
            return Complexes.newComplex(flat.reshape(realShape));
        }
        return Torch.zeros(new long[] {n}, g.dtype(), g.device()).indexAdd_(0, positions, g.reshape(-1)).reshape(shape);
    }

    /** Conservative: a view with a zero stride on a dim of size > 1, or windows that overlap. */
    static boolean hasOverlap(long[] sh, long[] strides) {
        long[] st = strides.clone();
        Integer[] order = new Integer[st.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Long.compare(st[a], st[b]));
        long span = 1;
        for (int i : order) {
            if (sh[i] == 1) continue;
            if (st[i] < span) return true;
            span = st[i] * sh[i];
        }
        return false;
    }

    static Tensor view(Tensor t, long[] shape) {
        if (Trace.recording()) return Trace.op("aten::view", () -> view(t, shape), t, shape);
        t.checkOpen();
        long[] s = Shapes.inferSize(shape, t.numel());
        long[] st = Shapes.viewStrides(t.shape, t.strides, s);
        if (st == null) {
            throw new IllegalArgumentException("view size is not compatible with input tensor's size and stride (at least one "
                    + "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
        }
        long[] old = t.shape;
        return record("ViewBackward0", t, make(t, s, st, t.offset), g -> g.reshape(old));
    }

    static Tensor reshape(Tensor t, long[] shape) {
        if (Trace.recording()) return Trace.op("aten::reshape", () -> reshape(t, shape), t, shape);
        t.checkOpen();
        long[] s = Shapes.inferSize(shape, t.numel());
        long[] st = Shapes.viewStrides(t.shape, t.strides, s);
        if (st != null) {
            long[] old = t.shape;
            return record("ViewBackward0", t, make(t, s, st, t.offset), g -> g.reshape(old));
        }
        return view(t.clone(MemoryFormat.CONTIGUOUS), s);
    }

    static Tensor permute(Tensor t, int[] dims) {
        if (Trace.recording()) return Trace.op("aten::permute", () -> permute(t, dims), t, dims);
        int r = t.dim();
        if (dims.length != r) {
            throw new IllegalArgumentException("permute(sparse_coo): number of dimensions in the tensor input does not match "
                    + "the length of the desired ordering of dimensions i.e. input.dim() = " + r + " is not equal to len(dims) = "
                    + dims.length);
        }
        int[] d = new int[r];
        boolean[] seen = new boolean[Math.max(r, 1)];
        for (int i = 0; i < r; i++) {
            d[i] = Shapes.wrapDim(dims[i], r);
            if (seen[d[i]]) throw new IllegalArgumentException("permute(): duplicate dims are not allowed.");
            seen[d[i]] = true;
        }
        long[] shape = new long[r], strides = new long[r];
        int[] inverse = new int[r];
        for (int i = 0; i < r; i++) {
            shape[i] = t.shape[d[i]];
            strides[i] = t.strides[d[i]];
            inverse[d[i]] = i;
        }
        return record("PermuteBackward0", t, make(t, shape, strides, t.offset), g -> g.permute(inverse));
    }

    static Tensor transpose(Tensor t, int d0, int d1) {
        if (Trace.recording()) return Trace.op("aten::transpose", () -> transpose(t, d0, d1), t, d0, d1);
        int r = t.dim();
        int a = Shapes.wrapDim(d0, r), b = Shapes.wrapDim(d1, r);
        if (r == 0) return record("TransposeBackward0", t, make(t, t.shape, t.strides, t.offset), g -> g);
        long[] shape = t.shape.clone(), strides = t.strides.clone();
        shape[a] = t.shape[b];
        shape[b] = t.shape[a];
        strides[a] = t.strides[b];
        strides[b] = t.strides[a];
        return record("TransposeBackward0", t, make(t, shape, strides, t.offset), g -> g.transpose(a, b));
    }

    static Tensor movedim(Tensor t, int source, int destination) {
        int r = t.dim();
        int s = Shapes.wrapDim(source, r), d = Shapes.wrapDim(destination, r);
        if (r == 0) return permute(t, new int[0]); // dim 0 (or -1) of a scalar: the same scalar, as a view
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < r; i++) if (i != s) order.add(i);
        order.add(d, s);
        return permute(t, order.stream().mapToInt(Integer::intValue).toArray());
    }

    static Tensor select(Tensor t, int dim, long index) {
        if (Trace.recording()) return Trace.op("aten::select", () -> select(t, dim, index), t, dim, index);
        if (t.dim() == 0) throw new IndexOutOfBoundsException("select() cannot be applied to a 0-dim tensor.");
        int d = Shapes.wrapDim(dim, t.dim());
        long size = t.shape[d];
        if (index < -size || index >= size) {
            throw new IndexOutOfBoundsException("select(): index " + index + " out of range for tensor of size "
                    + Shapes.str(t.shape) + " at dimension " + d);
        }
        long i = index < 0 ? index + size : index;
        long[] shape = remove(t.shape, d), strides = remove(t.strides, d);
        return recordRegion("SelectBackward0", t, make(t, shape, strides, t.offset + i * t.strides[d]), z -> z.select(d, i));
    }

    static Tensor narrow(Tensor t, int dim, long start, long length) {
        if (Trace.recording()) return Trace.op("aten::narrow", () -> narrow(t, dim, start, length), t, dim, start, length);
        if (t.dim() == 0) throw new IllegalArgumentException("narrow() cannot be applied to a 0-dim tensor.");
        int d = Shapes.wrapDim(dim, t.dim());
        long size = t.shape[d];
        if (start < -size || start > size) {
            throw new IndexOutOfBoundsException("start out of range (expected to be in range of [" + (-size) + ", " + size
                    + "], but got " + start + ")");
        }
        long s = start < 0 ? start + size : start;
        if (length < 0) throw new IllegalArgumentException("narrow(): length must be non-negative.");
        if (s + length > size) {
            throw new IndexOutOfBoundsException("start (" + s + ") + length (" + length + ") exceeds dimension size (" + size + ").");
        }
        return slice(t, d, s, s + length, 1);
    }

    /** Python slice semantics: out-of-range bounds clamp. */
    static Tensor slice(Tensor t, int dim, long start, long end, long step) {
        if (Trace.recording()) return Trace.op("aten::slice", () -> slice(t, dim, start, end, step), t, dim, start, end, step);
        if (t.dim() == 0) throw new IllegalArgumentException("slice() cannot be applied to a 0-dim tensor.");
        if (step <= 0) throw new IllegalArgumentException("slice step must be positive");
        int d = Shapes.wrapDim(dim, t.dim());
        long size = t.shape[d];
        long s = start < 0 ? Math.max(0, start + size) : Math.min(start, size);
        long e = end < 0 ? Math.max(0, end + size) : Math.min(end, size);
        if (e < s) e = s;
        long len = (e - s + step - 1) / step;
        long[] shape = t.shape.clone(), strides = t.strides.clone();
        shape[d] = len;
        strides[d] = t.strides[d] * step;
        long s0 = s, e0 = e;
        return recordRegion("SliceBackward0", t, make(t, shape, strides, t.offset + s * t.strides[d]),
                z -> z.slice(d, s0, e0, step));
    }

    static Tensor expandAs(Tensor t, Tensor other) {
        if (Trace.recording()) return Trace.op("aten::expand_as", () -> expand(t, other.shape), t, other);
        return expand(t, other.shape);
    }

    static Tensor expand(Tensor t, long[] sizes) {
        if (Trace.recording()) return Trace.op("aten::expand", () -> expand(t, sizes), t, sizes);
        t.checkOpen();
        if (sizes.length < t.dim()) {
            throw new IllegalArgumentException("expand(" + Printer.typeName(t) + "{" + Shapes.str(t.shape) + "}, size="
                    + Shapes.str(sizes) + "): the number of sizes provided (" + sizes.length + ") must be greater or equal to "
                    + "the number of dimensions in the tensor (" + t.dim() + ")");
        }
        long[] st = Shapes.expandStrides(t.shape, t.strides, sizes);
        long[] shape = sizes.clone();
        int lead = sizes.length - t.dim();
        for (int i = 0; i < shape.length; i++) if (shape[i] == -1) shape[i] = t.shape[i - lead];
        long[] old = t.shape;
        return record("ExpandBackward0", t, make(t, shape, st, t.offset), g -> Autograd.sumToShape(g, old));
    }

    static Tensor squeeze(Tensor t) {
        if (Trace.recording()) return Trace.op("aten::squeeze", () -> squeeze(t), t);
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < t.dim(); i++) if (t.shape[i] != 1) keep.add(i);
        long[] shape = new long[keep.size()], strides = new long[keep.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.shape[keep.get(i)];
            strides[i] = t.strides[keep.get(i)];
        }
        long[] old = t.shape;
        return record("SqueezeBackward0", t, make(t, shape, strides, t.offset), g -> g.reshape(old));
    }

    static Tensor squeeze(Tensor t, int dim) {
        if (Trace.recording()) return Trace.op("aten::squeeze", () -> squeeze(t, dim), t, dim);
        int d = Shapes.wrapDim(dim, t.dim());
        if (t.dim() == 0 || t.shape[d] != 1) return record("SqueezeBackward1", t, make(t, t.shape, t.strides, t.offset), g -> g);
        long[] old = t.shape;
        return record("SqueezeBackward1", t, make(t, remove(t.shape, d), remove(t.strides, d), t.offset), g -> g.reshape(old));
    }

    static Tensor unsqueeze(Tensor t, int dim) {
        if (Trace.recording()) return Trace.op("aten::unsqueeze", () -> unsqueeze(t, dim), t, dim);
        int r = t.dim() + 1;
        if (dim < -r || dim >= r) {
            throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of [" + (-r) + ", " + (r - 1)
                    + "], but got " + dim + ")");
        }
        int d = dim < 0 ? dim + r : dim;
        long stride = d < t.dim() ? t.shape[d] * t.strides[d] : 1;
        long[] shape = insert(t.shape, d, 1), strides = insert(t.strides, d, stride);
        return record("UnsqueezeBackward0", t, make(t, shape, strides, t.offset), g -> g.squeeze(d));
    }

    static Tensor flatten(Tensor t, int startDim, int endDim) {
        if (t.dim() == 0) return t.reshape(1);
        int s = Shapes.wrapDim(startDim, t.dim()), e = Shapes.wrapDim(endDim, t.dim());
        if (s > e) throw new IllegalArgumentException("flatten() has invalid args: start_dim cannot come after end_dim");
        if (s == e) return t;
        long[] shape = new long[t.dim() - (e - s)];
        int j = 0;
        for (int i = 0; i < t.dim(); i++) {
            if (i <= s || i > e) shape[j++] = t.shape[i];
            else shape[j - 1] *= t.shape[i];
        }
        return t.reshape(shape);
    }

    static Tensor unflatten(Tensor t, int dim, long[] sizes) {
        if (sizes.length == 0) throw new IllegalArgumentException("unflatten: sizes must be non-empty");
        if (t.dim() == 0) {
            throw new IndexOutOfBoundsException("Dimension specified as " + Shapes.wrapDim(dim, 1) + " but tensor has no dimensions");
        }
        int d = Shapes.wrapDim(dim, t.dim());
        long known = 1;
        boolean infer = false;
        for (long v : sizes) {
            if (v == -1) infer = true;
            else known *= v;
        }
        boolean fits = infer ? known != 0 && t.shape[d] % known == 0 : known == t.shape[d];
        long[] s = fits ? Shapes.inferSize(sizes, t.shape[d]) : sizes;
        if (!fits) {
            throw new IllegalArgumentException("unflatten: Provided sizes " + Shapes.str(sizes)
                    + " don't multiply up to the size of dim " + dim + " (" + t.shape[d] + ") in the input tensor");
        }
        long[] shape = new long[t.dim() - 1 + s.length];
        System.arraycopy(t.shape, 0, shape, 0, d);
        System.arraycopy(s, 0, shape, d, s.length);
        System.arraycopy(t.shape, d + 1, shape, d + s.length, t.dim() - d - 1);
        return t.view(shape);
    }

    static Tensor unfold(Tensor t, int dim, long size, long step) {
        int d = Shapes.wrapDim(dim, t.dim());
        long dimSize = t.dim() == 0 ? 1 : t.shape[d];
        if (size > dimSize) {
            throw new IllegalArgumentException("maximum size for tensor at dimension " + d + " is " + dimSize + " but size is " + size);
        }
        if (size < 0) throw new IllegalArgumentException("size is " + size + " but must be >= 0");
        if (step <= 0) throw new IllegalArgumentException("step is " + step + " but must be > 0");
        long[] shape = Arrays.copyOf(t.shape, t.dim() + 1), strides = Arrays.copyOf(t.strides, t.dim() + 1);
        shape[t.dim()] = size;
        strides[t.dim()] = t.dim() == 0 ? 1 : t.strides[d];
        if (t.dim() > 0) {
            shape[d] = (dimSize - size) / step + 1;
            strides[d] = t.strides[d] * step;
        }
        return recordRegion("UnfoldBackward0", t, make(t, shape, strides, t.offset), z -> z.unfold(dim, size, step));
    }

    static Tensor asStrided(Tensor t, long[] size, long[] stride, long storageOffset) {
        t.checkOpen();
        if (size.length != stride.length) {
            throw new IllegalArgumentException("mismatch in length of strides and shape");
        }
        if (storageOffset < 0) throw new IllegalArgumentException("Tensor: invalid storage offset " + storageOffset);
        long max = storageOffset;
        for (int i = 0; i < size.length; i++) {
            if (size[i] < 0) throw new IllegalArgumentException("Trying to create tensor with negative dimension " + size[i]);
            if (stride[i] < 0) throw new IllegalArgumentException("as_strided: Negative strides are not supported at the moment, got strides: " + Shapes.str(stride));
            if (size[i] > 0) max += (size[i] - 1) * stride[i];
        }
        // in the tensor's elements: a complex tensor's real storage holds two reals per element
        long elements = t.isComplex() ? t.storage.size() / 2 : t.storage.size();
        if (Shapes.numel(size) > 0 && max >= elements) {
            throw new IllegalArgumentException("setStorage: sizes " + Shapes.str(size) + ", strides " + Shapes.str(stride)
                    + ", storage offset " + storageOffset + ", and itemsize " + t.dtype().itemSize() + " requiring a storage "
                    + "size of " + (max + 1) * t.dtype().itemSize() + " are out of bounds for storage of size "
                    + elements * t.dtype().itemSize());
        }
        Tensor out = make(t, size.clone(), stride.clone(), storageOffset);
        if (Autograd.needed(t)) {
            long base = t.offset;
            long[] inShape = t.shape, inStrides = t.strides;
            Autograd.unary("AsStridedBackward0", t, out, g -> asStridedBackward(g, inShape, inStrides, base, size, stride,
                    storageOffset));
        }
        return out;
    }

    /** Routes the gradient of an as_strided view back through storage positions to the input's elements. */
    private static Tensor asStridedBackward(Tensor g, long[] inShape, long[] inStrides, long inOffset, long[] size,
                                            long[] stride, long offset) {
        long storageSize = inOffset + 1;
        for (int i = 0; i < inShape.length; i++) if (inShape[i] > 0) storageSize += (inShape[i] - 1) * inStrides[i];
        for (int i = 0; i < size.length; i++) if (size[i] > 0) storageSize = Math.max(storageSize, offset + 1 + (size[i] - 1) * stride[i]);
        long n = Shapes.numel(inShape);
        Tensor flatIndex;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            Tensor store = Torch.full(new long[] {storageSize}, -1L, DType.INT64, Device.CPU);
            store.asStrided(inShape, inStrides, inOffset).copy_(Torch.arange(n).reshape(inShape));
            flatIndex = store.asStrided(size, stride, offset).reshape(-1);
            // memory the view reads outside its input (-1) goes to a spare slot n and is dropped, as PyTorch drops it
            flatIndex = flatIndex.add(flatIndex.lt(0.0).toLong().mul(n + 1)).to(g.device());
        }
        return Torch.zeros(new long[] {n + 1}, g.dtype(), g.device()).indexAdd_(0, flatIndex, g.reshape(-1)).narrow(0, 0, n).reshape(inShape);
    }

    static Tensor diagonal(Tensor t, long offset, int dim1, int dim2) {
        int r = t.dim();
        int a = Shapes.wrapDim(dim1, r), b = Shapes.wrapDim(dim2, r);
        if (a == b) throw new IllegalArgumentException("diagonal dimensions cannot be identical " + dim1 + ", " + dim2);
        long len, start = t.offset;
        if (offset >= 0) {
            len = Math.max(0, Math.min(t.shape[a], t.shape[b] - offset));
            start += offset * t.strides[b];
        } else {
            len = Math.max(0, Math.min(t.shape[a] + offset, t.shape[b]));
            start -= offset * t.strides[a];
        }
        if (len == 0) start = t.offset;
        List<Long> shape = new ArrayList<>(), strides = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            if (i == a || i == b) continue;
            shape.add(t.shape[i]);
            strides.add(t.strides[i]);
        }
        shape.add(len);
        strides.add(t.strides[a] + t.strides[b]);
        long[] sh = shape.stream().mapToLong(Long::longValue).toArray(), st = strides.stream().mapToLong(Long::longValue).toArray();
        return recordRegion("DiagonalBackward0", t, make(t, sh, st, start), z -> z.diagonal(offset, dim1, dim2));
    }

    static List<Tensor> split(Tensor t, long splitSize, int dim) {
        if (t.dim() == 0) throw new IllegalArgumentException("split expects at least a 1-dimensional tensor");
        int d = Shapes.wrapDim(dim, t.dim());
        if (splitSize <= 0 && t.shape[d] > 0) throw new IllegalArgumentException("split_size can only be 0 if dimension size is 0, but got dimension size of " + t.shape[d]);
        List<Tensor> parts = new ArrayList<>();
        long size = t.shape[d];
        if (size == 0) {
            parts.add(narrow(t, d, 0, 0));
            return parts;
        }
        for (long s = 0; s < size; s += splitSize) parts.add(narrow(t, d, s, Math.min(splitSize, size - s)));
        return parts;
    }

    static List<Tensor> splitWithSizes(Tensor t, long[] sizes, int dim) {
        if (t.dim() == 0) throw new IllegalArgumentException("split expects at least a 1-dimensional tensor");
        int d = Shapes.wrapDim(dim, t.dim());
        long total = 0;
        for (long s : sizes) total += s;
        if (total != t.shape[d]) {
            throw new IllegalArgumentException("split_with_sizes expects split_sizes to sum exactly to " + t.shape[d]
                    + " (input tensor's size at dimension " + d + "), but got split_sizes=" + Shapes.str(sizes));
        }
        List<Tensor> parts = new ArrayList<>();
        long s = 0;
        for (long len : sizes) {
            parts.add(narrow(t, d, s, len));
            s += len;
        }
        return parts;
    }

    static List<Tensor> chunk(Tensor t, int chunks, int dim) {
        if (t.dim() == 0) throw new IllegalArgumentException("chunk expects at least a 1-dimensional tensor");
        if (chunks <= 0) throw new IllegalArgumentException("chunk expects `chunks` to be greater than 0, got: " + chunks);
        int d = Shapes.wrapDim(dim, t.dim());
        long size = t.shape[d];
        // an empty dim gives `chunks` empty pieces, as PyTorch (split would give one)
        if (size == 0) return splitWithSizes(t, new long[chunks], d);
        return split(t, (size + chunks - 1) / chunks, d);
    }

    static List<Tensor> unbind(Tensor t, int dim) {
        int d = Shapes.wrapDim(dim, Math.max(t.dim(), 1));   // a 0-dim tensor takes dims -1 and 0, as PyTorch wraps them
        if (t.dim() == 0) throw new IndexOutOfBoundsException("Dimension specified as " + d + " but tensor has no dimensions");
        List<Tensor> parts = new ArrayList<>();
        for (long i = 0; i < t.shape[d]; i++) parts.add(select(t, d, i));
        return parts;
    }

    static long[] remove(long[] a, int i) {
        long[] r = new long[a.length - 1];
        System.arraycopy(a, 0, r, 0, i);
        System.arraycopy(a, i + 1, r, i, a.length - i - 1);
        return r;
    }

    static long[] insert(long[] a, int i, long v) {
        long[] r = new long[a.length + 1];
        System.arraycopy(a, 0, r, 0, i);
        r[i] = v;
        System.arraycopy(a, i, r, i + 1, a.length - i);
        return r;
    }
}
