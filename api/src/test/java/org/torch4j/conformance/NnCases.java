package org.torch4j.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.nn.*;
import org.torch4j.nn.Module;

/**
 * How the nn reference cases ({@code tools/gen_nn_reference.py}) are built and run in Java: each
 * case's {@code "kind"} and {@code "args"} name a module and its constructor options, and a runner
 * calls it the way the generator called PyTorch's, returning the outputs in the same order.
 */
final class NnCases {
    private NnCases() {}

    /** Runs a built module on the case's inputs. */
    interface Runner {
        List<Tensor> run(Module m, List<Tensor> in);
    }

    record Built(Module module, Runner runner) {}

    static Runner single() {
        return (m, in) -> List.of(m.call(in.get(0)));
    }

    // ---- argument access ----------------------------------------------------------------------------

    static long l(Map<String, Object> a, String k) {
        return ((Number) a.get(k)).longValue();
    }

    static int i(Map<String, Object> a, String k) {
        return ((Number) a.get(k)).intValue();
    }

    static double d(Map<String, Object> a, String k) {
        return ((Number) a.get(k)).doubleValue();
    }

    static boolean b(Map<String, Object> a, String k) {
        return (Boolean) a.get(k);
    }

    static String s(Map<String, Object> a, String k) {
        return (String) a.get(k);
    }

    @SuppressWarnings("unchecked")
    static long[] ls(Map<String, Object> a, String k) {
        Object v = a.get(k);
        return v == null ? null : Reference.longs((List<Object>) v);
    }

    @SuppressWarnings("unchecked")
    static double[] ds(Map<String, Object> a, String k) {
        List<Object> v = (List<Object>) a.get(k);
        if (v == null) return null;
        double[] r = new double[v.size()];
        for (int j = 0; j < r.length; j++) r[j] = ((Number) v.get(j)).doubleValue();
        return r;
    }

    static Long lOrNull(Map<String, Object> a, String k) {
        return a.get(k) == null ? null : l(a, k);
    }

    static Double dOrNull(Map<String, Object> a, String k) {
        return a.get(k) == null ? null : d(a, k);
    }

    static Tensor tOrNull(Map<String, Object> a, String k) {
        return a.get(k) == null ? null : Reference.tensor(a.get(k));
    }

    static Reduction red(Map<String, Object> a) {
        return Reduction.of(s(a, "reduction"));
    }

    // ---- the kinds ----------------------------------------------------------------------------------

