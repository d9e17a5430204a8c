package org.torch4j.onnx.export.symbolics;

import static org.torch4j.onnx.export.GraphBuilder.attr;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.nn.Reduction;
import org.torch4j.onnx.export.Call;
import org.torch4j.onnx.export.Dyn;
import org.torch4j.onnx.export.GraphBuilder;
import org.torch4j.onnx.export.SymbolicTable;

/**
 * Losses with an ONNX operator: cross entropy on class indices (SoftmaxCrossEntropyLoss) and NLL
 * (NegativeLogLikelihoodLoss), with class weights, ignore_index and reduction. Elementwise losses
 * (MSE, L1, ...) export through their ops. Label smoothing and probability targets are refused.
 */
public final class LossSymbolics {
    private LossSymbolics() {}

    /** Registers the family. */
    public static void register(SymbolicTable t) {
        t.put("aten::cross_entropy_loss", (c, g) -> {
            if (c.dbl(5) != 0) throw c.refuse("label_smoothing has no ONNX SoftmaxCrossEntropyLoss form");
            loss(c, g, "SoftmaxCrossEntropyLoss");
        });
        t.put("aten::nll_loss", (c, g) -> loss(c, g, "NegativeLogLikelihoodLoss"));
    }

    private static void loss(Call c, GraphBuilder g, String op) {
        Tensor input = c.tensor(0), target = c.tensor(1), weight = c.tensor(2);
        if (target.isFloatingPoint()) throw c.refuse("probability targets have no ONNX form; give class indices");
        if (input.dim() < 2) throw c.refuse("an unbatched [C] input; give a batch dim");
        Reduction red = (Reduction) c.args()[3];
        List<String> in = new ArrayList<>(List.of(g.value(input), g.value(target, DType.INT64)));
        if (weight != null) in.add(g.value(weight, input.dtype()));
        String r = g.node(op, in, attr("reduction", red.name().toLowerCase()), attr("ignore_index", c.lng(4)));
        Dyn d = g.dyn(input);
        g.result(c.out(), r, red == Reduction.NONE && d != null && d.axis() == 0 ? d : null);
    }
}
