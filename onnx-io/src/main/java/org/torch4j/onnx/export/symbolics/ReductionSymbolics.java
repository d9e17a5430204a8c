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
 * Reductions (sum, mean, amax, amin) and softmax/log-softmax. Opsets differ here: ReduceSum takes
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
        t.put("aten::softmax", (c, g) -> softmax(c, g, "Softmax"));
        t.put("aten::log_softmax", (c, g) -> softmax(c, g, "LogSoftmax"));
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
