package org.torch4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.spi.ScatterReduce;
import org.torch4j.spi.Strided;
import org.torch4j.trace.Trace;

/** Subscripting, gather/scatter, index_select/index_add, masks and nonzero, with their derivatives. */
final class IndexOps {
    private IndexOps() {}

    /** What a subscript leaves after its view part: the view and the advanced indices on its dims. */
    private record Parsed(Tensor view, List<Integer> dims, List<Tensor> indices) {}

    private static Parsed parse(Tensor self, Index[] given) {
        return parse(self, given, true);
    }

    /**
     * With {@code scalarsAsNumbers}, a 0-dim integer tensor indexes as its number (a select, as Python's
     * x[torch.tensor(1)]), not as an advanced index: it neither moves the result's dims nor takes part in the index
     * tensors' broadcast. index_put_ with accumulate takes every tensor as an index tensor, as PyTorch's.
     */
    private static Parsed parse(Tensor self, Index[] given, boolean scalarsAsNumbers) {
        Index[] specs = given.clone();
        if (scalarsAsNumbers) {
            for (int i = 0; i < specs.length; i++) {
                if (specs[i] instanceof Index.TensorIndex ti && ti.tensor().dim() == 0 && !ti.tensor().dtype().isFloatingPoint()
                        && ti.tensor().dtype() != DType.BOOL && ti.tensor().dtype() != DType.UINT8 && !ti.tensor().isComplex()) {
                    specs[i] = Index.at(ti.tensor().itemLong());
                }
            }
        }
        int consumed = 0;
        int ellipses = 0;
        for (Index s : specs) {
            switch (s) {
                case Index.At a -> consumed++;
                case Index.Slice sl -> consumed++;
                case Index.TensorIndex ti -> consumed += ti.tensor().dtype() == DType.BOOL ? Math.max(ti.tensor().dim(), 1) : 1;
                case Index.Ellipsis e -> ellipses++;
                case Index.NewAxis n -> { }
            }
        }
        if (ellipses > 1) throw new IllegalArgumentException("an index can only have a single ellipsis ('...')");
        if (consumed > self.dim()) {
            throw new IndexOutOfBoundsException("too many indices for tensor of dimension " + self.dim());
        }
        Tensor r = self;
        int d = 0;
        List<Integer> dims = new ArrayList<>();
        List<Tensor> idx = new ArrayList<>();
        for (Index s : specs) {
            switch (s) {
                case Index.At a -> {
                    long size = r.shape[d];
                    if (a.index() < -size || a.index() >= size) {
                        throw new IndexOutOfBoundsException("index " + a.index() + " is out of bounds for dimension " + d
                                + " with size " + size);
                    }
                    r = r.select(d, a.index());
                }
                case Index.Slice sl -> {
                    long start = sl.start() == null ? 0 : sl.start();
                    long end = sl.end() == null ? Long.MAX_VALUE : sl.end();
                    r = r.slice(d, start, end, sl.step());
                    d++;
                }
                case Index.NewAxis n -> {
                    r = r.unsqueeze(d);
                    d++;
                }
                case Index.Ellipsis e -> d += self.dim() - consumed;
                case Index.TensorIndex ti -> {
                    Tensor t = ti.tensor();
                    if (t.dtype() == DType.BOOL || t.dtype() == DType.UINT8) {
                        Tensor mask = t.dtype() == DType.UINT8 ? t.toBool() : t;
                        int k = Math.max(mask.dim(), 1);
                        for (int j = 0; j < mask.dim(); j++) {
                            if (mask.shape[j] != r.shape[d + j]) {
                                throw new IndexOutOfBoundsException("The shape of the mask " + Shapes.str(mask.shape)
                                        + " at index " + j + " does not match the shape of the indexed tensor "
                                        + Shapes.str(r.shape) + " at index " + (d + j));
                            }
                        }
                        if (mask.dim() == 0) {
                            r = r.unsqueeze(d);
                            mask = mask.reshape(1);
                        }
                        Tensor nz = mask.nonzero();
                        for (int j = 0; j < k; j++) {
                            dims.add(d + j);
                            idx.add(nz.select(1, j));
                        }
                        d += k;
                    } else if (t.dtype() == DType.INT64 || t.dtype() == DType.INT32 || t.dtype() == DType.INT16
                            || t.dtype() == DType.INT8) {
                        dims.add(d);
                        idx.add(t.to(DType.INT64));
                        d++;
                    } else {
                        throw new IndexOutOfBoundsException("tensors used as indices must be long, int, byte or bool tensors");
                    }
                }
            }
        }
        return new Parsed(r, dims, idx);
    }

