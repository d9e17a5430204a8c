package org.torch4j.conformance;

import static org.torch4j.conformance.NnCases.b;
import static org.torch4j.conformance.NnCases.d;
import static org.torch4j.conformance.NnCases.fn;
import static org.torch4j.conformance.NnCases.i;
import static org.torch4j.conformance.NnCases.l;
import static org.torch4j.conformance.NnCases.ls;
import static org.torch4j.conformance.NnCases.single;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.nn.*;
import org.torch4j.nn.Module;

/**
 * The kinds of {@code layers_extra.json}, {@code losses_extra.json} and {@code init_extra.json} (the
 * modules added after the first nn reference set; see {@code extra_layer_cases} in
 * {@code tools/gen_nn_reference.py}), built as {@link NnCases} builds the others.
 */
final class NnExtraCases {
    private NnExtraCases() {}

    static NnCases.Built build(String kind, Map<String, Object> a) {
        return switch (kind) {
            case "Softsign" -> new NnCases.Built(new Softsign(), single());
            case "Tanhshrink" -> new NnCases.Built(new Tanhshrink(), single());
            case "Hardshrink" -> new NnCases.Built(new Hardshrink(d(a, "lambd")), single());
            case "Softshrink" -> new NnCases.Built(new Softshrink(d(a, "lambd")), single());
            case "Threshold" -> new NnCases.Built(new Threshold(d(a, "threshold"), d(a, "value")), single());
            case "LogSigmoid" -> new NnCases.Built(new LogSigmoid(), single());
            case "ReLU6" -> new NnCases.Built(new ReLU6(), single());
            case "Hardtanh" -> new NnCases.Built(new Hardtanh(d(a, "min"), d(a, "max")), single());
            case "SELU" -> new NnCases.Built(new SELU(), single());
            case "CELU" -> new NnCases.Built(new CELU(d(a, "alpha")), single());
            case "Softmin" -> new NnCases.Built(a.get("dim") == null ? new Softmin() : new Softmin(i(a, "dim")), single());
            case "GLU" -> new NnCases.Built(new GLU(i(a, "dim")), single());
            case "PReLU" -> new NnCases.Built(new PReLU(l(a, "num"), d(a, "init")), single());
            case "Softmax2d" -> new NnCases.Built(new Softmax2d(), single());
            case "LocalResponseNorm" -> new NnCases.Built(new LocalResponseNorm(l(a, "size"), d(a, "alpha"), d(a, "beta"), d(a, "k")),
                    single());
            case "CosineSimilarity" -> new NnCases.Built(new CosineSimilarity(i(a, "dim"), d(a, "eps")),
                    (m, in) -> List.of(((CosineSimilarity) m).call(in.get(0), in.get(1))));
            case "PairwiseDistance" -> new NnCases.Built(new PairwiseDistance(d(a, "p"), d(a, "eps"), b(a, "keepdim")),
                    (m, in) -> List.of(((PairwiseDistance) m).call(in.get(0), in.get(1))));
            case "PixelShuffle" -> new NnCases.Built(new PixelShuffle(l(a, "factor")), single());
            case "PixelUnshuffle" -> new NnCases.Built(new PixelUnshuffle(l(a, "factor")), single());
            case "ChannelShuffle" -> new NnCases.Built(new ChannelShuffle(l(a, "groups")), single());
            case "F.normalize" -> fn(x -> F.normalize(x, d(a, "p"), i(a, "dim"), d(a, "eps")));
            case "F.instance_norm" -> fn(x -> F.instanceNorm(x, null, null, null, null, true, d(a, "momentum"), d(a, "eps")));
            case "F.cosine_similarity" -> fn2((x, y) -> F.cosineSimilarity(x, y, i(a, "dim"), d(a, "eps")));
            case "F.pairwise_distance" -> fn2((x, y) -> F.pairwiseDistance(x, y, d(a, "p"), d(a, "eps"), b(a, "keepdim")));
            case "F.pixel_shuffle" -> fn(x -> F.pixelShuffle(x, l(a, "upscale_factor")));
            case "F.pixel_unshuffle" -> fn(x -> F.pixelUnshuffle(x, l(a, "downscale_factor")));
            case "F.glu" -> fn(x -> F.glu(x, i(a, "dim")));
            case "F.softmin" -> fn(x -> F.softmin(x, i(a, "dim")));
            case "F.softsign" -> fn(F::softsign);
            case "F.tanhshrink" -> fn(F::tanhshrink);
            case "F.hardshrink" -> fn(x -> F.hardshrink(x, d(a, "lambd")));
            case "F.softshrink" -> fn(x -> F.softshrink(x, d(a, "lambd")));
            case "F.threshold" -> fn(x -> F.threshold(x, d(a, "threshold"), d(a, "value")));
            case "F.prelu" -> fn2(F::prelu);
            case "F.local_response_norm" -> fn(x -> F.localResponseNorm(x, l(a, "size"), d(a, "alpha"), d(a, "beta"), d(a, "k")));
            case "RNNCell" -> new NnCases.Built(new RNNCell(l(a, "input"), l(a, "hidden"), b(a, "bias"), NnCases.s(a, "nonlinearity")),
                    (m, in) -> List.of(((RNNCell) m).call(in.get(0), in.size() > 1 ? in.get(1) : null)));
            case "GRUCell" -> new NnCases.Built(new GRUCell(l(a, "input"), l(a, "hidden"), b(a, "bias")),
                    (m, in) -> List.of(((GRUCell) m).call(in.get(0), in.size() > 1 ? in.get(1) : null)));
            case "LSTMCell" -> new NnCases.Built(new LSTMCell(l(a, "input"), l(a, "hidden"), b(a, "bias")), (m, in) -> {
                LSTM.State s = ((LSTMCell) m).call(in.get(0), in.size() > 1 ? new LSTM.State(in.get(1), in.get(2)) : null);
                return List.of(s.h(), s.c());
            });
            case "ZeroPad2d" -> new NnCases.Built(new ZeroPad2d(ls(a, "padding")), single());
            case "ConstantPad1d" -> new NnCases.Built(new ConstantPad1d(ls(a, "padding"), d(a, "value")), single());
            case "ConstantPad2d" -> new NnCases.Built(new ConstantPad2d(ls(a, "padding"), d(a, "value")), single());
            case "ConstantPad3d" -> new NnCases.Built(new ConstantPad3d(ls(a, "padding"), d(a, "value")), single());
            case "ReflectionPad1d" -> new NnCases.Built(new ReflectionPad1d(ls(a, "padding")), single());
            case "ReflectionPad2d" -> new NnCases.Built(new ReflectionPad2d(ls(a, "padding")), single());
            case "ReplicationPad1d" -> new NnCases.Built(new ReplicationPad1d(ls(a, "padding")), single());
            case "ReplicationPad2d" -> new NnCases.Built(new ReplicationPad2d(ls(a, "padding")), single());
            case "ReplicationPad3d" -> new NnCases.Built(new ReplicationPad3d(ls(a, "padding")), single());
            case "Unfold" -> new NnCases.Built(new Unfold(ls(a, "kernel"), ls(a, "dilation"), ls(a, "padding"), ls(a, "stride")),
                    single());
            case "Fold" -> new NnCases.Built(new Fold(ls(a, "output"), ls(a, "kernel"), ls(a, "dilation"), ls(a, "padding"),
                    ls(a, "stride")), single());
            case "MaxPool3d" -> new NnCases.Built(new MaxPool3d(ls(a, "kernel"), ls(a, "stride"), ls(a, "padding"), ls(a, "dilation"),
                    b(a, "ceil")), single());
            case "AvgPool3d" -> new NnCases.Built(new AvgPool3d(ls(a, "kernel"), ls(a, "stride"), ls(a, "padding"), b(a, "ceil"),
                    b(a, "count_include_pad"), NnCases.lOrNull(a, "divisor")), single());
            case "AdaptiveAvgPool3d" -> new NnCases.Built(new AdaptiveAvgPool3d(ls(a, "out")), single());
            case "AdaptiveMaxPool1d" -> new NnCases.Built(new AdaptiveMaxPool1d(l(a, "out")), single());
            case "F.adaptive_max_pool1d_with_indices" -> new NnCases.Built(new Identity(), (m, in) -> {
                var r = F.adaptiveMaxPool1dWithIndices(in.get(0), l(a, "out"));
                return List.of(r.values(), r.indices());
            });
            case "F.max_pool1d_with_indices" -> new NnCases.Built(new Identity(), (m, in) -> {
                var r = F.maxPool1dWithIndices(in.get(0), l(a, "kernel"), l(a, "stride"), l(a, "padding"), l(a, "dilation"), b(a, "ceil"));
                return List.of(r.values(), r.indices());
            });
            case "F.max_pool3d_with_indices" -> new NnCases.Built(new Identity(), (m, in) -> {
                var r = F.maxPool3dWithIndices(in.get(0), ls(a, "kernel"), ls(a, "stride"), ls(a, "padding"), ls(a, "dilation"),
                        b(a, "ceil"));
                return List.of(r.values(), r.indices());
            });
            case "LPPool1d" -> new NnCases.Built(new LPPool1d(d(a, "norm"), l(a, "kernel"), NnCases.lOrNull(a, "stride"), b(a, "ceil")),
                    single());
            case "LPPool2d" -> new NnCases.Built(new LPPool2d(d(a, "norm"), ls(a, "kernel"), ls(a, "stride"), b(a, "ceil")), single());
            case "MaxUnpool1d" -> new NnCases.Built(new MaxUnpool1d(l(a, "kernel"), l(a, "stride"), l(a, "padding")),
                    (m, in) -> List.of(((MaxUnpool1d) m).call(in.get(0), in.get(1))));
            case "MaxUnpool2d" -> new NnCases.Built(new MaxUnpool2d(ls(a, "kernel"), ls(a, "stride"), ls(a, "padding")),
                    (m, in) -> List.of(((MaxUnpool2d) m).call(in.get(0), in.get(1))));
            case "BatchNorm3d" -> new NnCases.Built(new BatchNorm3d(l(a, "features"), d(a, "eps"), NnCases.dOrNull(a, "momentum"),
                    b(a, "affine"), b(a, "track")), single());
            case "InstanceNorm1d" -> new NnCases.Built(new InstanceNorm1d(l(a, "features"), d(a, "eps"), d(a, "momentum"), b(a, "affine"),
                    b(a, "track")), single());
            case "InstanceNorm3d" -> new NnCases.Built(new InstanceNorm3d(l(a, "features"), d(a, "eps"), d(a, "momentum"), b(a, "affine"),
                    b(a, "track")), single());
            // losses
            case "PoissonNLLLoss" -> NnCases.loss(new PoissonNLLLoss(b(a, "log_input"), b(a, "full"), d(a, "eps"), NnCases.red(a)));
            case "GaussianNLLLoss" -> new NnCases.Built(new GaussianNLLLoss(b(a, "full"), d(a, "eps"), NnCases.red(a)),
                    (m, in) -> List.of(((GaussianNLLLoss) m).call(in.get(0), in.get(1), in.get(2))));
            case "TripletMarginLoss" -> new NnCases.Built(new TripletMarginLoss(d(a, "margin"), d(a, "p"), d(a, "eps"), b(a, "swap"),
                    NnCases.red(a)), (m, in) -> List.of(((TripletMarginLoss) m).call(in.get(0), in.get(1), in.get(2))));
            case "MultiMarginLoss" -> NnCases.loss(new MultiMarginLoss(l(a, "p"), d(a, "margin"), NnCases.tOrNull(a, "weight"),
                    NnCases.red(a)));
            case "SoftMarginLoss" -> NnCases.loss(new SoftMarginLoss(NnCases.red(a)));
            case "HingeEmbeddingLoss" -> NnCases.loss(new HingeEmbeddingLoss(d(a, "margin"), NnCases.red(a)));
            case "MultiLabelSoftMarginLoss" -> NnCases.loss(new MultiLabelSoftMarginLoss(NnCases.tOrNull(a, "weight"), NnCases.red(a)));
            case "MultiLabelMarginLoss" -> NnCases.loss(new MultiLabelMarginLoss(NnCases.red(a)));
            default -> NnOptionsCases.build(kind, a);
        };
    }

    private static NnCases.Built fn2(java.util.function.BinaryOperator<Tensor> f) {
        return new NnCases.Built(new Identity(), (Module m, List<Tensor> in) -> List.of(f.apply(in.get(0), in.get(1))));
    }
}
