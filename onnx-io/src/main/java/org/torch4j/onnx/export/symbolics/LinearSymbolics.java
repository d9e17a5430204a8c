package org.torch4j.onnx.export.symbolics;

import static org.torch4j.onnx.export.GraphBuilder.attr;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.onnx.export.SymbolicTable;

/** Linear algebra: linear (Gemm for 2-d inputs, MatMul otherwise), mm, bmm, matmul, addmm, einsum. */
public final class LinearSymbolics {
    private LinearSymbolics() {}

    /** Registers the family. */
    public static void register(SymbolicTable t) {
        t.put("aten::linear", (c, g) -> {
            Tensor x = c.tensor(0), w = c.tensor(1), b = c.tensor(2);
            String r;
            if (x.dim() == 2 && b != null) {
                r = g.node("Gemm", List.of(g.value(x), g.value(w), g.value(b)), attr("transB", 1));
            } else {
                r = g.node("MatMul", List.of(g.value(x), g.node("Transpose", List.of(g.value(w)), attr("perm", new long[] {1, 0}))));
                if (b != null) r = g.node("Add", List.of(r, g.value(b)));
            }
            g.result(c, r);
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
}