    static Tensor index(Tensor self, Index[] specs) {
        Parsed p = parse(self, specs);
        if (p.indices.isEmpty()) return p.view;
        return advancedIndex(p.view, p.dims, p.indices);
    }

    /** Brings the indexed dims together (first, when they are not adjacent) and checks the indices. */
    private record Plan(Tensor source, int firstDim, Tensor[] indices, long[] resultShape, int[] perm) {
        /** A tensor laid out as {@link #source} back in the layout of the tensor planned on. */
        Tensor unpermute(Tensor t) {
            if (perm == null) return t;
            int[] inverse = new int[perm.length];
            for (int i = 0; i < perm.length; i++) inverse[perm[i]] = i;
            return t.permute(inverse);
        }
    }

    private static Plan plan(Tensor src, List<Integer> dims, List<Tensor> indices) {
        long[][] shapes = new long[indices.size()][];
        for (int i = 0; i < shapes.length; i++) shapes[i] = indices.get(i).shape;
        long[] b;
        try {
            b = Shapes.broadcast(shapes);
        } catch (IllegalArgumentException e) {
            StringBuilder sb = new StringBuilder();
            for (long[] s : shapes) sb.append(sb.length() == 0 ? "" : ", ").append(Shapes.str(s));
            throw new IndexOutOfBoundsException("shape mismatch: indexing tensors could not be broadcast together with shapes "
                    + sb);
        }
        boolean adjacent = true;
        for (int i = 1; i < dims.size(); i++) adjacent &= dims.get(i) == dims.get(i - 1) + 1;
        Tensor source = src;
        int first = dims.get(0);
        List<Integer> order = dims;
        int[] permutation = null;
        if (!adjacent) {
            List<Integer> perm = new ArrayList<>(dims);
            for (int i = 0; i < src.dim(); i++) if (!dims.contains(i)) perm.add(i);
            permutation = perm.stream().mapToInt(Integer::intValue).toArray();
            source = src.permute(permutation);
            first = 0;
            order = new ArrayList<>();
            for (int i = 0; i < dims.size(); i++) order.add(i);
        }
        Tensor[] idx = new Tensor[indices.size()];
        for (int i = 0; i < idx.length; i++) {
            long size = source.shape[order.get(i)];
            // host indices are checked before they move, without waiting for the device
            idx[i] = normalise(indices.get(i), size, order.get(i)).to(source.device()).expand(b).contiguous();
        }
        long[] shape = new long[source.dim() - idx.length + b.length];
        System.arraycopy(source.shape, 0, shape, 0, first);
        System.arraycopy(b, 0, shape, first, b.length);
        System.arraycopy(source.shape, first + idx.length, shape, first + b.length, source.dim() - first - idx.length);
        return new Plan(source, first, idx, shape, permutation);
    }

    /**
     * The smallest and largest of {@code idx}, for a check with PyTorch's message: null when there are none, or when they
     * live on an accelerator, whose kernels check them there and raise at the next wait, so the host need not wait.
     */
    static long[] hostRange(Tensor idx) {
        if (idx.numel() == 0 || !idx.device().isCpu()) return null;
        return new long[] {idx.min().itemLong(), idx.max().itemLong()};
    }

    /**
     * Wraps negative indices and checks the range, with PyTorch's message. On an accelerator the indices are not read:
     * those in [-size, 0) wrap on the device, and the backend's kernel checks the range and raises at its next wait for
     * the device, as PyTorch's CUDA kernels do (an index below -size stays as it is, so the error names it).
     */
    private static Tensor normalise(Tensor idx, long size, int dim) {
        if (idx.numel() == 0) return idx;
        if (!idx.device().isCpu()) {
            Tensor wrapped = Torch.where(idx.lt(0.0), idx.add(size), idx);
            return Torch.where(wrapped.lt(0.0), idx, wrapped);
        }
        // indices without negatives (all of a mask's, from nonzero) need no wrapping pass: three fewer passes over them
        long min = idx.min().itemLong();
        Tensor wrapped = min >= 0 ? idx : Torch.where(idx.lt(0.0), idx.add(size), idx);
        if (wrapped != idx) min = wrapped.min().itemLong();
        long max = wrapped.max().itemLong();
        if (min < 0 || max >= size) {
            long bad = min < 0 ? min - size : max;
            throw new IndexOutOfBoundsException("index " + bad + " is out of bounds for dimension " + dim + " with size " + size);
        }
        return wrapped;
    }

