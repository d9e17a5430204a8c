package org.torch4j.onnx.export.symbolics;

import static org.torch4j.onnx.export.GraphBuilder.attr;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.export.Call;
import org.torch4j.onnx.export.Dyn;
import org.torch4j.onnx.export.GraphBuilder;
import org.torch4j.onnx.export.SymbolicTable;

/**
 * Lookup tables: embedding (Gather) and embedding_bag. A 2-d bag input reduces the gathered rows
 * over each row; a 1-d input with constant offsets sums through a constant bag-membership matrix.
 * Max bags with padding, or with offsets, have no ONNX form here and are refused.
 */
public final class TableSymbolics {
    private TableSymbolics() {}

    /** Registers the family. */
    public static void register(SymbolicTable t) {
        t.put("aten::embedding", (c, g) -> {
            Tensor idx = c.tensor(1);
            String r = g.node("Gather", List.of(g.value(c.tensor(0)), g.value(idx, DType.INT64)), attr("axis", 0));
            g.result(c.out(), r, g.dyn(idx));
        });
        t.put("aten::embedding_bag", TableSymbolics::embeddingBag);
    }

    private static void embeddingBag(Call c, GraphBuilder g) {
        Tensor weight = c.tensor(0), input = c.tensor(1), offsets = c.tensor(2), psw = c.tensor(4);
        String mode = c.str(3);
        Long pad = (Long) c.args()[5];
        if (pad != null && pad < 0) pad += weight.size(0);
        DType dt = weight.dtype();
        String idx = g.value(input, DType.INT64);
        String rows = g.node("Gather", List.of(g.value(weight), idx), attr("axis", 0));
        // per-index weights: 0 at padding indices, times per_sample_weights
        String w = null;
        if (pad != null) {
            if (mode.equals("max")) throw c.refuse("mode 'max' with padding_idx has no ONNX form here");
            String keep = g.node("Not", List.of(g.node("Equal", List.of(idx, g.scalar(pad, DType.INT64)))));
            w = g.node("Unsqueeze", List.of(g.cast(keep, dt), g.longs(-1)));
        }
        if (psw != null) {
            String p = g.node("Unsqueeze", List.of(g.value(psw, dt), g.longs(-1)));
            w = w == null ? p : g.node("Mul", List.of(w, p));
        }
        String weighted = w == null ? rows : g.node("Mul", List.of(rows, w));
        String r;
        if (input.dim() == 2) {
            String axes = g.longs(1);
            r = switch (mode) {
                case "sum" -> g.node("ReduceSum", List.of(weighted, axes), attr("keepdims", 0));
                case "mean" -> {
                    if (w == null) yield g.opset() >= 18 ? g.node("ReduceMean", List.of(rows, axes), attr("keepdims", 0))
                            : g.node("ReduceMean", List.of(rows), attr("axes", new long[] {1}), attr("keepdims", 0));
                    String count = g.node("ReduceSum", List.of(w, axes), attr("keepdims", 0));
                    yield g.node("Div", List.of(g.node("ReduceSum", List.of(weighted, axes), attr("keepdims", 0)),
                            g.node("Max", List.of(count, g.scalar(1, dt)))));
                }
                case "max" -> g.opset() >= 18 ? g.node("ReduceMax", List.of(rows, axes), attr("keepdims", 0))
                        : g.node("ReduceMax", List.of(rows), attr("axes", new long[] {1}), attr("keepdims", 0));
                default -> throw c.refuse("unknown mode " + mode);
            };
            Dyn d = g.dyn(input);
            g.result(c.out(), r, d != null && d.axis() == 0 ? d : null);
            return;
        }
        if (offsets == null || g.isGraphValue(offsets) || g.fromInputs(offsets)) {
            throw c.refuse("a 1-d input needs constant offsets (the bag layout is fixed in the graph)");
        }
        if (mode.equals("max")) throw c.refuse("mode 'max' with offsets has no ONNX form here");
        long n = input.size(0);
        long[] off = offsets.toLongArray();
        float[] m = new float[(int) (off.length * n)];
        for (int i = 0; i < off.length; i++) {
            long end = i + 1 < off.length ? off[i + 1] : n;
            for (long j = off[i]; j < end; j++) m[(int) (i * n + j)] = 1;
        }
        String member = g.constant(Torch.tensor(m, off.length, n).to(dt));
        r = g.node("MatMul", List.of(member, weighted));
        if (mode.equals("mean")) {
            String counts = w == null ? g.constant(Torch.tensor(m, off.length, n).to(dt).sum(new int[] {1}, true))
                    : g.node("MatMul", List.of(member, w));
            r = g.node("Div", List.of(r, g.node("Max", List.of(counts, g.scalar(1, dt)))));
        }
        g.result(c.out(), r, null);
    }
}
