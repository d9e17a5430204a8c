package org.torch4j.onnx.importer.ops;

import java.util.Arrays;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.StringTensor;
import org.torch4j.onnx.importer.ElemType;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;
import org.torch4j.onnx.importer.Values;

/**
 * Operators that move, view or make tensors: shapes are read from the runtime values, never fixed
 * at load time.
 */
public final class ShapeOps {
    private ShapeOps() {}

    public static void register(OpRegistry.Builder r) {
        r.op("Identity", c -> new Object[] {c.value(0)}); // tensors, sequences and optionals alike
        r.single("Constant", ShapeOps::constant);
        r.single("Reshape", ShapeOps::reshape);
        r.single("Flatten", c -> {
            Tensor x = c.in(0);
            long axis = c.i("axis", 1);
            int a = (int) (axis < 0 ? axis + x.dim() : axis);
            if (a < 0 || a > x.dim()) throw new IndexOutOfBoundsException("axis " + axis + " is out of range for rank " + x.dim());
            long[] s = x.shape();
            return x.reshape(Util.prod(s, 0, a), Util.prod(s, a, s.length));
        });
        r.single("Squeeze", c -> {
            Tensor x = c.in(0);
            long[] axes = c.opset() >= 13 ? c.longs(1) : c.ints("axes");
            if (axes == null) return x.squeeze();
            int[] dims = Util.axes(axes, x.dim());
            Arrays.sort(dims);
            Tensor y = x;
            for (int i = dims.length - 1; i >= 0; i--) {
                if (x.size(dims[i]) != 1) throw new IllegalArgumentException("cannot squeeze axis " + dims[i] + " of size " + x.size(dims[i]));
                y = y.squeeze(dims[i]);
            }
            return y;
        });
        r.single("Unsqueeze", c -> {
            Tensor x = c.in(0);
            long[] axes = c.opset() >= 13 ? c.longs(1) : c.ints("axes");
            int[] dims = Util.axes(axes, x.dim() + axes.length);
            Arrays.sort(dims);
            Tensor y = x;
            for (int d : dims) y = y.unsqueeze(d);
            return y;
        });
        r.single("Transpose", c -> {
            Tensor x = c.in(0);
            long[] perm = c.ints("perm");
            int[] p = new int[x.dim()];
            for (int i = 0; i < p.length; i++) p[i] = perm == null ? p.length - 1 - i : Util.axis(perm[i], x.dim());
            return x.permute(p);
        });
        r.single("Concat", c -> {
            List<Tensor> xs = c.ins(0);
            return Torch.cat(xs, Util.axis(c.opset() < 4 ? c.i("axis", 1) : c.i("axis"), xs.get(0).dim()));
        });
        r.op("Split", ShapeOps::split);
        r.single("Slice", ShapeOps::slice);
        r.single("Expand", c -> {
            Tensor x = c.in(0);
            return x.expand(Util.broadcast(x.shape(), c.in(1).toLongArray()));
        });
        r.single("Tile", c -> c.in(0).repeat(c.in(1).toLongArray()));
        r.single("Shape", c -> {
            long[] s = c.in(0).shape();
            int start = clampAxis(c.i("start", 0), s.length), end = clampAxis(c.i("end", s.length), s.length);
            return Util.longs(Arrays.copyOfRange(s, start, Math.max(start, end)), c.in(0));
        });
        r.single("Size", c -> Torch.scalarTensor(c.in(0).numel()).to(c.in(0).device()));
        r.single("ConstantOfShape", c -> {
            long[] shape = c.in(0).toLongArray();
            Tensor v = c.tensor("value");
            if (v == null) return Torch.zeros(shape, DType.FLOAT32, c.in(0).device());
            return v.reshape(Util.fill(shape.length, 1)).expand(shape).contiguous().to(c.in(0).device());
        });
        r.single("Range", ShapeOps::range);
        r.single("EyeLike", c -> {
            Tensor x = c.in(0);
            DType dtype = c.hasAttr("dtype") ? ElemType.toDType((int) c.i("dtype")) : x.dtype();
            Tensor rows = Torch.arange(x.size(0)).unsqueeze(1), cols = Torch.arange(x.size(1)).unsqueeze(0);
            return cols.sub(rows).eq(c.i("k", 0)).to(dtype).to(x.device());
        });
        r.single("Trilu", c -> {
            long k = c.has(1) ? c.in(1).toLongArray()[0] : 0;
            return c.i("upper", 1) != 0 ? c.in(0).triu(k) : c.in(0).tril(k);
        });
        r.single("Where", c -> Torch.where(c.in(0).toBool(), c.in(1), c.in(2)));
        r.op("Cast", c -> new Object[] {castValue(c.value(0), c.isString("to") ? legacyType(c.s("to", "")) : (int) c.i("to"))});
        r.op("CastLike", c -> new Object[] {castValue(c.value(0), c.value(1) instanceof StringTensor
                ? ElemType.STRING : ElemType.fromDType(c.in(1).dtype()))});
        r.single("NonZero", c -> {
            Tensor x = c.in(0);
            if (x.dim() == 0) x = x.reshape(1);
            return x.nonzero().t().contiguous();
        });
        r.single("DepthToSpace", c -> {
            Tensor x = c.in(0);
            long b = c.i("blocksize"), n = x.size(0), ch = x.size(1), h = x.size(2), w = x.size(3);
            Tensor y = c.s("mode", "DCR").equals("DCR")
                    ? x.reshape(n, b, b, ch / (b * b), h, w).permute(0, 3, 4, 1, 5, 2)
                    : x.reshape(n, ch / (b * b), b, b, h, w).permute(0, 1, 4, 2, 5, 3);
            return y.reshape(n, ch / (b * b), h * b, w * b);
        });
        r.single("SpaceToDepth", c -> {
            Tensor x = c.in(0);
            long b = c.i("blocksize"), n = x.size(0), ch = x.size(1), h = x.size(2), w = x.size(3);
            return x.reshape(n, ch, h / b, b, w / b, b).permute(0, 3, 5, 1, 2, 4).reshape(n, ch * b * b, h / b, w / b);
        });
        r.single("Pad", Pad::pad);
    }