    private static Strided[] strided(Tensor[] ts) {
        Strided[] s = new Strided[ts.length];
        for (int i = 0; i < ts.length; i++) s[i] = ts[i].strided();
        return s;
    }

    static Tensor advancedIndex(Tensor src, List<Integer> dims, List<Tensor> indices) {
        // a complex tensor's (re, im) pairs are the real view's last dim, which no index touches
        if (src.isComplex()) return Complexes.newComplex(advancedIndex(Complexes.viewAsReal(src), dims, indices));
        Plan p = plan(src, dims, indices);
        Tensor out = Dispatch.empty(p.resultShape, src.dtype(), src.device());
        if (out.numel() > 0) Dispatch.backend(src).index(out.strided(), p.source.strided(), p.firstDim, strided(p.indices));
        if (Autograd.needed(p.source)) {
            Tensor s = p.source;
            Autograd.unary("IndexBackward0", s, out, g -> putInto(Torch.zeros(s.shape, g.dtype(), g.device()), p.firstDim,
                    p.indices, g, true), p.indices);
        }
        return out;
    }

    /** A copy of {@code base} with {@code values} put (or accumulated) at the indices: differentiable. */
    private static Tensor putInto(Tensor base, int firstDim, Tensor[] idx, Tensor values, boolean accumulate) {
        Tensor out = base.clone();
        long[] rshape = resultShape(base, firstDim, idx);
        Tensor v = values.to(base.dtype()).expand(rshape);
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            if (Shapes.numel(rshape) > 0) {
                Dispatch.backend(base).indexPut(out.strided(), firstDim, strided(idx), v.strided(), accumulate);
            }
        }
        if (Autograd.needed(base, values)) {
            Autograd.record("IndexPutBackward0", new Tensor[] {base, v}, new Tensor[] {out}, (g, n) -> {
                Tensor gb = null, gv = null;
                if (n.needsInputGrad(0)) gb = accumulate ? g[0] : putInto(g[0], firstDim, idx, Torch.zeros(Shapes.SCALAR,
                        g[0].dtype(), g[0].device()), false);
                if (n.needsInputGrad(1)) gv = gatherAt(g[0], firstDim, idx);
                return new Tensor[] {gb, gv};
            }, idx);
        }
        return out;
    }

    private static long[] resultShape(Tensor base, int firstDim, Tensor[] idx) {
        long[] b = idx[0].shape;
        long[] shape = new long[base.dim() - idx.length + b.length];
        System.arraycopy(base.shape, 0, shape, 0, firstDim);
        System.arraycopy(b, 0, shape, firstDim, b.length);
        System.arraycopy(base.shape, firstDim + idx.length, shape, firstDim + b.length, base.dim() - firstDim - idx.length);
        return shape;
    }

    /** {@code g[indices]} on prepared indices (the backward of putInto). */
    private static Tensor gatherAt(Tensor g, int firstDim, Tensor[] idx) {
        List<Integer> dims = new ArrayList<>();
        for (int i = 0; i < idx.length; i++) dims.add(firstDim + i);
        return advancedIndex(g, dims, Arrays.asList(idx));
    }

    static Tensor indexPut(Tensor self, Index[] specs, Tensor values, boolean accumulate) {
        Parsed p = parse(self, specs, !accumulate);
        values = Pointwise.sameDevice(self, values);
        // x[...] = v drops v's leading 1s first (Python's setitem does; index_put_ with accumulate does not):
        // x[:] = ones(1, 1, 5) fills x of shape [5]
        int lead = 0;
        while (!accumulate && lead < values.dim() && values.shape[lead] == 1) lead++;
        if (lead > 0) values = values.reshape(Arrays.copyOfRange(values.shape, lead, values.dim()));
        Pointwise.checkNoPartialOverlap(self, values);
        if (p.indices.isEmpty()) {
            if (accumulate) p.view.add_(values);
            else p.view.copy_(values);
            return self;
        }
        // a complex tensor is written through its real view: the pairs are its last dim, which no index touches
        boolean complex = p.view.isComplex();
        Plan plan = plan(complex ? Complexes.viewAsReal(p.view) : p.view, p.dims, p.indices);
        Tensor v = complex ? Complexes.viewAsReal(values.to(self.dtype())) : values;
        long[] indexed = complex ? Arrays.copyOf(plan.resultShape, plan.resultShape.length - 1) : plan.resultShape;
        long[] b = Shapes.broadcast(indexed, values.shape);
        if (!Arrays.equals(b, indexed)) {
            throw new IllegalArgumentException("shape mismatch: value tensor of shape " + Shapes.str(values.shape)
                    + " cannot be broadcast to indexing result of shape " + Shapes.str(indexed));
        }
        if (!Autograd.needed(self, values)) {
            self.checkOpen();
            Tensor cv = v.to(plan.source.dtype()).expand(plan.resultShape);
            if (Shapes.numel(plan.resultShape) > 0) {
                Dispatch.backend(self).indexPut(plan.source.strided(), plan.firstDim, strided(plan.indices), cv.strided(), accumulate);
            }
            self.storage.bumpVersion();
            return self;
        }
        if (complex) {
            // out of place on the pairs of a copy (the index plan works on reals), written back as complex, so the
            // complex tensor itself takes the in-place history
            InPlace.apply(p.view, old -> {
                Plan q = plan(Complexes.viewAsReal(old), p.dims, p.indices);
                return Complexes.newComplex(q.unpermute(putInto(q.source, q.firstDim, q.indices, v, accumulate)));
            }, true);
            return self;
        }
        Tensor target = plan.source;
        InPlace.apply(target, old -> putInto(old, plan.firstDim, plan.indices, v, accumulate), true);
        return self;
    }

    static Tensor indexSelect(Tensor self, int dim, Tensor index) {
        if (Trace.recording()) return Trace.op("aten::index_select", () -> indexSelect(self, dim, index), self, dim, index);
        if (index.dim() > 1) throw new IndexOutOfBoundsException("index_select(): Index is supposed to be a vector");
        if (index.dtype() != DType.INT64 && index.dtype() != DType.INT32) {
            throw new IllegalArgumentException("index_select(): Expected dtype int32 or int64 for index");
        }
        int d = Shapes.wrapDim(dim, self.dim());
        if (self.isComplex() && self.dim() > 0) {
            return Complexes.newComplex(indexSelect(Complexes.viewAsReal(self), d, index));
        }
        Tensor src = self.dim() == 0 ? self.reshape(1) : self;
        Tensor idx = index.reshape(-1).to(DType.INT64);
        long[] range = hostRange(idx);
        if (range != null && (range[0] < 0 || range[1] >= src.shape[d])) throw new IndexOutOfBoundsException("index out of range in self");
        long[] shape = src.shape.clone();
        shape[d] = idx.numel();
        Tensor out = Dispatch.empty(shape, self.dtype(), self.device());
        if (out.numel() > 0) Dispatch.backend(self).index(out.strided(), src.strided(), d, new Strided[] {idx.strided()});
        if (self.dim() == 0) out = out.reshape(index.shape);
        if (Autograd.needed(self)) {
            long[] inShape = self.shape;
            Tensor o = out;
            Autograd.unary("IndexSelectBackward0", self, o, g -> Torch.zeros(inShape, g.dtype(), g.device())
                    .indexAdd_(d, idx, g.reshape(shape).reshape(self.dim() == 0 ? new long[] {idx.numel()} : shape)), idx);
        }
        return out;
    }

    static Tensor indexAdd(Tensor self, int dim, Tensor index, Tensor source, double alpha, boolean inPlace) {
        if (index.dim() > 1) throw new IndexOutOfBoundsException("index_add_(): Index is supposed to be a vector");
        int d = Shapes.wrapDim(dim, self.dim());
        if (index.dtype() != DType.INT64 && index.dtype() != DType.INT32) {   // a float index was truncated (NaN to Long.MIN_VALUE)
            throw new IllegalArgumentException("index_add_(): Expected dtype int32/int64 for index but got: " + Printer.cppName(index.dtype()));
        }
        Tensor idx = index.reshape(-1).to(DType.INT64);
        long[] expected = self.shape.clone();
        if (self.dim() > 0) expected[d] = idx.numel();
        long sourceSize = source.dim() == 0 ? 1 : source.shape[Math.min(d, source.dim() - 1)];
        if (sourceSize != idx.numel()) {
            throw new IllegalArgumentException("index_add_(): Number of indices (" + idx.numel() + ") should be equal to "
                    + "source.size(dim): (" + sourceSize + "), for dim: " + dim);
        }
        if (source.dim() != self.dim() && !(self.dim() == 0 && source.numel() == 1)) {
            throw new IllegalArgumentException("index_add_(): Source/destination tensor must have same slice shapes. "
                    + "Destination slice shape: " + Shapes.str(self.shape) + " and source slice shape: " + Shapes.str(source.shape));
        }
        long[] range = hostRange(idx);
        if (range != null && (range[0] < 0 || range[1] >= (self.dim() == 0 ? 1 : self.shape[d]))) {
            throw new IndexOutOfBoundsException("index out of range in self");
        }
        if (self.isComplex() && self.dim() > 0) {
            // the pairs added slice by slice are the real view's, along the same dim; under autograd out of place,
            // written back as complex (a real view of a complex tensor that requires grad cannot take the history)
            if (inPlace && Autograd.needed(self, source)) {
                return InPlace.apply(self, old -> indexAdd(old, d, index, source, alpha, false), true);
            }
            Tensor sum = indexAdd(Complexes.viewAsReal(self), d, index, Complexes.viewAsReal(source.to(self.dtype())), alpha, inPlace);
            return inPlace ? self : Complexes.newComplex(sum);
        }
        // an integral alpha scales integers in their own arithmetic (wrapping as PyTorch's), not through a float
        boolean integral = !source.dtype().isFloatingPoint() && !source.isComplex() && alpha == Math.rint(alpha);
        Tensor src = alpha == 1.0 ? source : integral ? source.mul((long) alpha) : source.mul(alpha);
        Tensor base = self.dim() == 0 ? self.reshape(1) : self;
        Tensor[] indices = {idx};
        Tensor values = src.reshape(self.dim() == 0 ? new long[] {idx.numel()} : expected);
        if (inPlace) {
            if (!Autograd.needed(self, source)) {
                Tensor cv = values.to(self.dtype());
                if (idx.numel() > 0) {
                    Dispatch.backend(self).indexPut(base.strided(), d, strided(indices), cv.strided(), true);
                }
                self.storage.bumpVersion();
                return self;
            }
            return InPlace.apply(self, old -> putInto(old.dim() == 0 ? old.reshape(1) : old, d, indices, values, true)
                    .reshape(self.shape), true);
        }
        return putInto(base, d, indices, values, true).reshape(self.shape);
    }

    static Tensor gather(Tensor self, int dim, Tensor index) {
        if (Trace.recording()) return Trace.op("aten::gather", () -> gather(self, dim, index), self, dim, index);
        int d = Shapes.wrapDim(dim, self.dim());
        checkScatter("gather", self, index, null, d);
        if (self.dim() == 0) {   // PyTorch gathers from a 0-dim tensor as from its one element
            return gather(self.reshape(1), 0, index.dim() == 0 ? index.reshape(1) : index).reshape(index.shape);
        }
        if (self.isComplex() && self.dim() > 0) {
            // the same index for both parts of a pair: gather along d of the real view
            long[] pairs = Arrays.copyOf(index.shape, index.dim() + 1);
            pairs[index.dim()] = 2;
            return Complexes.newComplex(gather(Complexes.viewAsReal(self), d, index.unsqueeze(-1).expand(pairs)));
        }
        Tensor out = Dispatch.empty(index.shape, self.dtype(), self.device());
        if (out.numel() > 0) Dispatch.backend(self).gather(out.strided(), self.strided(), d, index.strided());
        if (Autograd.needed(self)) {
            long[] shape = self.shape;
            Autograd.unary("GatherBackward0", self, out, g -> Torch.zeros(shape, g.dtype(), g.device()).scatterAdd_(d, index, g), index);
        }
        return out;
    }

    /** gather's and scatter's checks, with PyTorch's messages; as in PyTorch, an empty index is not checked. */
    private static void checkScatter(String op, Tensor self, Tensor index, Tensor src, int d) {
        if (index.numel() > 0 && index.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + "(): Expected dtype int64 for index");
        }
        if (src != null && src.dtype() != self.dtype()) {
            throw new IllegalArgumentException("scatter(): Expected self.dtype to be equal to src.dtype");
        }
        if (index.numel() == 0) return;
        if (index.dim() != self.dim() && !(index.dim() <= 1 && self.dim() <= 1)) {
            throw new IllegalArgumentException("Index tensor must have the same number of dimensions as "
                    + (op.equals("gather") ? "input" : "self") + " tensor");
        }
        if (src != null && index.dim() != src.dim() && !(index.dim() <= 1 && src.dim() <= 1)) {
            throw new IllegalArgumentException("Index tensor must have the same number of dimensions as src tensor");
        }
        boolean selfTooSmall = false, srcTooSmall = false;
        for (int i = 0; i < index.dim(); i++) {
            if (i != d && index.shape[i] > nonEmptySize(self, i)) {
                if (op.equals("gather")) {
                    throw new IllegalArgumentException("Size does not match at dimension " + i + " expected index "
                            + Shapes.str(index.shape) + " to be smaller than self " + Shapes.str(self.shape) + " apart from dimension " + d);
                }
                selfTooSmall = true;
            }
            srcTooSmall |= src != null && index.shape[i] > nonEmptySize(src, i);
        }
        if (selfTooSmall || srcTooSmall) {   // scatter's one message for both, as PyTorch's scatter_shape_check
            throw new IllegalArgumentException("Expected index " + Shapes.str(index.shape) + " to be smaller than self "
                    + Shapes.str(self.shape) + " apart from dimension " + d
                    + (src == null ? "" : " and to be smaller size than src " + Shapes.str(src.shape)));
        }
    }

    /** A size as PyTorch's ensure_nonempty_size: a 0-dim tensor has size 1 along its one notional dim. */
    private static long nonEmptySize(Tensor t, int i) {
        return t.dim() == 0 ? 1 : t.shape[i];
    }

    /** scatter's checks for a scalar value ({@code Tensor.scatter(dim, index, value)}), before it becomes a tensor. */
    static void checkScatterValue(Tensor self, int dim, Tensor index) {
        checkScatter("scatter", self, index, null, Shapes.wrapDim(dim, self.dim()));
    }

    /**
     * What a scatter does where src lands: scatter's overwrite, scatter_add's sum, or one of
     * scatter_reduce's reductions; each with the backend kernel it runs and PyTorch's grad_fn name.
     */
    enum Reduction {
        OVERWRITE(ScatterReduce.NONE, "ScatterBackward0"),
        ADD(ScatterReduce.ADD, "ScatterAddBackward0"),
        SUM(ScatterReduce.ADD, "ScatterReduceBackward0"),
        PROD(ScatterReduce.MULTIPLY, "ScatterReduceBackward0"),
        MEAN(ScatterReduce.ADD, "ScatterReduceBackward0"),
        AMAX(ScatterReduce.AMAX, "ScatterReduceBackward0"),
        AMIN(ScatterReduce.AMIN, "ScatterReduceBackward0");

        final ScatterReduce kernel;
        final String node;

        Reduction(ScatterReduce kernel, String node) {
            this.kernel = kernel;
            this.node = node;
        }

        /** scatter_reduce's {@code reduce} argument. */
        static Reduction of(String reduce) {
            return switch (reduce) {
                case "sum" -> SUM;
                case "prod" -> PROD;
                case "mean" -> MEAN;
                case "amax" -> AMAX;
                case "amin" -> AMIN;
                default -> throw new IllegalArgumentException("reduce argument must be either sum, prod, mean, amax or amin.");
            };
        }
    }

    static Tensor scatter(Tensor self, int dim, Tensor index, Tensor src, Reduction r, boolean includeSelf, boolean inPlace) {
        int d = Shapes.wrapDim(dim, self.dim());
        checkScatter("scatter", self, index, src, d);
        if (self.isComplex() && self.dim() > 0) return scatterPairs(self, d, index, src, r, includeSelf, inPlace);
        if (inPlace) {
            Pointwise.checkWritable(self);
            if (!Autograd.needed(self, src)) {
                self.checkOpen();
                Tensor out = reduce(self, d, index, src, r, includeSelf);
                if (out != self) Conversions.copyInto(self, out);
                self.storage.bumpVersion();
                return self;
            }
            return InPlace.apply(self, old -> scatterCopy(old, d, index, src, r, includeSelf), true);
        }
        return scatterCopy(self, d, index, src, r, includeSelf);
    }

    /**
     * A complex scatter on the real view, each index sent to both parts of its pair. Overwriting, sums and
     * means act on the parts independently; a product or an extreme of complex values does not, so those
     * are refused (PyTorch 1.13 has a complex product here, and no amax or amin).
     */
    private static Tensor scatterPairs(Tensor self, int d, Tensor index, Tensor src, Reduction r, boolean includeSelf,
                                       boolean inPlace) {
        if (r == Reduction.PROD || r == Reduction.AMAX || r == Reduction.AMIN) throw Complexes.notImplemented(self.dtype());
        if (inPlace && Autograd.needed(self, src)) {
            return InPlace.apply(self, old -> scatterPairs(old, d, index, src, r, includeSelf, false), true);
        }
        long[] pairs = Arrays.copyOf(index.shape, index.dim() + 1);
        pairs[index.dim()] = 2;
        Tensor out = scatter(Complexes.viewAsReal(self), d, index.unsqueeze(-1).expand(pairs), Complexes.viewAsReal(src), r,
                includeSelf, inPlace);
        return inPlace ? self : Complexes.newComplex(out);
    }

    private static Tensor scatterCopy(Tensor self, int d, Tensor index, Tensor src, Reduction r, boolean includeSelf) {
        Tensor out = reduce(self.detach().clone(), d, index, src, r, includeSelf);
        if (Autograd.needed(self, src)) {
            // scatter and scatter_add differentiate without the values; scatter_reduce keeps them all, as PyTorch
            Tensor[] saved = r == Reduction.OVERWRITE || r == Reduction.ADD ? new Tensor[] {index}
                    : new Tensor[] {self, src, index, out};
            Autograd.record(r.node, new Tensor[] {self, src}, new Tensor[] {out},
                    (g, n) -> scatterBackward(g[0], n, self, d, index, src, out, r, includeSelf), saved);
        }
        return out;
    }

    /** The forward on tensors nothing records: reduces src into target (overwriting it) and returns the result. */
    private static Tensor reduce(Tensor target, int d, Tensor index, Tensor src, Reduction r, boolean includeSelf) {
        scatterInto(target, d, index, src, r.kernel, includeSelf);
        if (r != Reduction.MEAN) return target;
        Tensor n = counts(target, d, index, includeSelf);
        return target.dtype().isFloatingPoint() ? target.div(n) : target.div(n, "floor");
    }

    /**
     * One backend scatter into target. Without include_self, the positions that receive src first take a
     * value the reduction passes over (as PyTorch does): 0 for a sum, 1 for a product, and for amax/amin
     * one of their own src values, which the reduction meets again (so no dtype's lowest value is needed).
     */
    private static Tensor scatterInto(Tensor target, int d, Tensor index, Tensor src, ScatterReduce kernel, boolean includeSelf) {
        if (index.numel() == 0) return target;
        if (target.dim() == 0) {
            // as gather: a backend indexes the dim, which a 0-dim tensor lacks (the CUDA backend read past its shape)
            scatterInto(target.reshape(1), 0, index.dim() == 0 ? index.reshape(1) : index, src.dim() == 0 ? src.reshape(1) : src, kernel,
                    includeSelf);
            return target;
        }
        org.torch4j.spi.Backend b = Dispatch.backend(target);
        if (!includeSelf) {
            Tensor start = kernel == ScatterReduce.AMAX || kernel == ScatterReduce.AMIN ? src
                    : Torch.full(Shapes.SCALAR, kernel == ScatterReduce.MULTIPLY ? 1.0 : 0.0, target.dtype(), target.device())
                            .expand(index.shape);
            b.scatter(target.strided(), d, index.strided(), start.strided(), ScatterReduce.NONE);
        }
        b.scatter(target.strided(), d, index.strided(), src.strided(), kernel);
        return target;
    }

    /** How many values each position of a "mean" averages: its src values, and self with include_self (at least 1). */
    private static Tensor counts(Tensor like, int d, Tensor index, boolean includeSelf) {
        Tensor one = Torch.full(Shapes.SCALAR, 1.0, like.dtype(), like.device()).expand(index.shape);
        return scatterInto(Torch.onesLike(like), d, index, one, ScatterReduce.ADD, includeSelf);
    }

    /**
     * PyTorch's scatter_reduce_backward (which covers scatter's and scatter_add's derivatives too), written
     * with ops so that it can be differentiated again.
     */
    private static Tensor[] scatterBackward(Tensor g, Node n, Tensor self, int d, Tensor index, Tensor src, Tensor result,
                                            Reduction r, boolean includeSelf) {
        boolean forSelf = n.needsInputGrad(0), forSrc = n.needsInputGrad(1);
        Tensor gSelf = null, gSrc = null;
        switch (r) {
            case OVERWRITE, ADD, SUM -> {
                gSelf = g;
                if (forSrc) gSrc = g.gather(d, index);
            }
            case MEAN -> {
                Tensor count = counts(g, d, index, includeSelf);
                gSelf = g.div(count);
                if (forSrc) gSrc = g.gather(d, index).div(count.gather(d, index));
            }
            case PROD -> {
                // the product of the others: for a zero, recomputed with that zero set to 1
                if (forSelf) {
                    Tensor maskedSelf = self.maskedFill(self.eq(0.0), 1.0);
                    gSelf = g.mul(maskedSelf.scatterReduce(d, index, src, "prod", includeSelf)).div(maskedSelf);
                }
                if (forSrc) {
                    Tensor srcZero = src.eq(0.0);
                    Tensor zeros = Torch.zerosLike(self).scatterAdd_(d, index, srcZero.to(self.dtype())).gather(d, index);
                    Tensor singleZero = srcZero.logicalAnd(zeros.eq(1.0));
                    Tensor others = self.scatterReduce(d, index, src.maskedFill(singleZero, 1.0), "prod", includeSelf);
                    gSrc = Torch.where(singleZero, g.mul(others).gather(d, index),
                            g.mul(result).gather(d, index).div(src.maskedFill(srcZero, 1.0)));
                    if (GradMode.isEnabled() && zeros.gt(1.0).any().itemBool()) {
                        gSrc = Autograd.delayedError(gSrc, "scatter_reduce(): Double backward is unsupported for src when >1 "
                                + "zeros in src are scattered to the same position in self");
                    }
                }
            }
            case AMAX, AMIN -> {
                // shared evenly by all the values equal to the result (self's even where include_self is false)
                Tensor selfIs = self.eq(result).to(self.dtype());
                Tensor srcIs = src.eq(result.gather(d, index)).to(self.dtype());
                Tensor share = g.div(selfIs.scatterAdd(d, index, srcIs));
                gSelf = selfIs.mul(share);
                if (forSrc) gSrc = srcIs.mul(share.gather(d, index));
            }
        }
        if (forSelf && (r == Reduction.OVERWRITE || !includeSelf)) gSelf = gSelf.scatter(d, index, 0.0);
        return new Tensor[] {forSelf ? gSelf : null, gSrc};
    }

    static Tensor maskedSelect(Tensor self, Tensor mask) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("masked_select: expected BoolTensor for mask");
        }
        long[] shape = Shapes.broadcast(mask.shape, self.shape); // PyTorch's order: the mask is tensor a in its message
        Tensor s = self.expand(shape), m = mask.expand(shape);
        return index(s, new Index[] {Index.of(m)});
    }

    static Tensor take(Tensor self, Tensor index) {
        if (index.dtype() != DType.INT64) throw new IllegalArgumentException("take(): Expected a long tensor for index, but got "
                + Printer.cppName(index.dtype()));
        Tensor flat = self.reshape(-1);
        if (flat.numel() == 0 && index.numel() > 0) throw new IndexOutOfBoundsException("take(): tried to take from an empty tensor");
        long[] range = hostRange(index);
        if (range != null) {
            long n = flat.numel(), min = range[0], max = range[1];
            if (min < -n || max >= n) {
                throw new IndexOutOfBoundsException("out of range: tried to access index " + (max >= n ? max : min)
                        + " on a tensor of " + n + " elements.");
            }
        }
        return advancedIndex(flat, List.of(0), List.of(index));
    }

    static Tensor nonzero(Tensor self) {
        long n = Dispatch.backend(self).countNonzero(self.strided());
        Tensor out = Dispatch.zeros(new long[] {n, self.dim()}, DType.INT64, self.device());
        if (n > 0 && self.dim() > 0) Dispatch.backend(self).nonzero(out.strided(), self.strided());
        return out;
    }
}