    /** The module of a case (default initialisation; tests load the case's state into it). */
    static Built build(String kind, Map<String, Object> a) {
        return switch (kind) {
            case "Linear" -> new Built(new Linear(l(a, "in"), l(a, "out"), b(a, "bias")), single());
            case "Bilinear" -> new Built(new Bilinear(l(a, "in1"), l(a, "in2"), l(a, "out"), b(a, "bias")),
                    (m, in) -> List.of(((Bilinear) m).forward(in.get(0), in.get(1))));
            case "Identity" -> new Built(new Identity(), single());
            case "Flatten" -> new Built(new Flatten(i(a, "start"), i(a, "end")), single());
            case "Unflatten" -> new Built(new Unflatten(i(a, "dim"), ls(a, "sizes")), single());
            case "Conv1d", "Conv2d", "Conv3d" -> new Built(conv(kind, a), single());
            case "ConvTranspose1d" -> new Built(new ConvTranspose1d(l(a, "in"), l(a, "out"), ls(a, "kernel"), ls(a, "stride"),
                    ls(a, "padding"), ls(a, "output_padding"), l(a, "groups"), b(a, "bias"), ls(a, "dilation")), single());
            case "ConvTranspose2d" -> new Built(new ConvTranspose2d(l(a, "in"), l(a, "out"), ls(a, "kernel"), ls(a, "stride"),
                    ls(a, "padding"), ls(a, "output_padding"), l(a, "groups"), b(a, "bias"), ls(a, "dilation")), single());
            case "F.unfold" -> new Built(new Identity(),
                    (m, in) -> List.of(F.unfold(in.get(0), ls(a, "kernel"), ls(a, "dilation"), ls(a, "padding"), ls(a, "stride"))));
            case "F.fold" -> new Built(new Identity(), (m, in) -> List.of(F.fold(in.get(0), ls(a, "output"), ls(a, "kernel"),
                    ls(a, "dilation"), ls(a, "padding"), ls(a, "stride"))));
            case "MaxPool1d" -> new Built(new MaxPool1d(l(a, "kernel"), l(a, "stride"), l(a, "padding"), l(a, "dilation"),
                    b(a, "ceil")), single());
            case "MaxPool2d" -> new Built(new MaxPool2d(ls(a, "kernel"), ls(a, "stride"), ls(a, "padding"), ls(a, "dilation"),
                    b(a, "ceil")), single());
            case "F.max_pool2d_with_indices" -> new Built(new Identity(), (m, in) -> {
                var r = F.maxPool2dWithIndices(in.get(0), ls(a, "kernel"), ls(a, "stride"), ls(a, "padding"), ls(a, "dilation"),
                        b(a, "ceil"));
                return List.of(r.values(), r.indices());
            });
            case "AvgPool1d" -> new Built(new AvgPool1d(l(a, "kernel"), l(a, "stride"), l(a, "padding"), b(a, "ceil"),
                    b(a, "count_include_pad")), single());
            case "AvgPool2d" -> new Built(new AvgPool2d(ls(a, "kernel"), ls(a, "stride"), ls(a, "padding"), b(a, "ceil"),
                    b(a, "count_include_pad"), lOrNull(a, "divisor")), single());
            case "AdaptiveAvgPool1d" -> new Built(new AdaptiveAvgPool1d(l(a, "out")), single());
            case "AdaptiveAvgPool2d" -> new Built(new AdaptiveAvgPool2d(ls(a, "out")), single());
            case "AdaptiveMaxPool2d" -> new Built(new AdaptiveMaxPool2d(ls(a, "out")), single());
            case "F.adaptive_max_pool2d_with_indices" -> new Built(new Identity(), (m, in) -> {
                var r = F.adaptiveMaxPool2dWithIndices(in.get(0), ls(a, "out"));
                return List.of(r.values(), r.indices());
            });
            case "BatchNorm1d" -> new Built(new BatchNorm1d(l(a, "features"), d(a, "eps"), dOrNull(a, "momentum"), b(a, "affine"),
                    b(a, "track")), single());
            case "BatchNorm2d" -> new Built(new BatchNorm2d(l(a, "features"), d(a, "eps"), dOrNull(a, "momentum"), b(a, "affine"),
                    b(a, "track")), single());
            case "LayerNorm" -> new Built(new LayerNorm(ls(a, "shape"), d(a, "eps"), b(a, "affine")), single());
            case "GroupNorm" -> new Built(new GroupNorm(l(a, "groups"), l(a, "channels"), d(a, "eps"), b(a, "affine")), single());
            case "InstanceNorm2d" -> new Built(new InstanceNorm2d(l(a, "features"), d(a, "eps"), d(a, "momentum"), b(a, "affine"),
                    b(a, "track")), single());
            case "Dropout" -> new Built(new Dropout(d(a, "p")), single());
            case "Dropout2d" -> new Built(new Dropout2d(d(a, "p")), single());
            case "Embedding" -> new Built(new Embedding(l(a, "num"), l(a, "dim"), lOrNull(a, "padding_idx")), single());
            case "EmbeddingBag" -> new Built(new EmbeddingBag(l(a, "num"), l(a, "dim"), s(a, "mode"), lOrNull(a, "padding_idx")),
                    (m, in) -> List.of(((EmbeddingBag) m).forward(in.get(0), in.size() > 1 ? in.get(1) : null,
                            in.size() > 2 ? in.get(2) : null)));
            case "RNN", "LSTM", "GRU" -> new Built(rnn(kind, a), NnCases::runRnn);
            case "RNN.packed", "LSTM.packed", "GRU.packed" -> new Built(rnn(kind.substring(0, kind.indexOf('.')), a),
                    (m, in) -> runPacked(m, in, ls(a, "lengths")));
            case "LSTM.packed_bf" -> new Built(rnn("LSTM", a), (m, in) -> {
                PackedSequence packed = PackedSequence.pack(in.get(0), ls(a, "lengths"), true, true);
                LSTM.PackedOutput o = ((LSTM) m).forward(packed, new LSTM.State(in.get(1), in.get(2)));
                return List.of(o.output().pad(true, 0, l(a, "total_length")).output(), o.state().h(), o.state().c());
            });
            case "GRU.packed_h0" -> new Built(rnn("GRU", a), (m, in) -> {
                GRU.PackedOutput o = ((GRU) m).forward(PackedSequence.pack(in.get(0), ls(a, "lengths"), false, false), in.get(1));
                return List.of(o.output().pad(false, 0, null).output(), o.hN());
            });
            case "MultiheadAttention" -> new Built(mha(a), (m, in) -> runMha((MultiheadAttention) m, in, a));
            case "TransformerEncoderLayer" -> new Built(encoderLayer(a), (m, in) -> List.of(in.size() == 1 ? m.call(in.get(0))
                    : ((TransformerEncoderLayer) m).forward(in.get(0), in.get(1), in.get(2))));
            case "TransformerDecoderLayer" -> new Built(decoderLayer(a), (m, in) -> {
                var layer = (TransformerDecoderLayer) m;
                boolean tgtMask = "tgt_mask".equals(a.get("call"));
                return List.of(layer.forward(in.get(0), in.get(1), tgtMask ? in.get(2) : null, null, null,
                        tgtMask ? null : in.get(2)));
            });
            case "TransformerEncoder" -> new Built(new TransformerEncoder(encoderLayer(a), i(a, "layers"),
                    b(a, "norm") ? new LayerNorm(l(a, "d")) : null), single());
            case "TransformerDecoder" -> new Built(new TransformerDecoder(decoderLayer(a), i(a, "layers"),
                    b(a, "norm") ? new LayerNorm(l(a, "d")) : null),
                    (m, in) -> List.of(((TransformerDecoder) m).forward(in.get(0), in.get(1), null, null, null, null)));
            case "Transformer" -> new Built(new Transformer(l(a, "d"), i(a, "nhead"), i(a, "enc"), i(a, "dec"), l(a, "ff"),
                    d(a, "dropout"), s(a, "activation"), d(a, "eps"), b(a, "batch_first"), b(a, "norm_first")),
                    (m, in) -> List.of(in.size() == 6
                            ? ((Transformer) m).forward(in.get(0), in.get(1), null, in.get(2), null, in.get(3), in.get(4), in.get(5))
                            : ((Transformer) m).forward(in.get(0), in.get(1), null, in.size() > 2 ? in.get(2) : null,
                                    null, null, null, null)));
            case "ReLU" -> new Built(new ReLU(), single());
            case "LeakyReLU" -> new Built(new LeakyReLU(d(a, "slope")), single());
            case "ELU" -> new Built(new ELU(d(a, "alpha")), single());
            case "GELU" -> new Built(new GELU(s(a, "approximate")), single());
            case "SiLU" -> new Built(new SiLU(), single());
            case "Mish" -> new Built(new Mish(), single());
            case "Sigmoid" -> new Built(new Sigmoid(), single());
            case "Tanh" -> new Built(new Tanh(), single());
            case "Hardswish" -> new Built(new Hardswish(), single());
            case "Hardsigmoid" -> new Built(new Hardsigmoid(), single());
            case "Softmax" -> new Built(new Softmax(i(a, "dim")), single());
            case "LogSoftmax" -> new Built(new LogSoftmax(i(a, "dim")), single());
            case "Softplus" -> new Built(a.get("beta") instanceof Long ? new Softplus(i(a, "beta"), i(a, "threshold"))
                    : new Softplus(d(a, "beta"), d(a, "threshold")), single());
            case "F.relu6" -> fn(x -> F.relu6(x.mul(2)));
            case "F.hardtanh" -> fn(x -> F.hardtanh(x, -1.5, 0.5));
            case "F.relu6_kinks" -> fn(F::relu6);
            case "F.hardtanh_kinks" -> fn(x -> F.hardtanh(x, -1.5, 0.5));
            case "F.celu" -> fn(x -> F.celu(x, 0.7));
            case "F.selu" -> fn(F::selu);
            case "F.logsigmoid" -> fn(F::logsigmoid);
            case "F.elu" -> fn(x -> F.elu(x, 1.3));
            case "F.leaky_relu" -> fn(x -> F.leakyRelu(x, 0.05));
            case "Upsample" -> new Built(new Upsample(ls(a, "size"), ds(a, "scale"), s(a, "mode"), (Boolean) a.get("align_corners")),
                    single());
            case "F.sdpa" -> new Built(new Identity(), (m, in) -> List.of(F.scaledDotProductAttention(in.get(0), in.get(1), in.get(2),
                    in.size() > 3 ? in.get(3) : null, 0.0, b(a, "causal"))));
            case "Sequential.mlp" -> new Built(Sequential.of(new Linear(3, 4), new ReLU(), new Linear(4, 2)), single());
            case "Sequential.lenet" -> new Built(lenet(), single());
            // losses
            case "MSELoss" -> loss(new MSELoss(red(a)));
            case "L1Loss" -> loss(new L1Loss(red(a)));
            case "SmoothL1Loss" -> loss(new SmoothL1Loss(red(a), d(a, "beta")));
            case "HuberLoss" -> loss(new HuberLoss(red(a), d(a, "delta")));
            case "CrossEntropyLoss" -> loss(new CrossEntropyLoss(tOrNull(a, "weight"),
                    a.containsKey("ignore_index") ? l(a, "ignore_index") : -100, a.containsKey("reduction") ? red(a) : Reduction.MEAN,
                    a.containsKey("label_smoothing") ? d(a, "label_smoothing") : 0.0));
            case "NLLLoss" -> loss(new NLLLoss(tOrNull(a, "weight"), a.containsKey("ignore_index") ? l(a, "ignore_index") : -100,
                    a.containsKey("reduction") ? red(a) : Reduction.MEAN));
            case "BCELoss" -> loss(new BCELoss(tOrNull(a, "weight"), red(a)));
            case "BCEWithLogitsLoss" -> loss(new BCEWithLogitsLoss(tOrNull(a, "weight"), red(a), tOrNull(a, "pos_weight")));
            case "KLDivLoss" -> loss(new KLDivLoss(s(a, "reduction"), b(a, "log_target")));
            case "CosineEmbeddingLoss" -> new Built(new CosineEmbeddingLoss(d(a, "margin"), red(a)),
                    (m, in) -> List.of(((CosineEmbeddingLoss) m).forward(in.get(0), in.get(1), in.get(2))));
            case "MarginRankingLoss" -> new Built(new MarginRankingLoss(d(a, "margin"), red(a)),
                    (m, in) -> List.of(((MarginRankingLoss) m).forward(in.get(0), in.get(1), in.get(2))));
            case "CTCLoss" -> new Built(new CTCLoss(l(a, "blank"), red(a), b(a, "zero_infinity")),
                    (m, in) -> List.of(((CTCLoss) m).forward(F.logSoftmax(in.get(0), -1), in.get(1), ls(a, "input_lengths"),
                            ls(a, "target_lengths"))));
            default -> NnExtraCases.build(kind, a);
        };
    }

