package org.torch4j.conformance;

import static org.torch4j.conformance.NnCases.ds;
import static org.torch4j.conformance.NnCases.ls;

import java.util.List;
import java.util.Map;
import org.torch4j.ValuesIndices;
import org.torch4j.nn.AdaptiveLogSoftmaxWithLoss;
import org.torch4j.nn.CrossMapLRN2d;
import org.torch4j.nn.F;
import org.torch4j.nn.FractionalMaxPool2d;
import org.torch4j.nn.FractionalMaxPool3d;
import org.torch4j.nn.Identity;

/**
 * The kinds of {@code nn3_layers.json} (see {@code tools/gen_nn3_reference.py}): the third round of nn
 * modules and functions, built as {@link NnCases} builds the others.
 */
final class Nn3Cases {
    private Nn3Cases() {}

    static NnCases.Built build(String kind, Map<String, Object> a) {
        return switch (kind) {
            case "F.fractional_max_pool2d_with_indices" -> new NnCases.Built(new Identity(), (m, in) -> pair(
                    F.fractionalMaxPool2dWithIndices(in.get(0), ls(a, "kernel_size"), ls(a, "output_size"), ds(a, "output_ratio"), in.get(1))));
            case "F.fractional_max_pool3d_with_indices" -> new NnCases.Built(new Identity(), (m, in) -> pair(
                    F.fractionalMaxPool3dWithIndices(in.get(0), ls(a, "kernel_size"), ls(a, "output_size"), ds(a, "output_ratio"), in.get(1))));
            case "FractionalMaxPool2d" -> new NnCases.Built(new FractionalMaxPool2d(ls(a, "kernel_size"), ls(a, "output_size"),
                    ds(a, "output_ratio"), null), NnCases.single());
            case "FractionalMaxPool3d" -> new NnCases.Built(new FractionalMaxPool3d(ls(a, "kernel_size"), ls(a, "output_size"),
                    ds(a, "output_ratio"), null), NnCases.single());
            case "CrossMapLRN2d" -> new NnCases.Built(new CrossMapLRN2d((int) NnCases.l(a, "size"), NnCases.d(a, "alpha"),
                    NnCases.d(a, "beta"), NnCases.d(a, "k")), NnCases.single());
            case "AdaptiveLogSoftmaxWithLoss" -> new NnCases.Built(adaptive(a), (m, in) -> {
                AdaptiveLogSoftmaxWithLoss.Output o = ((AdaptiveLogSoftmaxWithLoss) m).call(in.get(0), in.get(1));
                return List.of(o.output(), o.loss());
            });
            case "AdaptiveLogSoftmaxWithLoss.log_prob" -> new NnCases.Built(adaptive(a), (m, in) -> List.of(
                    ((AdaptiveLogSoftmaxWithLoss) m).logProb(in.get(0)), ((AdaptiveLogSoftmaxWithLoss) m).predict(in.get(0))));
            default -> throw new IllegalArgumentException("unknown case kind " + kind);
        };
    }

    private static AdaptiveLogSoftmaxWithLoss adaptive(Map<String, Object> a) {
        return new AdaptiveLogSoftmaxWithLoss(NnCases.l(a, "in_features"), NnCases.l(a, "n_classes"), ls(a, "cutoffs"),
                NnCases.d(a, "div_value"), NnCases.b(a, "head_bias"));
    }

    private static List<org.torch4j.Tensor> pair(ValuesIndices r) {
        return List.of(r.values(), r.indices());
    }
}
