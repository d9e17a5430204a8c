package org.torch4j.onnx.importer.ops;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/** Gathers and scatters, with ONNX's negative indices (counted from the end). */
public final class Indexing {
    private Indexing() {}

    public static void register(OpRegistry.Builder r) {
        r.single("Gather", c -> {
            Tensor x = c.in(0), idx = c.in(1);
            int axis = Util.axis(c.i("axis", 0), x.dim());
            Tensor flat = Util.wrapIndices(idx, x.size(axis)).reshape(-1);
            long[] s = x.shape(), is = idx.shape();
            long[] shape = new long[s.length - 1 + is.length];
            System.arraycopy(s, 0, shape, 0, axis);
            System.arraycopy(is, 0, shape, axis, is.length);
            System.arraycopy(s, axis + 1, shape, axis + is.length, s.length - axis - 1);
            return x.indexSelect(axis, flat).reshape(shape);
        });
        r.single("GatherElements", c -> {
            Tensor x = c.in(0);
            int axis = Util.axis(c.i("axis", 0), x.dim());
            return x.gather(axis, Util.wrapIndices(c.in(1), x.size(axis)));
        });
        r.single("ScatterElements", Indexing::scatterElements);
        r.single("Scatter", Indexing::scatterElements);
        r.single("GatherND", Indexing::gatherND);
        r.single("ScatterND", Indexing::scatterND);
        r.single("OneHot", c -> {
            Tensor idx = c.in(0), values = c.in(2);
            long depth = (long) c.in(1).reshape(-1).get(0).item();
            int axis = Util.axis(c.i("axis", -1), idx.dim() + 1);
            Tensor i = Util.wrapIndices(idx.to(DType.INT64), depth).unsqueeze(axis);
            long[] shape = Util.fill(idx.dim() + 1, 1);
            shape[axis] = depth;
            Tensor classes = Torch.arange(depth).reshape(shape).to(idx.device());
            Tensor v = values.reshape(-1);
            return Torch.where(i.eq(classes), v.get(1), v.get(0));
        });
        r.single("Compress", c -> {
            Tensor x = c.in(0);
            boolean[] cond = c.in(1).toBool().toBooleanArray();
            Tensor src = c.hasAttr("axis") ? x : x.reshape(-1);
            int axis = c.hasAttr("axis") ? Util.axis(c.i("axis"), x.dim()) : 0;
            long n = Math.min(cond.length, src.size(axis)), count = 0;
            long[] keep = new long[(int) n];
            for (int k = 0; k < n; k++) if (cond[k]) keep[(int) count++] = k;
            return src.indexSelect(axis, Util.longs(java.util.Arrays.copyOf(keep, (int) count), x));
        });
        r.single("ReverseSequence", c -> {
            Tensor x = c.in(0);
            int batchAxis = (int) c.i("batch_axis", 1), timeAxis = (int) c.i("time_axis", 0);
            long[] lens = c.in(1).toLongArray();
            long t = x.size(timeAxis), b = x.size(batchAxis);
            long[] src = new long[(int) (t * b)]; // [time, batch]: where each output step reads from
            for (int k = 0; k < t; k++) for (int j = 0; j < b; j++) src[(int) (k * b + j)] = k < lens[j] ? lens[j] - 1 - k : k;
            long[] shape = Util.fill(x.dim(), 1);
            shape[timeAxis] = t;
            shape[batchAxis] = b;
            Tensor index = Util.longs(src, x).reshape(t, b);
            if (timeAxis > batchAxis) index = index.t();
            return x.gather(timeAxis, index.reshape(shape).expand(x.shape()).contiguous());
        });
    }

    private static Tensor scatterElements(OpCall c) {
        Tensor x = c.in(0), updates = c.in(2);
        int axis = Util.axis(c.i("axis", 0), x.dim());
        Tensor idx = Util.wrapIndices(c.in(1), x.size(axis));
        return switch (c.s("reduction", "none")) {
            case "none" -> x.scatter(axis, idx, updates);
            case "add" -> x.scatterAdd(axis, idx, updates);
            case "mul" -> x.scatterReduce(axis, idx, updates, "prod");
            case "max" -> x.scatterReduce(axis, idx, updates, "amax");
            case "min" -> x.scatterReduce(axis, idx, updates, "amin");
            default -> throw c.unsupported("reduction '" + c.s("reduction", "") + "'");
        };
    }

    /**
     * Row-major offsets of index tuples (the last dimension of {@code idx}) into the dims
     * {@code from .. from+k} of {@code shape}, negative entries counted from the end.
     */
    private static Tensor linear(Tensor idx, long[] shape, int from) {
        int k = (int) idx.size(idx.dim() - 1);
        long[] strides = new long[k];
        long stride = 1;
        Tensor wrapped = Util.cast(idx, DType.INT64);
        long[] sizes = new long[k];
        for (int j = k - 1; j >= 0; j--) {
            strides[j] = stride;
            sizes[j] = shape[from + j];
            stride *= shape[from + j];
        }
        Tensor size = Util.longs(sizes, idx);
        wrapped = Torch.where(wrapped.lt(0), wrapped.add(size), wrapped);
        return wrapped.mul(Util.longs(strides, idx)).sum(new int[] {idx.dim() - 1}, false);
    }

    private static Tensor gatherND(OpCall c) {
        Tensor x = c.in(0), idx = c.in(1);
        int b = (int) c.i("batch_dims", 0);
        long[] s = x.shape(), is = idx.shape();
        int k = (int) is[is.length - 1];
        long batch = Util.prod(s, 0, b), inner = Util.prod(s, b, b + k);
        long[] tail = java.util.Arrays.copyOfRange(s, b + k, s.length);
        Tensor lin = linear(idx, s, b).reshape(batch, -1);
        Tensor offset = Torch.arange(batch).mul(inner).unsqueeze(1).to(x.device());
        long[] flatShape = new long[1 + tail.length];
        flatShape[0] = batch * inner;
        System.arraycopy(tail, 0, flatShape, 1, tail.length);
        Tensor rows = x.reshape(flatShape).indexSelect(0, lin.add(offset).reshape(-1));
        long[] out = new long[is.length - 1 + tail.length];
        System.arraycopy(is, 0, out, 0, is.length - 1);
        System.arraycopy(tail, 0, out, is.length - 1, tail.length);
        return rows.reshape(out);
    }

    private static Tensor scatterND(OpCall c) {
        Tensor x = c.in(0), idx = c.in(1), updates = c.in(2);
        long[] s = x.shape();
        int k = (int) idx.size(idx.dim() - 1);
        long rows = Util.prod(s, 0, k), row = Util.prod(s, k, s.length);
        Tensor flat = x.reshape(rows, row);
        Tensor lin = linear(idx, s, 0).reshape(-1, 1);
        lin = lin.expand(lin.size(0), row);
        Tensor u = updates.reshape(-1, row);
        Tensor y = switch (c.s("reduction", "none")) {
            case "none" -> flat.scatter(0, lin, u);
            case "add" -> flat.scatterAdd(0, lin, u);
            case "mul" -> flat.scatterReduce(0, lin, u, "prod");
            case "max" -> flat.scatterReduce(0, lin, u, "amax");
            case "min" -> flat.scatterReduce(0, lin, u, "amin");
            default -> throw c.unsupported("reduction '" + c.s("reduction", "") + "'");
        };
        return y.reshape(s);
    }
}