    static Built fn(java.util.function.UnaryOperator<Tensor> f) {
        return new Built(new Identity(), (m, in) -> List.of(f.apply(in.get(0))));
    }

    static Built loss(Loss l) {
        return new Built(l, (m, in) -> List.of(((Loss) m).forward(in.get(0), in.get(1))));
    }

    private static Module conv(String kind, Map<String, Object> a) {
        long in = l(a, "in"), out = l(a, "out"), groups = l(a, "groups");
        long[] k = ls(a, "kernel"), s = ls(a, "stride"), dil = ls(a, "dilation");
        boolean bias = b(a, "bias");
        String mode = s(a, "padding_mode");
        if (a.get("padding") instanceof String p) {
            return switch (kind) {
                case "Conv1d" -> new Conv1d(in, out, k, p, dil, groups, bias);
                case "Conv2d" -> new Conv2d(in, out, k, p, dil, groups, bias);
                default -> new Conv3d(in, out, k, p, dil, groups, bias);
            };
        }
        long[] p = ls(a, "padding");
        return switch (kind) {
            case "Conv1d" -> new Conv1d(in, out, k, s, p, dil, groups, bias, mode);
            case "Conv2d" -> new Conv2d(in, out, k, s, p, dil, groups, bias, mode);
            default -> new Conv3d(in, out, k, s, p, dil, groups, bias, mode);
        };
    }

