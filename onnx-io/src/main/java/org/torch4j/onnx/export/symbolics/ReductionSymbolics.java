package org.torch4j.onnx.export.symbolics;

import static org.torch4j.onnx.export.GraphBuilder.attr;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.onnx.export.Call;
import org.torch4j.onnx.export.Dyn;
import org.torch4j.onnx.export.GraphBuilder;
import org.torch4j.onnx.export.SymbolicTable;

/**
 * Reductions (sum, mean, amax, amin, var, argmax/argmin, max/min along a dim with indices) and
 * softmax/log-softmax. Opsets differ here: ReduceSum takes
 * its axes as an input from opset 13, the other Reduce ops only from opset 18 (an attribute before).
 */
public final class ReductionSymbolics {
    private ReductionSymbolics() {}

    /** Registers the family. */
    public static void register(SymbolicTable t) {
        t.put("aten::sum", (c, g) -> reduce(c, g, "ReduceSum", 13, c.out().dtype()));
        t.put("aten::mean", (c, g) -> reduce(c, g, "ReduceMean", 18, c.out().dtype()));
        t.put("aten::amax", (c, g) -> reduce(c, g, "ReduceMax", 18, c.tensor(0).dtype()));
        t.put("aten::amin", (c, g) -> reduce(c, g, "ReduceMin", 18, c.tensor(0).dtype()));
        t.put("aten::argmax", (c, g) -> arg(c, g, "ArgMax"));
        t.put("aten::argmin", (c, g) -> arg(c, g, "ArgMin"));
        t.put("aten::max_dim", (c, g) -> valuesIndices(c, g, "ReduceMax", "ArgMax"));
        t.put("aten::min_dim", (c, g) -> valuesIndices(c, g, "ReduceMin", "ArgMin"));
        t.put("aten::var", ReductionSymbolics::var);
        t.put("aten::softmax", (c, g) -> softmax(c, g, "Softmax"));
        t.put("aten::log_softmax", (c, g) -> softmax(c, g, "LogSoftmax"));
    }

    /** argmax/argmin along a dim, or over the flattened tensor when the dim is null (first index on ties, as PyTorch). */
    private static void arg(Call c, GraphBuilder g, String op) {
        Tensor x = c.tensor(0), out = c.out();
        Integer dim = (Integer) c.args()[1];
        boolean keep = c.bool(2);
        if (dim == null) {
            String flat = g.node("Reshape", List.of(g.value(x), g.longs(-1)));
            String r = g.node(op, List.of(flat), attr("axis", 0), attr("keepdims", 0));
            g.result(out, g.node("Reshape", List.of(r, g.longs(out.shape()))), null);
            return;
        }
        int d = x.dim() == 0 ? 0 : ShapeSymbolics.wrap(dim, x.dim());
        String r = g.node(op, List.of(g.value(x)), attr("axis", d), attr("keepdims", keep ? 1 : 0), attr("select_last_index", 0));
        g.result(out, r, kept(g.dyn(x), d, keep));
    }

    /** max/min along a dim: the values (Reduce) and their first indices (Arg). */
    private static void valuesIndices(Call c, GraphBuilder g, String reduce, String arg) {
        Tensor x = c.tensor(0);
        int d = x.dim() == 0 ? 0 : ShapeSymbolics.wrap(c.integer(1), x.dim());
        boolean keep = c.bool(2);
        String xv = g.value(x);
        String values = g.opset() >= 18
                ? g.node(reduce, List.of(xv, g.longs(d)), attr("keepdims", keep ? 1 : 0))
                : g.node(reduce, List.of(xv), attr("axes", new long[] {d}), attr("keepdims", keep ? 1 : 0));
        String indices = g.node(arg, List.of(xv), attr("axis", d), attr("keepdims", keep ? 1 : 0), attr("select_last_index", 0));
        Dyn nd = kept(g.dyn(x), d, keep);
        g.result(c.outs().get(0), values, nd);
        g.result(c.outs().get(1), indices, nd);
    }

    /** var with a correction (Bessel's for 1): mean of squared deviations times n / (n - correction). */
    private static void var(Call c, GraphBuilder g) {
        Tensor x = c.tensor(0);
        int[] dims = c.ints(1);
        boolean keep = c.bool(3);
        List<Long> axes = new ArrayList<>();
        if (dims == null || dims.length == 0) for (int i = 0; i < x.dim(); i++) axes.add((long) i);
        else for (int d : dims) axes.add((long) ShapeSymbolics.wrap(d, x.dim()));
        long[] ax = axes.stream().mapToLong(Long::longValue).toArray();
        long n = 1;
        for (long a : ax) n *= x.size((int) a);
        Dyn d = g.dyn(x);
        if (d != null && axes.contains((long) d.axis())) throw c.refuse("a variance over the dynamic batch dim needs its size; reduce other dims");
        String xv = g.value(x);
        String mean = g.opset() >= 18 ? g.node("ReduceMean", List.of(xv, g.longs(ax)), attr("keepdims", 1))
                : g.node("ReduceMean", List.of(xv), attr("axes", ax), attr("keepdims", 1));
        String dev = g.node("Sub", List.of(xv, mean));
        String sq = g.node("Mul", List.of(dev, dev));
        String sum = g.node("ReduceSum", List.of(sq, g.longs(ax)), attr("keepdims", keep ? 1 : 0));
        String r = g.node("Div", List.of(sum, g.scalar(Math.max(0, n - c.dbl(2)), x.dtype())));
        Dyn nd = null;
        if (d != null) nd = keep ? d : d.moved(d.axis() - (int) axes.stream().filter(a -> a < d.axis()).count());
        g.result(c.out(), r, nd);
    }

    private static Dyn kept(Dyn d, int dim, boolean keep) {
        if (d == null || d.axis() == dim) return null;
        return keep || d.axis() < dim ? d : d.moved(d.axis() - 1);
    }

    private static void softmax(Call c, GraphBuilder g, String op) {
        Tensor x = c.tensor(0);
        int dim = x.dim() == 0 ? 0 : ShapeSymbolics.wrap(c.integer(1), x.dim());
        g.result(c.out(), g.node(op, List.of(g.value(x, c.out().dtype())), attr("axis", dim)), g.dyn(x));
    }

    /** A Reduce op over the given dims (all when none), axes as input from {@code axesInputFrom}. */
    static void reduce(Call c, GraphBuilder g, String op, int axesInputFrom, DType dtype) {
        Tensor x = c.tensor(0);
        int[] dims = c.ints(1);
        boolean keep = c.bool(2);
        List<Long> axes = new ArrayList<>();
        if (dims == null || dims.length == 0) for (int i = 0; i < x.dim(); i++) axes.add((long) i);
        else for (int d : dims) axes.add((long) ShapeSymbolics.wrap(d, x.dim()));
        long[] ax = axes.stream().mapToLong(Long::longValue).toArray();
        String in = g.value(x, dtype);
        String r = g.opset() >= axesInputFrom
                ? g.node(op, List.of(in, g.longs(ax)), attr("keepdims", keep ? 1 : 0))
                : g.node(op, List.of(in), attr("axes", ax), attr("keepdims", keep ? 1 : 0));
        Dyn d = g.dyn(x), nd = null;
        if (d != null && !axes.contains((long) d.axis())) {
            nd = keep ? d : d.moved(d.axis() - (int) axes.stream().filter(a -> a < d.axis()).count());
        }
        g.result(c.out(), r, nd);
    }
}
