package org.torch4j.onnx.export.symbolics;

import static org.torch4j.onnx.export.GraphBuilder.attr;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.export.Call;
import org.torch4j.onnx.export.GraphBuilder;
import org.torch4j.onnx.export.SymbolicTable;
import org.torch4j.trace.Trace;

/**
 * Normalisation: batch norm with running statistics (BatchNormalization), layer norm
 * (LayerNormalization from opset 17, its formula before), group norm (InstanceNormalization over
 * the groups, then the per-channel affine) and instance norm. Batch statistics of a model in
 * training mode are refused: as PyTorch, export runs the model in eval mode.
 */
public final class NormSymbolics {
    private NormSymbolics() {}

    /** Registers the family. */
    public static void register(SymbolicTable t) {
        t.put("aten::batch_norm", (c, g) -> {
            Tensor x = c.tensor(0), rm = c.tensor(3), rv = c.tensor(4);
            if (c.bool(5) || rm == null) {
                throw c.refuse("batch statistics (training mode, or no running statistics) are not exportable; export the "
                        + "module in eval mode (Onnx.export does, as torch.onnx.export with TrainingMode.EVAL)");
            }
            long ch = x.size(1);
            String r = g.node("BatchNormalization", List.of(g.value(x), scaleOrOnes(g, c.tensor(1), ch, x),
                    biasOrZeros(g, c.tensor(2), ch, x), g.value(rm, x.dtype()), g.value(rv, x.dtype())), attr("epsilon", c.dbl(7)));
            g.result(c, r);
        });
        t.put("aten::instance_norm", (c, g) -> {
            Tensor x = c.tensor(0);
            boolean unbatched = x.dim() == c.lng(8) + 1; // the module's spatial dims, recorded after eps
            String xv = g.value(x);
            if (unbatched) xv = g.node("Unsqueeze", List.of(xv, g.longs(0)));
            long ch = x.size(unbatched ? 0 : 1);
            String scale = scaleOrOnes(g, c.tensor(1), ch, x), bias = biasOrZeros(g, c.tensor(2), ch, x);
            String r = c.bool(5)
                    ? g.node("InstanceNormalization", List.of(xv, scale, bias), attr("epsilon", c.dbl(7)))
                    : g.node("BatchNormalization", List.of(xv, scale, bias, g.value(c.tensor(3)), g.value(c.tensor(4))),
                            attr("epsilon", c.dbl(7)));
            g.result(c.out(), unbatched ? g.node("Squeeze", List.of(r, g.longs(0))) : r, unbatched ? null : g.dyn(x));
        });
        t.put("aten::layer_norm", (c, g) -> {
            Tensor x = c.tensor(0), w = c.tensor(2), b = c.tensor(3);
            long[] shape = c.longs(1);
            double eps = c.dbl(4);
            String xv = g.value(x);
            String r;
            if (g.opset() >= 17) {
                List<String> in = new ArrayList<>(List.of(xv, w != null ? g.value(w)
                        : g.constant(Trace.suspended(() -> Torch.ones(shape, x.dtype())))));
                if (b != null) in.add(g.value(b));
                r = g.node("LayerNormalization", in, attr("axis", -shape.length), attr("epsilon", eps));
            } else {
                long[] axes = new long[shape.length];
                for (int i = 0; i < axes.length; i++) axes[i] = x.dim() - shape.length + i;
                String mean = g.node("ReduceMean", List.of(xv), attr("axes", axes));
                String centered = g.node("Sub", List.of(xv, mean));
                String var = g.node("ReduceMean", List.of(g.node("Mul", List.of(centered, centered))), attr("axes", axes));
                String std = g.node("Sqrt", List.of(g.node("Add", List.of(var, g.scalar(eps, x.dtype())))));
                r = g.node("Div", List.of(centered, std));
                if (w != null) r = g.node("Mul", List.of(r, g.value(w)));
                if (b != null) r = g.node("Add", List.of(r, g.value(b)));
            }
            g.result(c.out(), r, g.dyn(x));
        });
        t.put("aten::group_norm", (c, g) -> {
            Tensor x = c.tensor(0), w = c.tensor(2), b = c.tensor(3);
            long groups = c.lng(1);
            String xv = g.value(x);
            // [N, G, rest] (0 keeps the dynamic N), normalised per group, back to the input's shape
            String grouped = g.node("Reshape", List.of(xv, g.longs(0, groups, -1)));
            String norm = g.node("InstanceNormalization", List.of(grouped,
                    g.constant(Trace.suspended(() -> Torch.ones(new long[] {groups}, x.dtype()))),
                    g.constant(Trace.suspended(() -> Torch.zeros(new long[] {groups}, x.dtype())))), attr("epsilon", c.dbl(4)));
            String r = g.node("Reshape", List.of(norm, g.node("Shape", List.of(xv))));
            long[] axes = new long[x.dim() - 2];
            for (int i = 0; i < axes.length; i++) axes[i] = i + 1;
            if (w != null) r = g.node("Mul", List.of(r, perChannel(g, g.value(w), axes)));
            if (b != null) r = g.node("Add", List.of(r, perChannel(g, g.value(b), axes)));
            g.result(c.out(), r, g.dyn(x));
        });
    }

    /** [C] as [C, 1, ...] so that it broadcasts over [N, C, spatial...]. */
    private static String perChannel(GraphBuilder g, String v, long[] axes) {
        return axes.length == 0 ? v : g.node("Unsqueeze", List.of(v, g.longs(axes)));
    }

    private static String scaleOrOnes(GraphBuilder g, Tensor w, long c, Tensor like) {
        return w != null ? g.value(w, like.dtype()) : g.constant(Trace.suspended(() -> Torch.ones(new long[] {c}, like.dtype())));
    }

    private static String biasOrZeros(GraphBuilder g, Tensor b, long c, Tensor like) {
        return b != null ? g.value(b, like.dtype()) : g.constant(Trace.suspended(() -> Torch.zeros(new long[] {c}, like.dtype())));
    }

}
