package org.torch4j.onnx.export.symbolics;

import static org.torch4j.onnx.export.GraphBuilder.attr;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.onnx.export.GraphBuilder;
import org.torch4j.onnx.export.SymbolicTable;

/** Linear algebra: linear (Gemm for 2-d inputs, MatMul otherwise), mm, bmm, matmul, addmm, einsum. */
public final class LinearSymbolics {
    private LinearSymbolics() {}

    /** Registers the family. */
    public static void register(SymbolicTable t) {
        t.put("aten::linear", (c, g) -> {
            Tensor x = c.tensor(0), b = c.tensor(2);
            g.result(c, linear(g, x.dim(), g.value(x), g.value(c.tensor(1)), b == null ? null : g.value(b)));
        });
        for (String op : new String[] {"aten::mm", "aten::bmm", "aten::matmul"}) {
            t.put(op, (c, g) -> g.result(c, g.node("MatMul", List.of(g.value(c.tensor(0), c.out().dtype()),
                    g.value(c.tensor(1), c.out().dtype())))));
        }
        t.put("aten::addmm", (c, g) -> g.result(c, g.node("Gemm", List.of(g.value(c.tensor(1)), g.value(c.tensor(2)),
                g.value(c.tensor(0), c.out().dtype())), attr("beta", c.dbl(3)), attr("alpha", c.dbl(4)))));
        t.put("aten::einsum", (c, g) -> {
            List<String> in = new ArrayList<>();
            for (Object o : (List<?>) c.args()[1]) in.add(g.value((Tensor) o, c.out().dtype()));
            g.result(c, g.node("Einsum", in, attr("equation", c.str(0).replace(" ", ""))));
        });
    }

    /**
     * {@code x W^T + b} as PyTorch's {@code linear} symbolic writes it: Gemm for a 2-d input with a bias, else MatMul
     * with the transposed weight and an Add.
     *
     * @param g the graph
     * @param xDim the input's number of dims
     * @param x the input
     * @param w the weight {@code (out, in)}
     * @param b the bias, or null
     * @return the output's name
     */
    public static String linear(GraphBuilder g, int xDim, String x, String w, String b) {
        if (xDim == 2 && b != null) return g.node("Gemm", List.of(x, w, b), attr("transB", 1));
        String r = g.node("MatMul", List.of(x, g.node("Transpose", List.of(w), attr("perm", new long[] {1, 0}))));
        return b == null ? r : g.node("Add", List.of(r, b));
    }
}
