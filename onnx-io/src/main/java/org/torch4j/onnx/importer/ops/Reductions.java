package org.torch4j.onnx.importer.ops;

import java.util.Arrays;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/** The Reduce* operators, ArgMax/ArgMin and CumSum; results keep the input's dtype. */
public final class Reductions {
    private Reductions() {}

    /** A reduction over the given dims (never empty) of a tensor of rank at least 1. */
    private interface Reduce {
        Tensor apply(Tensor x, int[] dims, boolean keep);
    }

    public static void register(OpRegistry.Builder r) {
        reduce(r, "ReduceSum", 13, Tensor::sum);
        reduce(r, "ReduceMean", 18, Tensor::mean);
        reduce(r, "ReduceMax", 18, Tensor::amax);
        reduce(r, "ReduceMin", 18, Tensor::amin);
        reduce(r, "ReduceProd", 18, Reductions::prod);
        reduce(r, "ReduceL1", 18, (x, d, k) -> x.abs().sum(d, k));
        reduce(r, "ReduceL2", 18, (x, d, k) -> x.mul(x).sum(d, k).sqrt());
        reduce(r, "ReduceSumSquare", 18, (x, d, k) -> x.mul(x).sum(d, k));
        reduce(r, "ReduceLogSum", 18, (x, d, k) -> x.sum(d, k).log());
        reduce(r, "ReduceLogSumExp", 18, Tensor::logsumexp);
        r.single("ArgMax", c -> arg(c, true));
        r.single("ArgMin", c -> arg(c, false));
        r.single("CumSum", Reductions::cumsum);
    }

    /** Registers a reduction whose axes moved from an attribute to input 1 in {@code axesInputSince}. */
    private static void reduce(OpRegistry.Builder r, String name, int axesInputSince, Reduce f) {
        r.single(name, c -> {
            Tensor x = c.in(0);
            long[] axes = c.opset() >= axesInputSince ? c.longs(1) : c.ints("axes");
            boolean keep = c.i("keepdims", 1) != 0;
            if (axes == null || axes.length == 0) {
                if (c.i("noop_with_empty_axes", 0) != 0) return x.clone();
                axes = Arrays.stream(Util.allAxes(x.dim())).asLongStream().toArray();
            }
            if (x.dim() == 0) return x.clone();
            int[] dims = Arrays.stream(Util.axes(axes, x.dim())).distinct().toArray();
            return Util.cast(f.apply(x, dims, keep), x.dtype());
        });
    }

    private static Tensor prod(Tensor x, int[] dims, boolean keep) {
        int[] sorted = dims.clone();
        Arrays.sort(sorted);
        Tensor y = x;
        for (int i = sorted.length - 1; i >= 0; i--) y = y.prod(sorted[i], keep);
        return y;
    }

    private static Tensor arg(OpCall c, boolean max) {
        Tensor x = c.in(0);
        int axis = Util.axis(c.i("axis", 0), x.dim());
        boolean keep = c.i("keepdims", 1) != 0;
        if (c.i("select_last_index", 0) == 0) return max ? x.argmax(axis, keep) : x.argmin(axis, keep);
        Tensor flipped = x.flip(axis);
        Tensor idx = max ? flipped.argmax(axis, keep) : flipped.argmin(axis, keep);
        return idx.neg().add(x.size(axis) - 1);
    }

    private static Tensor cumsum(OpCall c) {
        Tensor x = c.in(0);
        int axis = Util.axis(c.in(1).toLongArray()[0], x.dim());
        boolean reverse = c.i("reverse", 0) != 0;
        Tensor y = reverse ? x.flip(axis) : x;
        y = y.cumsum(axis);
        if (c.i("exclusive", 0) != 0) {
            long[] one = x.shape();
            one[axis] = 1;
            y = Torch.cat(List.of(Torch.zeros(one, y.dtype(), y.device()), y.narrow(axis, 0, x.size(axis) - 1)), axis);
        }
        return Util.cast(reverse ? y.flip(axis) : y, x.dtype());
    }
}