    private static int clampAxis(long a, int rank) {
        long v = a < 0 ? a + rank : a;
        return (int) Math.max(0, Math.min(rank, v));
    }

    private static Tensor constant(OpCall c) {
        Tensor t = c.tensor("value");
        if (t == null) t = c.tensor("sparse_value");
        if (t != null) return t;
        if (c.hasAttr("value_float")) return Torch.full(new long[0], c.f("value_float", 0), DType.FLOAT32);
        if (c.hasAttr("value_int")) return Torch.scalarTensor(c.i("value_int"));
        if (c.hasAttr("value_floats")) {
            double[] v = c.floats("value_floats");
            return Torch.tensor(v, v.length).to(DType.FLOAT32);
        }
        if (c.hasAttr("value_ints")) {
            long[] v = c.ints("value_ints");
            return Torch.tensor(v, v.length);
        }
        throw c.unsupported("a Constant without a numeric value attribute (strings?)");
    }

    private static Tensor reshape(OpCall c) {
        Tensor x = c.in(0);
        long[] shape = c.opset() >= 5 ? c.in(1).toLongArray() : c.ints("shape");
        shape = shape.clone();
        boolean allowZero = c.i("allowzero", 0) != 0;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0 && !allowZero) {
                if (i >= x.dim()) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " copies dimension " + i + " of a rank " + x.dim() + " tensor");
                shape[i] = x.size(i);
            }
        }
        return x.reshape(shape);
    }

    private static Object[] split(OpCall c) {
        Tensor x = c.in(0);
        int axis = Util.axis(c.i("axis", 0), x.dim());
        long[] sizes = c.opset() >= 13 ? c.longs(1) : c.hasAttr("split") ? c.ints("split") : c.longs(1);
        long n = x.size(axis);
        if (sizes == null) {
            int parts = c.hasAttr("num_outputs") ? (int) c.i("num_outputs") : c.outputCount();
            long each = Util.ceilDiv(n, parts);
            sizes = new long[parts];
            for (int i = 0; i < parts; i++) sizes[i] = Math.max(0, Math.min(each, n - i * each));
        }
        return x.splitWithSizes(sizes, axis).toArray();
    }

    private static Tensor slice(OpCall c) {
        Tensor x = c.in(0);
        long[] starts, ends, axes, steps;
        if (c.opset() >= 10) {
            starts = c.in(1).toLongArray();
            ends = c.in(2).toLongArray();
            axes = c.longs(3);
            steps = c.longs(4);
        } else {
            starts = c.ints("starts");
            ends = c.ints("ends");
            axes = c.ints("axes");
            steps = null;
        }
        if (axes == null) axes = Arrays.stream(Util.allAxes(starts.length)).asLongStream().toArray();
        if (steps == null) steps = Util.fill(starts.length, 1);
        Tensor y = x;
        for (int i = 0; i < starts.length; i++) y = slice(y, Util.axis(axes[i], x.dim()), starts[i], ends[i], steps[i]);
        return y;
    }

    /** One axis of ONNX's Slice: negative indices from the end, out-of-range ones clamped, any nonzero step. */
    static Tensor slice(Tensor x, int axis, long start, long end, long step) {
        long dim = x.size(axis);
        if (step == 0) throw new IllegalArgumentException("slice step cannot be 0");
        if (start < 0) start += dim;
        if (end < 0) end += dim;
        if (step > 0) {
            start = Math.max(0, Math.min(dim, start));
            end = Math.max(0, Math.min(dim, end));
            if (end <= start) return x.narrow(axis, 0, 0);
            return x.slice(axis, start, end, step);
        }
        start = Math.max(0, Math.min(dim - 1, start));
        end = Math.max(-1, Math.min(dim - 1, end));
        if (start <= end) return x.narrow(axis, 0, 0);
        long stride = -step, count = Util.ceilDiv(start - end, stride);
        long lo = start - (count - 1) * stride;
        return x.slice(axis, lo, start + 1, stride).flip(axis);
    }

    private static Tensor range(OpCall c) {
        Tensor start = c.in(0), limit = c.in(1), delta = c.in(2);
        DType dtype = start.dtype();
        if (dtype.isFloatingPoint()) {
            double s = start.item(), l = limit.item(), d = delta.item();
            long n = (long) Math.max(Math.ceil((l - s) / d), 0);
            return Torch.arange(n).to(dtype).mul(delta).add(start).to(start.device());
        }
        long s = start.itemLong(), l = limit.itemLong(), d = delta.itemLong();
        if (d == 0) throw new IllegalArgumentException("Range delta cannot be 0");
        long n = Math.max(0, d > 0 ? Util.ceilDiv(l - s, d) : Util.ceilDiv(s - l, -d));
        return Torch.arange(n).mul(d).add(s).to(dtype).to(start.device());
    }

    /** Cast-1 named its target type, e.g. {@code "FLOAT"}. */
    private static int legacyType(String name) {
        for (int code = 1; code <= 16; code++) {
            if (ElemType.name(code).toUpperCase(java.util.Locale.ROOT).equals(name)) return code;
        }
        throw new IllegalArgumentException("unknown Cast type '" + name + "'");
    }

    /** Cast of a tensor or a string tensor (from and to strings: see {@link Strings}). */
    private static Object castValue(Object x, int to) {
        if (x instanceof StringTensor s) return Strings.parse(s, to);
        if (!(x instanceof Tensor t)) throw new IllegalArgumentException("input 0 must be a tensor, got " + Values.describe(x));
        return to == ElemType.STRING ? Strings.format(t) : cast(t, to);
    }

    /** ONNX Cast. Float32 to bfloat16 truncates the mantissa, as ONNX 1.12's reference does. */
    static Tensor cast(Tensor x, int to) {
        DType dtype = ElemType.toDType(to);
        if (dtype == DType.BFLOAT16 && x.dtype() == DType.FLOAT32) return Bits.truncateToBFloat16(x);
        return x.to(dtype);
    }
}
