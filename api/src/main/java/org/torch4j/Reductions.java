package org.torch4j;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;
import org.torch4j.spi.ReduceOp;
import org.torch4j.spi.ScanOp;
import org.torch4j.spi.Strided;
import org.torch4j.trace.Trace;

/** Reductions, scans, sorting and selection, each with its derivative. */
final class Reductions {
    private Reductions() {}

    /** The dims to reduce: null or empty means all. */
    static int[] dimsOrAll(int[] dims, int rank) {
        if (dims == null || dims.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) all[i] = i;
            return all;
        }
        int[] w = Shapes.wrapDims(dims, rank);
        // a 0-dim tensor accepts dim 0 (or -1) and has no dimension to reduce
        return rank == 0 ? new int[0] : w;
    }

    /** The shape with the reduced dims set to 1. */
    static long[] keptShape(long[] shape, int[] dims) {
        long[] s = shape.clone();
        for (int d : dims) s[d] = 1;
        return s;
    }

    /** Drops the reduced dims (size 1) from a keepdim-shaped result. */
    static Tensor squeezeDims(Tensor r, int[] dims, boolean keepdim) {
        if (keepdim || dims.length == 0) return r;
        long[] shape = new long[r.dim() - dims.length];
        boolean[] drop = new boolean[r.dim()];
        for (int d : dims) drop[d] = true;
        int j = 0;
        for (int i = 0; i < r.dim(); i++) if (!drop[i]) shape[j++] = r.shape[i];
        return r.view(shape, Shapes.contiguousStrides(shape), r.offset);
    }

    /** The gradient of a keepdim=false reduction seen with the reduced dims restored as size 1. */
    static Tensor unsqueezeDims(Tensor g, int[] dims, boolean keepdim, int rank) {
        if (keepdim) return g;
        int[] sorted = dims.clone();
        Arrays.sort(sorted);
        Tensor r = g;
        for (int d : sorted) r = r.unsqueeze(d);
        return r;
    }

    /** Runs a reduction kernel into a fresh keepdim-shaped output of {@code outType}. */
    private static Tensor reduceKernel(ReduceOp op, Tensor in, int[] dims, DType outType) {
        Tensor out = in.numel() > 0 ? Dispatch.empty(keptShape(in.shape, dims), outType, in.device()) : Dispatch.zeros(keptShape(in.shape, dims), outType, in.device());
        Dispatch.backend(in).reduce(op, out.strided(), in.strided(), dims);
        return out;
    }

    static Tensor sum(Tensor t, int[] dimsArg, boolean keepdim, DType dtype) {
        if (Trace.recording()) return Trace.op("aten::sum", () -> sum(t, dimsArg, keepdim, dtype), t, dimsArg, keepdim, dtype);
        t.checkOpen();
        Tensor x = dtype != null ? t.to(dtype) : t;
        if (x.isComplex()) return ComplexMath.sum(x, dimsArg, keepdim);
        int[] dims = dimsOrAll(dimsArg, x.dim());
        DType outType = x.dtype().isFloatingPoint() ? x.dtype() : DType.INT64;
        Tensor r;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            r = squeezeDims(reduceKernel(ReduceOp.SUM, x, dims, outType), dims, keepdim);
        }
        if (Autograd.needed(x)) {
            long[] shape = x.shape;
            int rank = x.dim();
            Autograd.unary("SumBackward" + (dimsArg == null ? 0 : 1), x, r,
                    g -> unsqueezeDims(g, dims, keepdim, rank).expand(shape));
        }
        return r;
    }

    static Tensor mean(Tensor t, int[] dimsArg, boolean keepdim) {
        if (Trace.recording()) return Trace.op("aten::mean", () -> mean(t, dimsArg, keepdim), t, dimsArg, keepdim);
        if (t.isComplex()) return ComplexMath.mean(t, dimsArg, keepdim);
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("mean(): could not infer output dtype. Input dtype must be either a floating "
                    + "point or complex dtype. Got: " + Printer.cppName(t.dtype()));
        }
        // float16 and bfloat16 sum in float32 and round once (their sum alone can overflow: 65500 + 65500)
        if (isReduced(t.dtype())) return mean(t.to(DType.FLOAT32), dimsArg, keepdim).to(t.dtype());
        int[] dims = dimsOrAll(dimsArg, t.dim());
        long count = count(t, dims);
        Tensor r;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            r = squeezeDims(reduceKernel(ReduceOp.SUM, t, dims, t.dtype()), dims, keepdim);
            r = r.div((double) count);
        }
        if (Autograd.needed(t)) {
            long[] shape = t.shape;
            double n = count;
            int rank = t.dim();
            Autograd.unary("MeanBackward" + (dimsArg == null ? 0 : 1), t, r,
                    // divided before it is expanded, as sum's: a view, not a pass over the input's size
                    g -> unsqueezeDims(g, dims, keepdim, rank).div(n).expand(shape));
        }
        return r;
    }

    static Tensor prod(Tensor t, int[] dimsArg, boolean keepdim) {
        if (t.isComplex()) return ComplexMath.prod(t, dimsArg, keepdim);
        int[] dims = dimsOrAll(dimsArg, t.dim());
        DType outType = t.dtype().isFloatingPoint() ? t.dtype() : DType.INT64;
        Tensor r;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            r = squeezeDims(reduceKernel(ReduceOp.PROD, t, dims, outType), dims, keepdim);
        }
        if (Autograd.needed(t)) {
            long[] shape = t.shape;
            int rank = t.dim();
            Autograd.unary("ProdBackward" + (dimsArg == null ? 0 : 1), t, r, g -> {
                // the product of all other elements, without dividing (exact when some are zero)
                Tensor others = dims.length == 1 || rank <= 1 ? productOfOthers(t, rank == 0 ? 0 : dims[0])
                        : productOfOthers(t.reshape(-1), 0).reshape(shape);
                return unsqueezeDims(g, dims, keepdim, rank).expand(shape).mul(others);
            }, t);
        }
        return r;
    }

    /** For each element, the product of the other elements along {@code dim}. */
    private static Tensor productOfOthers(Tensor x, int dim) {
        if (x.dim() == 0) return Torch.onesLike(x);
        if (x.numel() == 0) return Torch.zerosLike(x);   // no elements: nothing to multiply (narrowing an empty dim would fail)
        long n = x.shape[dim];
        Tensor ones = Torch.onesLike(x.narrow(dim, 0, 1));
        Tensor left = Torch.cat(java.util.List.of(ones, x.narrow(dim, 0, n - 1)), dim).cumprod(dim);
        Tensor flipped = x.flip(dim);
        Tensor right = Torch.cat(java.util.List.of(ones, flipped.narrow(dim, 0, n - 1)), dim).cumprod(dim).flip(dim);
        return left.mul(right);
    }

    static Tensor extreme(Tensor t, ReduceOp op) {
        if (t.numel() == 0) {
            throw new IllegalArgumentException((op == ReduceOp.MAX ? "max" : "min") + "(): Expected reduction dim to be "
                    + "specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
        }
        int[] dims = dimsOrAll(null, t.dim());
        Tensor r;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            r = squeezeDims(reduceKernel(op, t, dims, t.dtype()), dims, false);
        }
        if (Autograd.needed(t)) {
            Autograd.unary(op == ReduceOp.MAX ? "MaxBackward1" : "MinBackward1", t, r, g -> evenlyDistribute(g, t, r), t, r);
        }
        return r;
    }

    /** The gradient shared equally among the elements equal to the extreme (NaN included). */
    static Tensor evenlyDistribute(Tensor g, Tensor x, Tensor result) {
        Tensor mask = result.isnan().itemBool() ? x.isnan() : x.eq(result);
        return mask.mul(g.div(mask.sum()));
    }

    static Tensor amax(Tensor t, ReduceOp op, int[] dimsArg, boolean keepdim) {
        if (Trace.recording()) return Trace.op("aten::" + (op == ReduceOp.MAX ? "amax" : "amin"), () -> amax(t, op, dimsArg, keepdim), t, dimsArg, keepdim);
        int[] dims = dimsOrAll(dimsArg, t.dim());
        for (int i = 0; i < dims.length; i++) {
            if (t.dim() > 0 && t.shape[dims[i]] == 0) {
                // PyTorch names the dim as given (-2), where max() names it wrapped
                int given = dimsArg == null || dimsArg.length == 0 ? dims[i] : dimsArg[i];
                throw new IndexOutOfBoundsException((op == ReduceOp.MAX ? "amax" : "amin")
                        + "(): Expected reduction dim " + given + " to have non-zero size.");
            }
        }
        Tensor kept;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            kept = reduceKernel(op, t, dims, t.dtype());
        }
        Tensor r = squeezeDims(kept, dims, keepdim);
        if (Autograd.needed(t)) {
            int rank = t.dim();
            Autograd.unary(op == ReduceOp.MAX ? "AmaxBackward0" : "AminBackward0", t, r, g -> {
                Tensor mask = t.eq(kept);
                return mask.mul(unsqueezeDims(g, dims, keepdim, rank)).div(mask.sum(dims, true));
            }, t, kept);
        }
        return r;
    }

    static ValuesIndices extremeWithIndex(Tensor t, ReduceOp op, int dim, boolean keepdim) {
        return extremeWithIndex(t, op, dim, keepdim, op == ReduceOp.MAX ? "max" : "min");
    }

    /** max/min along dim with the indices; {@code name} is the op an empty dim's error names (max, argmax). */
    private static ValuesIndices extremeWithIndex(Tensor t, ReduceOp op, int dim, boolean keepdim, String name) {
        if (Trace.recording()) return Trace.op(op == ReduceOp.MAX ? "aten::max_dim" : "aten::min_dim", () -> extremeWithIndex(t, op, dim, keepdim), t, dim, keepdim);
        int d = Shapes.wrapDim(dim, t.dim());
        if (t.dim() > 0 && t.shape[d] == 0) {
            throw new IndexOutOfBoundsException(name + "(): Expected reduction dim " + d + " to have non-zero size.");
        }
        int[] dims = t.dim() == 0 ? new int[0] : new int[] {d};
        long[] kshape = keptShape(t.shape, dims);
        Tensor values = Dispatch.zeros(kshape, t.dtype(), t.device());
        Tensor indices = Dispatch.zeros(kshape, DType.INT64, t.device());
        if (t.dim() == 0) {
            values.copy_(t);
        } else {
            Dispatch.backend(t).reduceWithIndex(op, values.strided(), indices.strided(), t.strided(), d);
        }
        Tensor v = squeezeDims(values, dims, keepdim), i = squeezeDims(indices, dims, keepdim);
        if (Autograd.needed(t)) {
            long[] shape = t.shape;
            int rank = t.dim();
            Autograd.unary(op == ReduceOp.MAX ? "MaxBackward0" : "MinBackward0", t, v,
                    g -> rank == 0 ? g : Torch.zeros(shape, g.dtype(), g.device()).scatter(d, indices, unsqueezeDims(g, dims, keepdim, rank)),
                    indices);
        }
        return new ValuesIndices(v, i);
    }

    static Tensor argExtreme(Tensor t, ReduceOp op, Integer dim, boolean keepdim) {
        if (Trace.recording()) return Trace.op(op == ReduceOp.MAX ? "aten::argmax" : "aten::argmin", () -> argExtreme(t, op, dim, keepdim), t, dim, keepdim);
        if (dim == null) {
            Tensor flat = t.reshape(-1);
            if (flat.numel() == 0) {
                throw new IndexOutOfBoundsException((op == ReduceOp.MAX ? "argmax" : "argmin")
                        + "(): Expected reduction dim to be specified for input.numel() == 0.");
            }
            Tensor r = extremeWithIndex(flat.detach(), op, 0, false).indices();
            return keepdim ? r.reshape(ones(t.dim())) : r;
        }
        return extremeWithIndex(t.detach(), op, dim, keepdim, op == ReduceOp.MAX ? "argmax" : "argmin").indices();
    }

    private static long[] ones(int n) {
        long[] r = new long[n];
        Arrays.fill(r, 1);
        return r;
    }

    static Tensor var(Tensor t, int[] dimsArg, double correction, boolean keepdim) {
        if (Trace.recording()) return Trace.op("aten::var", () -> var(t, dimsArg, correction, keepdim), t, dimsArg, correction, keepdim);
        if (t.isComplex()) {
            // the mean of |z - mean|^2 is the sum of the parts' variances (a real result, as PyTorch's)
            return var(t.real(), dimsArg, correction, keepdim).add(var(t.imag(), dimsArg, correction, keepdim));
        }
        checkFloating(t);
        if (isReduced(t.dtype())) return var(t.to(DType.FLOAT32), dimsArg, correction, keepdim).to(t.dtype());
        int[] dims = dimsOrAll(dimsArg, t.dim());
        Tensor r;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            r = varianceKernel(t, dims, correction, keepdim, false);
            if (r == null) r = composedVariance(t, dims, correction, keepdim);
        }
        if (Autograd.needed(t)) {
            int rank = t.dim();
            Autograd.unary("VarBackward0", t, r, g -> varBackward(unsqueezeDims(g, dims, keepdim, rank), t, dims, correction), t);
        }
        return r;
    }

    private static void checkFloating(Tensor t) {
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("std and var only support floating point and complex dtypes");
        }
    }

    /**
     * The backend's one-kernel variance (or deviation, with {@code sqrt}), or null where it has none for these
     * operands. PyTorch accumulates float32 variances in double and rounds once, as the CPU kernel does.
     */
    private static Tensor varianceKernel(Tensor t, int[] dims, double correction, boolean keepdim, boolean sqrt) {
        return optionalKernel(t, dims, keepdim, (out, in) -> Dispatch.backend(t).variance(out, in, dims, correction, sqrt));
    }

    /**
     * A reduction by one of the backend's optional kernels ({@code kernel(out, in)}, false where it has none for
     * these operands) into a fresh keepdim-shaped output of t's dtype; null where it has none, or t is empty or 0-dim.
     */
    private static Tensor optionalKernel(Tensor t, int[] dims, boolean keepdim, BiPredicate<Strided, Strided> kernel) {
        if (t.numel() == 0 || t.dim() == 0) return null;
        Tensor out = Dispatch.empty(keptShape(t.shape, dims), t.dtype(), t.device());
        return kernel.test(out.strided(), Dispatch.strided(t)) ? squeezeDims(out, dims, keepdim) : null;
    }

    /** The variance from the mean, the deviations and a sum; float32 through a float64 copy, rounded once. */
    private static Tensor composedVariance(Tensor t, int[] dims, double correction, boolean keepdim) {
        if (t.dtype() == DType.FLOAT32) return composedVariance(t.to(DType.FLOAT64), dims, correction, keepdim).to(DType.FLOAT32);
        Tensor centered = t.sub(t.mean(dims, true));
        return centered.mul(centered).sum(dims, keepdim).div(Math.max(0, count(t, dims) - correction));
    }

    /** The number of elements a reduction over {@code dims} takes in. */
    private static long count(Tensor t, int[] dims) {
        long count = 1;
        for (int d : dims) count *= t.dim() == 0 ? 1 : t.shape[d];
        return count;
    }

    /**
     * PyTorch's closed form, {@code 2 g (x - mean) / (n - correction)} (n - correction as it is, where the forward
     * divides by at least 0): the mean's own gradient sums to zero, so it is left out (through the composite, an
     * infinite element would make every gradient NaN).
     */
    private static Tensor varBackward(Tensor g, Tensor t, int[] dims, double correction) {
        return g.mul(t.sub(t.mean(dims, true))).mul(2.0 / (count(t, dims) - correction));
    }

    /** The standard deviation: the square root taken in the precision the variance is accumulated in, then rounded. */
    static Tensor std(Tensor t, int[] dimsArg, double correction, boolean keepdim) {
        if (t.isComplex()) return var(t, dimsArg, correction, keepdim).sqrt();
        checkFloating(t);
        if (isReduced(t.dtype())) return std(t.to(DType.FLOAT32), dimsArg, correction, keepdim).to(t.dtype());
        int[] dims = dimsOrAll(dimsArg, t.dim());
        Tensor r;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            // traced (an export), std is the traced var's square root
            r = Trace.recording() ? null : varianceKernel(t, dims, correction, keepdim, true);
            if (r == null) {
                r = t.dtype() == DType.FLOAT32 ? var(t.to(DType.FLOAT64), dimsArg, correction, keepdim).sqrt().to(DType.FLOAT32)
                        : var(t, dimsArg, correction, keepdim).sqrt();
            }
        }
        if (Autograd.needed(t)) {
            int rank = t.dim();
            // a constant's deviation is 0 and so is its gradient there (PyTorch's), not 0 / 0
            Autograd.unary("StdBackward0", t, r, g -> {
                Tensor s = std(t, dimsArg, correction, true);
                Tensor scaled = unsqueezeDims(g, dims, keepdim, rank).div(s.mul(2.0)).maskedFill(s.eq(0.0), 0.0);
                return varBackward(scaled, t, dims, correction);
            }, t);
        }
        return r;
    }

    /** float16 and bfloat16, whose multi-step reductions run in float32 (one rounding at the end). */
    private static boolean isReduced(DType d) {
        return d == DType.FLOAT16 || d == DType.BFLOAT16;
    }

    /**
     * The infinity norms (a max or min) and the negative ones (a reciprocal of a sum of reciprocals) have no value
     * over nothing: PyTorch's error for an empty reduced dim.
     */
    private static void checkIdentityless(Tensor t, double p, int[] dimsArg, int[] dims) {
        String norm = Double.isInfinite(p) ? (p > 0 ? "inf" : "-inf") : p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
        if ((dimsArg == null || dimsArg.length == 0) && t.numel() == 0) {
            throw new IllegalArgumentException("linalg.vector_norm cannot compute the " + norm + " norm on an empty tensor "
                    + "because the operation does not have an identity");
        }
        for (int i = 0; i < dims.length; i++) {
            if (t.dim() > 0 && t.shape[dims[i]] == 0) {
                throw new IllegalArgumentException("linalg.vector_norm cannot compute the " + norm + " norm on the dimension "
                        + dimsArg[i] + " because this dimension is empty and the operation does not have an identity");
            }
        }
    }

    static Tensor norm(Tensor t, double p, int[] dimsArg, boolean keepdim) {
        if (t.isComplex()) return norm(t.abs(), p, dimsArg, keepdim);
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("linalg.vector_norm: Expected a floating point or complex tensor as input. Got "
                    + Printer.cppName(t.dtype()));
        }
        if (isReduced(t.dtype())) return norm(t.to(DType.FLOAT32), p, dimsArg, keepdim).to(t.dtype());
        int[] dims = dimsOrAll(dimsArg, t.dim());
        if (Double.isInfinite(p) || p < 0) checkIdentityless(t, p, dimsArg, dims);
        Tensor r;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            Tensor a = p == 2 ? null : t.abs();
            if (p == 2) r = norm2(t, dims, keepdim);
            else if (p == Double.POSITIVE_INFINITY) r = a.amax(dims, keepdim);
            else if (p == Double.NEGATIVE_INFINITY) r = a.amin(dims, keepdim);
            else if (p == 0) r = a.ne(0.0).to(t.dtype()).sum(dims, keepdim);
            else if (p == 1) r = a.sum(dims, keepdim);
            else r = a.pow(p).sum(dims, keepdim).pow(1 / p);
        }
        if (Autograd.needed(t)) {
            int rank = t.dim();
            Tensor out = r;
            Autograd.unary("NormBackward1", t, r, g -> {
                Tensor gk = unsqueezeDims(g, dims, keepdim, rank);
                Tensor nk = unsqueezeDims(out, dims, keepdim, rank);
                if (p == 0) return Torch.zerosLike(t);
                if (p == 1) return gk.mul(t.sign());
                if (Double.isInfinite(p)) {
                    Tensor mask = t.abs().eq(nk).logicalOr(t.isnan()); // a NaN is the extreme, as in PyTorch
                    return gk.mul(t.sign()).mul(mask).div(mask.sum(dims, true));
                }
                // PyTorch's norm_backward, branch by branch and in its order of operations, which decides where
                // its derivative (create_graph) is NaN at a zero norm: x times the filled quotient, not the quotient of
                // x g, whose derivative in x would be 0 / 0 there
                Tensor zeroNorm = nk.eq(0.0);
                if (p < 1) {
                    Tensor scaled = t.sgn().mul(t.abs().pow(p - 1).maskedFill(t.eq(0.0), 0.0));
                    return scaled.mul(gk).mul(nk.pow(1 - p));
                }
                if (p == 2) return t.mul(gk.div(nk).maskedFill(zeroNorm, 0.0));
                // below 2, sgn(x) |x|^(p-1): x |x|^(p-2) would be 0 * inf at x = 0
                Tensor scaled = p < 2 ? t.sgn().mul(t.abs().pow(p - 1)) : t.mul(t.abs().pow(p - 2));
                return scaled.mul(gk.div(nk.pow(p - 1)).maskedFill(zeroNorm, 0.0));
            }, t, r);
        }
        return r;
    }

    /** The 2-norm: the backend's one kernel where it has one, else the square root of the sum of squares. */
    private static Tensor norm2(Tensor t, int[] dims, boolean keepdim) {
        // traced (an export), it is composed
        Tensor r = Trace.recording() ? null : optionalKernel(t, dims, keepdim, (out, in) -> Dispatch.backend(t).norm2(out, in, dims));
        return r != null ? r : t.mul(t).sum(dims, keepdim).sqrt();
    }

    static Tensor logsumexp(Tensor t, int[] dimsArg, boolean keepdim) {
        if (t.isComplex()) {
            throw new IllegalArgumentException("logsumexp(): Expected floating point type for result tensor, but got: "
                    + Printer.cppName(t.dtype()));
        }
        if (isReduced(t.dtype())) return logsumexp(t.to(DType.FLOAT32), dimsArg, keepdim).to(t.dtype());
        Tensor x = t.dtype().isFloatingPoint() ? t : t.to(Torch.getDefaultDtype());
        int[] dims = dimsOrAll(dimsArg, x.dim());
        Tensor m;
        try (Torch.Mode mode = GradMode.set(false, GradMode.isInference())) {
            if (x.numel() == 0) {
                m = Torch.zeros(keptShape(x.shape, dims), x.dtype(), x.device());
            } else {
                m = x.amax(dims, true);
                m = Torch.where(m.isinf(), Torch.zerosLike(m), m);
            }
        }
        Tensor r = x.sub(m).exp().sum(dims, true).log().add(m);
        return keepdim ? r : r.reshape(squeezeDims(m, dims, false).shape);
    }

    static Tensor scan(Tensor t, ScanOp op, int dim) {
        int d = Shapes.wrapDim(dim, t.dim());
        if (op == ScanOp.CUMSUM && t.isComplex()) {
            // running sums of pairs are running sums of the parts: the real view's, along the same dim (a 0-dim
            // tensor is its own running sum)
            return t.dim() == 0 ? t.clone() : Complexes.newComplex(scan(Complexes.viewAsReal(t), op, d));
        }
        if (op == ScanOp.CUMPROD && t.isComplex()) return ComplexMath.cumprod(t, d);
        DType outType = op == ScanOp.LOGCUMSUMEXP ? Promotion.toFloating(t.dtype())
                : t.dtype().isFloatingPoint() ? t.dtype() : DType.INT64;
        Tensor in = op == ScanOp.LOGCUMSUMEXP ? t.to(outType) : t;
        Tensor out = Dispatch.zeros(t.shape, outType, t.device());
        if (t.dim() == 0) {
            out.copy_(t);
        } else {
            Dispatch.backend(t).scan(op, out.strided(), in.strided(), d);
        }
        if (Autograd.needed(in) && outType.isFloatingPoint()) {
            switch (op) {
                case CUMSUM -> Autograd.unary("CumsumBackward0", in, out, g -> t.dim() == 0 ? g : g.flip(d).cumsum(d).flip(d));
                case CUMPROD -> Autograd.unary("CumprodBackward0", in, out, g -> t.dim() == 0 ? g : cumprodBackward(g, in, out, d), in, out);
                case LOGCUMSUMEXP -> Autograd.unary("LogcumsumexpBackward0", in, out,
                        g -> t.dim() == 0 ? g : logcumsumexpBackward(g, in, out, d), in, out);
            }
        }
        return out;
    }

    private static Tensor reversedCumsum(Tensor x, int d) {
        return x.flip(d).cumsum(d).flip(d);
    }

    /**
     * d cumprod / d x (PyTorch's): {@code reversed_cumsum(out g) / x} before a line's first zero; at the first zero the
     * product of everything before it times the sum over its run (up to the second zero) of {@code g_k} times the
     * product of the elements after the zero up to k; 0 after it. Dividing by x would give NaN at zeros.
     */
    private static Tensor cumprodBackward(Tensor g, Tensor x, Tensor out, int d) {
        if (x.numel() <= 1 || x.shape[d] == 1) return g;
        Tensor w = out.mul(g);
        Tensor isZero = x.eq(0.0);
        if (!isZero.any().itemBool()) return reversedCumsum(w, d).div(x);
        if (GradMode.isEnabled()) return cumprodBackwardTermwise(g, x, d);
        Tensor zerosSoFar = isZero.to(DType.INT64).cumsum(d);
        Tensor before = zerosSoFar.eq(0L), run = zerosSoFar.eq(1L);
        Tensor firstZero = isZero.logicalAnd(run);
        // (x is 1 where not taken, so the derivative of the division is finite there too: 0 * inf would be NaN)
        Tensor beforeGrad = Torch.where(before, reversedCumsum(w.maskedFill(before.logicalNot(), 0.0), d)
                .div(x.maskedFill(before.logicalNot(), 1.0)), Torch.zerosLike(g));
        Tensor afterZero = run.logicalAnd(firstZero.logicalNot());
        Tensor runSum = x.maskedFill(afterZero.logicalNot(), 1.0).cumprod(d).mul(g.maskedFill(run.logicalNot(), 0.0)).sum(new int[] {d}, true);
        long n = x.shape[d];
        Tensor prefix = Torch.cat(List.of(Torch.onesLike(out.narrow(d, 0, 1)), out.narrow(d, 0, n - 1)), d);
        return beforeGrad.add(Torch.where(firstZero, runSum.mul(prefix), Torch.zerosLike(g)));
    }

    /**
     * d cumprod / d x for a backward that is itself differentiated (PyTorch's, in grad mode): x_k's gradient is
     * sum_{j >= k} g_j prod_{i <= j, i != k} x_i, a cumprod of x with x_k replaced by 1 for each k. O(n^2), but
     * differentiable at zeros, where the formula above drops terms that vanish there and not their derivatives.
     */
    private static Tensor cumprodBackwardTermwise(Tensor g, Tensor x, int d) {
        long n = x.shape[d];
        List<Tensor> parts = new java.util.ArrayList<>();
        for (long k = 0; k < n; k++) {
            Tensor withOne = x.indexFill(d, Torch.tensor(new long[] {k}).to(x.device()), 1.0);
            parts.add(g.mul(withOne.cumprod(d)).narrow(d, k, n - k).sum(new int[] {d}, true));
        }
        return Torch.cat(parts, d);
    }

    /**
     * d logcumsumexp / d x in log space (PyTorch's, after TensorFlow's): the positive and negative parts of g each
     * through a reversed logcumsumexp, so that large inputs do not overflow exp.
     */
    private static Tensor logcumsumexpBackward(Tensor g, Tensor x, Tensor out, int d) {
        if (g.numel() == 0) return g;
        Tensor lowest = Torch.full(Shapes.SCALAR, g.dtype() == DType.FLOAT64 ? -Double.MAX_VALUE : -Float.MAX_VALUE, g.dtype(), g.device());
        Tensor logAbs = g.abs().log();
        Tensor positive = Torch.where(g.gt(0.0), logAbs, lowest), negative = Torch.where(g.lt(0.0), logAbs, lowest);
        Tensor pos = positive.sub(out).flip(d).logcumsumexp(d).flip(d).add(x).exp();
        Tensor neg = negative.sub(out).flip(d).logcumsumexp(d).flip(d).add(x).exp();
        return pos.sub(neg);
    }

    static Tensor logical(Tensor t, ReduceOp op, int[] dimsArg, boolean keepdim) {
        int[] dims = dimsOrAll(dimsArg, t.dim());
        // PyTorch keeps uint8 for uint8 inputs (a legacy of byte masks); everything else gives bool
        DType outType = t.dtype() == DType.UINT8 ? DType.UINT8 : DType.BOOL;
        Tensor out = Dispatch.zeros(keptShape(t.shape, dims), outType, t.device());
        Dispatch.backend(t).reduce(op, out.strided(), t.strided(), dims);
        return squeezeDims(out, dims, keepdim);
    }

    static ValuesIndices topk(Tensor t, int k, int dim, boolean largest, boolean sorted) {
        int d = Shapes.wrapDim(dim, t.dim());
        long size = t.dim() == 0 ? 1 : t.shape[d];
        if (k < 0 || k > size) throw new IndexOutOfBoundsException("selected index k out of range");
        long[] shape = t.shape.clone();
        if (t.dim() > 0) shape[d] = k;
        Tensor values = Dispatch.zeros(shape, t.dtype(), t.device());
        Tensor indices = Dispatch.zeros(shape, DType.INT64, t.device());
        if (t.dim() == 0) {
            values.copy_(t);   // PyTorch returns the value itself, even for k = 0
            indices.zero_();
        } else if (k > 0) {
            Dispatch.backend(t).topk(values.strided(), indices.strided(), t.strided(), d, k, largest, sorted);
        }
        recordSelection("TopkBackward0", t, values, indices, d);
        return new ValuesIndices(values, indices);
    }

    static ValuesIndices sort(Tensor t, int dim, boolean descending, boolean stable) {
        int d = Shapes.wrapDim(dim, t.dim());
        Tensor values = Dispatch.zeros(t.shape, t.dtype(), t.device());
        Tensor indices = Dispatch.zeros(t.shape, DType.INT64, t.device());
        if (t.dim() == 0) {
            values.copy_(t);
        } else {
            Dispatch.backend(t).sort(values.strided(), indices.strided(), t.strided(), d, descending, stable);
        }
        recordSelection("SortBackward0", t, values, indices, d);
        return new ValuesIndices(values, indices);
    }

    /** Values picked by index along dim: the gradient scatters back to those indices. */
    private static void recordSelection(String name, Tensor t, Tensor values, Tensor indices, int d) {
        if (!Autograd.needed(t)) return;
        long[] shape = t.shape;
        Autograd.unary(name, t, values,
                g -> t.dim() == 0 ? g : Torch.zeros(shape, g.dtype(), g.device()).scatter(d, indices, g), indices);
    }

    static Unique unique(Tensor t, boolean returnInverse, boolean returnCounts) {
        Tensor flat = t.detach().reshape(-1);
        long n = flat.numel();
        if (n == 0) {
            Tensor empty = Torch.empty(new long[] {0}, t.dtype(), t.device());
            return new Unique(empty, returnInverse ? Torch.empty(t.shape, DType.INT64, t.device()) : null,
                    returnCounts ? Torch.empty(new long[] {0}, DType.INT64, t.device()) : null);
        }
        ValuesIndices s = flat.sort(0, false, true);
        Tensor sorted = s.values();
        Tensor first = Torch.ones(new long[] {1}, DType.BOOL, t.device());
        Tensor isNew = n == 1 ? first : Torch.cat(java.util.List.of(first,
                sorted.narrow(0, 1, n - 1).ne(sorted.narrow(0, 0, n - 1))), 0);
        Tensor values = sorted.maskedSelect(isNew);
        Tensor group = isNew.cumsum(0).sub(1L);
        Tensor inverse = null, counts = null;
        if (returnInverse) {
            inverse = Torch.zeros(new long[] {n}, DType.INT64, t.device()).scatter(0, s.indices(), group).reshape(t.shape);
        }
        if (returnCounts) {
            counts = Torch.zeros(values.shape, DType.INT64, t.device()).scatterAdd_(0, group, Torch.onesLike(group));
        }
        return new Unique(values, inverse, counts);
    }
}