    private static Module rnn(String kind, Map<String, Object> a) {
        long in = l(a, "input"), h = l(a, "hidden");
        int layers = i(a, "layers");
        boolean bias = b(a, "bias"), bf = b(a, "batch_first"), bidir = b(a, "bidirectional");
        double dropout = d(a, "dropout");
        return switch (kind) {
            case "RNN" -> new RNN(in, h, layers, s(a, "nonlinearity"), bias, bf, dropout, bidir);
            case "LSTM" -> new LSTM(in, h, layers, bias, bf, dropout, bidir);
            default -> new GRU(in, h, layers, bias, bf, dropout, bidir);
        };
    }

    private static List<Tensor> runRnn(Module m, List<Tensor> in) {
        Tensor x = in.get(0);
        if (m instanceof LSTM lstm) {
            LSTM.Output o = lstm.forward(x, in.size() > 1 ? new LSTM.State(in.get(1), in.get(2)) : null);
            return List.of(o.output(), o.state().h(), o.state().c());
        }
        if (m instanceof GRU gru) {
            GRU.Output o = gru.forward(x, in.size() > 1 ? in.get(1) : null);
            return List.of(o.output(), o.hN());
        }
        RNN.Output o = ((RNN) m).forward(x, in.size() > 1 ? in.get(1) : null);
        return List.of(o.output(), o.hN());
    }

