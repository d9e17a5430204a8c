package org.torch4j.conformance;

import static org.torch4j.conformance.NnCases.b;
import static org.torch4j.conformance.NnCases.d;
import static org.torch4j.conformance.NnCases.i;
import static org.torch4j.conformance.NnCases.l;
import static org.torch4j.conformance.NnCases.ls;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.nn.*;
import org.torch4j.nn.Module;

/**
 * The kinds of {@code options_layers.json} and {@code options_modules.json} (the options and modules of
 * {@code tools/gen_nn_options_reference.py}), built and run as {@link NnCases} does the others; the
 * kinds {@link NnExtraCases} does not know end here.
 */
final class NnOptionsCases {
    private NnOptionsCases() {}

    static NnCases.Built build(String kind, Map<String, Object> a) {
        return switch (kind) {
            case "LSTM.proj" -> new NnCases.Built(lstm(a), (m, in) -> {
                LSTM.Output o = ((LSTM) m).forward(in.get(0), in.size() > 1 ? new LSTM.State(in.get(1), in.get(2)) : null);
                return List.of(o.output(), o.state().h(), o.state().c());
            });
            case "LSTM.proj_packed" -> new NnCases.Built(lstm(a), (m, in) -> {
                LSTM.PackedOutput o = ((LSTM) m).forward(PackedSequence.pack(in.get(0), ls(a, "lengths"), false, false), null);
                return List.of(o.output().pad(false, 0, null).output(), o.state().h(), o.state().c());
            });
            case "MultiheadAttention.options" -> new NnCases.Built(mha(a), (m, in) -> {
                int next = 3;
                Tensor kpm = b(a, "kpm") ? in.get(next++) : null;
                Tensor mask = b(a, "mask") ? in.get(next) : null;
                F.Attention r = ((MultiheadAttention) m).forward(in.get(0), in.get(1), in.get(2), kpm, b(a, "need_weights"), mask,
                        b(a, "average"));
                return r.weights() == null ? List.of(r.output()) : List.of(r.output(), r.weights());
            });
            case "Embedding.options" -> new NnCases.Built(new Embedding(l(a, "num"), l(a, "dim"), NnCases.lOrNull(a, "padding_idx"),
                    NnCases.dOrNull(a, "max_norm"), d(a, "norm_type"), b(a, "scale_grad_by_freq")), NnCases.single());
            case "F.embedding.options" -> new NnCases.Built(new Identity(), (m, in) -> List.of(F.embedding(in.get(0), in.get(1),
                    NnCases.lOrNull(a, "padding_idx"), NnCases.dOrNull(a, "max_norm"), d(a, "norm_type"), b(a, "scale_grad_by_freq"))));
            case "EmbeddingBag.options" -> new NnCases.Built(new EmbeddingBag(l(a, "num"), l(a, "dim"), NnCases.dOrNull(a, "max_norm"),
                    d(a, "norm_type"), b(a, "scale_grad_by_freq"), NnCases.s(a, "mode"), b(a, "include_last_offset"),
                    NnCases.lOrNull(a, "padding_idx")), (m, in) -> List.of(((EmbeddingBag) m).forward(in.get(0),
                    in.size() > 1 ? in.get(1) : null, in.size() > 2 ? in.get(2) : null)));
            case "Reparametrised" -> new NnCases.Built(reparametrised(a), NnCases.single());
            case "Dropout1d" -> new NnCases.Built(new Dropout1d(d(a, "p")), NnCases.single());
            case "Dropout3d" -> new NnCases.Built(new Dropout3d(d(a, "p")), NnCases.single());
            case "AlphaDropout" -> new NnCases.Built(new AlphaDropout(d(a, "p")), NnCases.single());
            case "FeatureAlphaDropout" -> new NnCases.Built(new FeatureAlphaDropout(d(a, "p")), NnCases.single());
            case "RReLU" -> new NnCases.Built(new RReLU(d(a, "lower"), d(a, "upper")), NnCases.single());
            case "F.gumbel_softmax" -> new NnCases.Built(new Identity(),
                    (m, in) -> List.of(F.gumbelSoftmax(in.get(0), d(a, "tau"), b(a, "hard"), i(a, "dim"))));
            case "F.pdist" -> new NnCases.Built(new Identity(), (m, in) -> List.of(F.pdist(in.get(0), d(a, "p"))));
            case "TripletMarginWithDistanceLoss" -> new NnCases.Built(new TripletMarginWithDistanceLoss(distance(NnCases.s(a, "distance")),
                    d(a, "margin"), b(a, "swap"), NnCases.red(a)),
                    (m, in) -> List.of(((TripletMarginWithDistanceLoss) m).call(in.get(0), in.get(1), in.get(2))));
            default -> throw new IllegalArgumentException("unknown case kind " + kind);
        };
    }

    private static MultiheadAttention mha(Map<String, Object> a) {
        long e = l(a, "embed");
        return new MultiheadAttention(e, i(a, "heads"), 0.0, true, b(a, "add_bias_kv"), b(a, "add_zero_attn"),
                a.get("kdim") == null ? e : l(a, "kdim"), a.get("vdim") == null ? e : l(a, "vdim"), b(a, "batch_first"));
    }

    /** The layer of a weight_norm / spectral_norm case with the utility applied (and removed again when "removed"). */
    private static Module reparametrised(Map<String, Object> a) {
        long in = l(a, "in"), out = l(a, "out");
        Module layer = switch (NnCases.s(a, "layer")) {
            case "Linear" -> new Linear(in, out);
            case "Conv1d" -> new Conv1d(in, out, l(a, "kernel"));
            case "ConvTranspose1d" -> new ConvTranspose1d(in, out, new long[] {l(a, "kernel")}, new long[] {1}, new long[] {0},
                    new long[] {0}, 1, true, new long[] {1});
            default -> throw new IllegalArgumentException(NnCases.s(a, "layer"));
        };
        Integer dim = a.get("dim") == null ? null : i(a, "dim");
        boolean removed = Boolean.TRUE.equals(a.get("removed"));
        if (NnCases.s(a, "norm").equals("weight_norm")) {
            Utils.weightNorm(layer, "weight", dim);
            if (removed) Utils.removeWeightNorm(layer);
        } else {
            Utils.spectralNorm(layer, "weight", i(a, "iterations"), d(a, "eps"), dim);
            if (removed) Utils.removeSpectralNorm(layer);
        }
        return layer;
    }

    /** The generator's DISTANCES as Java lambdas (null: the default pairwise distance). */
    private static java.util.function.BinaryOperator<Tensor> distance(String name) {
        return switch (name) {
            case "pairwise" -> null;
            case "cosine" -> (x, y) -> F.cosineSimilarity(x, y).rsub(1.0);
            case "l1" -> (x, y) -> x.sub(y).abs().sum(-1);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static LSTM lstm(Map<String, Object> a) {
        return new LSTM(l(a, "input"), l(a, "hidden"), i(a, "layers"), b(a, "bias"), b(a, "batch_first"), d(a, "dropout"),
                b(a, "bidirectional"), l(a, "proj"));
    }
}