    private static List<Tensor> runPacked(Module m, List<Tensor> in, long[] lengths) {
        PackedSequence packed = PackedSequence.pack(in.get(0), lengths, false, false);
        List<Tensor> out = new ArrayList<>();
        if (m instanceof LSTM lstm) {
            LSTM.PackedOutput o = lstm.forward(packed, null);
            out.add(o.output().pad(false, 0, null).output());
            out.add(o.state().h());
            out.add(o.state().c());
        } else if (m instanceof GRU gru) {
            GRU.PackedOutput o = gru.forward(packed, null);
            out.add(o.output().pad(false, 0, null).output());
            out.add(o.hN());
        } else {
            RNN.PackedOutput o = ((RNN) m).forward(packed, null);
            out.add(o.output().pad(false, 0, null).output());
            out.add(o.hN());
        }
        return out;
    }

    static MultiheadAttention mha(Map<String, Object> a) {
        long e = l(a, "embed");
        return new MultiheadAttention(e, i(a, "heads"), a.get("dropout") == null ? 0.0 : d(a, "dropout"), b(a, "bias"), a.get("kdim") == null ? e : l(a, "kdim"),
                a.get("vdim") == null ? e : l(a, "vdim"), b(a, "batch_first"));
    }

    private static List<Tensor> runMha(MultiheadAttention m, List<Tensor> in, Map<String, Object> a) {
        int next = 3;
        Tensor kpm = b(a, "kpm") ? in.get(next++) : null;
        Tensor mask = b(a, "mask") ? in.get(next) : null;
        F.Attention r = m.forward(in.get(0), in.get(1), in.get(2), kpm, b(a, "need_weights"), mask, b(a, "average"));
        return r.weights() == null ? List.of(r.output()) : List.of(r.output(), r.weights());
    }

    static TransformerEncoderLayer encoderLayer(Map<String, Object> a) {
        return new TransformerEncoderLayer(l(a, "d"), i(a, "nhead"), l(a, "ff"), d(a, "dropout"), s(a, "activation"), d(a, "eps"),
                b(a, "batch_first"), b(a, "norm_first"));
    }

    static TransformerDecoderLayer decoderLayer(Map<String, Object> a) {
        return new TransformerDecoderLayer(l(a, "d"), i(a, "nhead"), l(a, "ff"), d(a, "dropout"), s(a, "activation"), d(a, "eps"),
                b(a, "batch_first"), b(a, "norm_first"));
    }

    /** LeNet-5 as the generator's {@code lenet()}. */
    static Sequential lenet() {
        return Sequential.of(new Conv2d(1, 6, 5, 1, 2), new ReLU(), new MaxPool2d(2), new Conv2d(6, 16, 5), new ReLU(),
                new MaxPool2d(2), new Flatten(), new Linear(400, 120), new ReLU(), new Linear(120, 84), new ReLU(),
                new Linear(84, 10));
    }

    /** The MLP of the training case, as the generator's {@code mlp()}. */
    static Sequential mlp() {
        return Sequential.of(new Linear(12, 32), new ReLU(), new Linear(32, 16), new Tanh(), new Linear(16, 4));
    }

    /** A tensor spec in {@code dtype} (floating specs converted; others as they are). */
    static Tensor tensor(Object spec, DType dtype, String layout) {
        Tensor t = Reference.tensor(spec, layout);
        return t.isFloatingPoint() && t.dtype() != dtype ? t.to(dtype) : t;
    }
}
