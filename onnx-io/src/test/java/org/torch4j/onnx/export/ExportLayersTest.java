package org.torch4j.onnx.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.*;
import org.torch4j.nn.Module;
import org.torch4j.onnx.ExportOptions;
import org.torch4j.onnx.Onnx;

/**
 * Every layer of the nn issue exported at batch 2, then run in ONNX Runtime at batch 2 and batch 5
 * and read back with Onnx.load, each compared with torch4j's own outputs (rtol 1e-4, atol 1e-5).
 */
class ExportLayersTest {

    /**
     * @param name     the case
     * @param module   builds the module (seeded)
     * @param inputs   the example inputs at a batch size
     * @param forward  the computation from module and inputs to outputs
     * @param batchDim where the batch sits in every input and output (-1: nothing dynamic)
     */
    record Case(String name, Supplier<Module> module, LongFunction<List<Tensor>> inputs,
                BiFunction<Module, List<Tensor>, List<Tensor>> forward, int batchDim) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case layer(String name, Supplier<Module> m, long... shapeAfterBatch) {
        return new Case(name, m, b -> List.of(Torch.randn(prepend(b, shapeAfterBatch))), (mod, xs) -> List.of(mod.call(xs.get(0))), 0);
    }

    static long[] prepend(long b, long[] rest) {
        long[] s = new long[rest.length + 1];
        s[0] = b;
        System.arraycopy(rest, 0, s, 1, rest.length);
        return s;
    }

    static Case fn(String name, Supplier<Module> m, LongFunction<List<Tensor>> in, BiFunction<Module, List<Tensor>, List<Tensor>> f,
                   int batchDim) {
        return new Case(name, m, in, f, batchDim);
    }

    static Module none() {
        return new Identity();
    }

    static Stream<Case> cases() {
        return Stream.of(
                layer("Linear", () -> new Linear(8, 4), 8),
                layer("Linear3d", () -> new Linear(8, 4, false), 3, 8),
                fn("Bilinear", () -> new Bilinear(6, 5, 4), b -> List.of(Torch.randn(b, 6), Torch.randn(b, 5)),
                        (m, xs) -> List.of(((Bilinear) m).forward(xs.get(0), xs.get(1))), 0),
                layer("Identity", Identity::new, 3),
                layer("Flatten", Flatten::new, 2, 3, 4),
                layer("Unflatten", () -> new Unflatten(1, 2, 6), 12),
                layer("Conv1d", () -> new Conv1d(3, 4, 3, 2, 1), 3, 10),
                layer("Conv2dSame", () -> new Conv2d(3, 4, new long[] {3, 4}, "same", new long[] {1, 2}, 1, true), 3, 9, 9),
                layer("Conv2dGroupsDilation", () -> new Conv2d(4, 6, new long[] {3, 3}, new long[] {2, 1}, new long[] {1, 2},
                        new long[] {2, 1}, 2, true, "zeros"), 4, 11, 10),
                layer("Conv2dReflect", () -> new Conv2d(3, 4, new long[] {3, 3}, new long[] {1, 1}, new long[] {1, 2},
                        new long[] {1, 1}, 1, true, "reflect"), 3, 7, 8),
                layer("Conv2dReplicate", () -> new Conv2d(3, 4, new long[] {3, 3}, new long[] {1, 1}, new long[] {2, 1},
                        new long[] {1, 1}, 1, false, "replicate"), 3, 7, 8),
                layer("Conv3d", () -> new Conv3d(2, 3, 3, 1, 1), 2, 5, 6, 4),
                layer("ConvTranspose1d", () -> new ConvTranspose1d(3, 2, new long[] {3}, new long[] {2}, new long[] {1},
                        new long[] {1}, 1, true, new long[] {1}), 3, 7),
                layer("ConvTranspose2d", () -> new ConvTranspose2d(4, 2, new long[] {3, 2}, new long[] {2, 2}, new long[] {1, 0},
                        new long[] {1, 0}, 2, true, new long[] {1, 1}), 4, 5, 6),
                layer("MaxPool1d", () -> new MaxPool1d(3, 2, 1, 1, false), 3, 11),
                layer("MaxPool2d", () -> new MaxPool2d(new long[] {3, 2}, new long[] {2, 2}, new long[] {1, 0}, new long[] {1, 1}, true), 2, 9, 8),
                layer("AvgPool1d", () -> new AvgPool1d(3, 2, 1, false, true), 3, 11),
                layer("AvgPool2d", () -> new AvgPool2d(new long[] {2, 3}, new long[] {2, 1}, new long[] {1, 1}, false, false, null), 2, 8, 7),
                layer("AdaptiveAvgPool1dGlobal", () -> new AdaptiveAvgPool1d(1), 3, 10),
                layer("AdaptiveAvgPool2dDivisible", () -> new AdaptiveAvgPool2d(2, 3), 3, 8, 9),
                layer("AdaptiveMaxPool2d", () -> new AdaptiveMaxPool2d(2, 2), 3, 6, 8),
                layer("BatchNorm1d", () -> trained(new BatchNorm1d(5), 4, 5), 5),
                layer("BatchNorm1d3d", () -> trained(new BatchNorm1d(5), 4, 5, 6), 5, 6),
                layer("BatchNorm2d", () -> trained(new BatchNorm2d(3), 4, 3, 5, 5), 3, 5, 5),
                layer("LayerNorm", () -> randomized(new LayerNorm(4, 6)), 3, 4, 6),
                layer("GroupNorm", () -> randomized(new GroupNorm(2, 6)), 6, 4, 5),
                layer("InstanceNorm2d", () -> new InstanceNorm2d(3), 3, 5, 6),
                layer("InstanceNorm2dAffineStats", () -> trained(new InstanceNorm2d(3, 1e-5, 0.1, true, true), 4, 3, 5, 6), 3, 5, 6),
                layer("Dropout", () -> new Dropout(0.5), 10),
                layer("Dropout2d", () -> new Dropout2d(0.3), 3, 4, 4),
                fn("Embedding", () -> new Embedding(10, 4, 1L), b -> List.of(Torch.randint(0, 10, b, 7)),
                        (m, xs) -> List.of(m.call(xs.get(0))), 0),
                fn("EmbeddingBagMean", () -> new EmbeddingBag(10, 4, "mean", 0L), b -> List.of(Torch.randint(0, 10, b, 5)),
                        (m, xs) -> List.of(m.call(xs.get(0))), 0),
                fn("EmbeddingBagSum", () -> new EmbeddingBag(10, 4, "sum"), b -> List.of(Torch.randint(0, 10, b, 5)),
                        (m, xs) -> List.of(m.call(xs.get(0))), 0),
                fn("EmbeddingBagMax", () -> new EmbeddingBag(10, 4, "max"), b -> List.of(Torch.randint(0, 10, b, 5)),
                        (m, xs) -> List.of(m.call(xs.get(0))), 0),
                fn("EmbeddingBagOffsets", () -> new EmbeddingBag(10, 4, "mean"), b -> List.of(Torch.randint(0, 10, 9)),
                        (m, xs) -> List.of(((EmbeddingBag) m).forward(xs.get(0), Torch.tensor(new long[] {0, 2, 2, 6}, 4), null)), -1),
                fn("RNNTanh", () -> new RNN(4, 5), b -> List.of(Torch.randn(6, b, 4)), (m, xs) -> List.of(m.call(xs.get(0))), 1),
                fn("RNNReluBidirectional2LayersBatchFirst", () -> new RNN(4, 5, 2, "relu", true, true, 0.3, true),
                        b -> List.of(Torch.randn(b, 6, 4)), (m, xs) -> List.of(m.call(xs.get(0))), 0),
                fn("LSTMStates", () -> new LSTM(4, 5, 2, true, false, 0, true),
                        b -> List.of(Torch.randn(6, b, 4), Torch.randn(4, b, 5), Torch.randn(4, b, 5)), (m, xs) -> {
                            LSTM.Output o = ((LSTM) m).forward(xs.get(0), new LSTM.State(xs.get(1), xs.get(2)));
                            return List.of(o.output(), o.state().h(), o.state().c());
                        }, 1),
                fn("LSTMBatchFirstNoBias", () -> new LSTM(4, 3, 1, false, true, 0, false),
                        b -> List.of(Torch.randn(b, 5, 4)), (m, xs) -> {
                            LSTM.Output o = ((LSTM) m).forward(xs.get(0), null);
                            return List.of(o.output(), o.state().h(), o.state().c());
                        }, -2),
                fn("GRUBidirectionalState", () -> new GRU(4, 5, 2, true, true, 0, true),
                        b -> List.of(Torch.randn(b, 6, 4), Torch.randn(4, b, 5)), (m, xs) -> {
                            GRU.Output o = ((GRU) m).forward(xs.get(0), xs.get(1));
                            return List.of(o.output(), o.hN());
                        }, -3),
                fn("MultiheadAttention", () -> new MultiheadAttention(8, 2),
                        b -> List.of(Torch.randn(5, b, 8), Torch.randn(7, b, 8)), (m, xs) -> {
                            F.Attention a = ((MultiheadAttention) m).forward(xs.get(0), xs.get(1), xs.get(1), null, true, null);
                            return List.of(a.output(), a.weights());
                        }, -4),
                fn("MultiheadAttentionMaskBatchFirst", () -> new MultiheadAttention(8, 4, 0.0, true, 8, 8, true),
                        b -> List.of(Torch.randn(b, 5, 8)), (m, xs) -> {
                            Tensor mask = Torch.ones(new long[] {5, 5}, DType.BOOL).triu(1);
                            return List.of(((MultiheadAttention) m).forward(xs.get(0), xs.get(0), xs.get(0), null, false, mask).output());
                        }, 0),
                fn("TransformerEncoderKeyPaddingMaskInput", () -> new TransformerEncoderLayer(8, 2, 16, 0.1, "relu", 1e-5, true, false),
                        b -> List.of(Torch.randn(b, 5, 8), Torch.arange(b * 5).reshape(b, 5).remainder(5L).ge(4L)),
                        (m, xs) -> List.of(((TransformerEncoderLayer) m).forward(xs.get(0), null, xs.get(1))), 0),
                fn("TransformerEncoderLayer", () -> new TransformerEncoderLayer(8, 2, 16, 0.1, "gelu", 1e-5, true, false),
                        b -> List.of(Torch.randn(b, 5, 8)), (m, xs) -> List.of(m.call(xs.get(0))), 0),
                fn("TransformerDecoderLayerNormFirst", () -> new TransformerDecoderLayer(8, 2, 16, 0.1, "relu", 1e-5, true, true),
                        b -> List.of(Torch.randn(b, 4, 8), Torch.randn(b, 6, 8)), (m, xs) -> List.of(
                                ((TransformerDecoderLayer) m).forward(xs.get(0), xs.get(1), null, null, null, null)), 0),
                fn("TransformerEncoder", () -> new TransformerEncoder(new TransformerEncoderLayer(8, 2, 16, 0.1, "relu", 1e-5, false, false),
                        2, new LayerNorm(8)), b -> List.of(Torch.randn(5, b, 8)), (m, xs) -> List.of(m.call(xs.get(0))), -5),
                fn("TransformerDecoder", () -> new TransformerDecoder(new TransformerDecoderLayer(8, 2, 16, 0.1, "relu", 1e-5, true, false),
                        2, null), b -> List.of(Torch.randn(b, 4, 8), Torch.randn(b, 6, 8)), (m, xs) -> List.of(((TransformerDecoder) m)
                                .forward(xs.get(0), xs.get(1), causal(4), null, null, null)), 0),
                fn("Transformer", () -> new Transformer(8, 2, 1, 1, 16, 0.1, "relu", 1e-5, true, false),
                        b -> List.of(Torch.randn(b, 5, 8), Torch.randn(b, 4, 8)), (m, xs) -> List.of(((Transformer) m)
                                .forward(xs.get(0), xs.get(1), null, causal(4), null, null, null, null)), 0),
                fn("ScaledDotProductAttentionCausal", ExportLayersTest::none,
                        b -> List.of(Torch.randn(b, 2, 5, 4), Torch.randn(b, 2, 5, 4), Torch.randn(b, 2, 5, 4)),
                        (m, xs) -> List.of(F.scaledDotProductAttention(xs.get(0), xs.get(1), xs.get(2), null, 0, true)), 0),
                fn("ScaledDotProductAttentionMasks", ExportLayersTest::none,
                        b -> List.of(Torch.randn(b, 2, 5, 4), Torch.randn(b, 2, 6, 4), Torch.randn(b, 2, 6, 4)), (m, xs) -> {
                            Tensor boolMask = Torch.arange(30).reshape(5, 6).remainder(4.0).ne(1.0);
                            Tensor floatMask = Torch.arange(30).reshape(5, 6).toFloat().mul(0.1).sin();
                            return List.of(F.scaledDotProductAttention(xs.get(0), xs.get(1), xs.get(2), boolMask, 0, false),
                                    F.scaledDotProductAttention(xs.get(0), xs.get(1), xs.get(2), floatMask, 0, false));
                        }, 0),
                layer("ReLU", ReLU::new, 3, 4),
                layer("LeakyReLU", () -> new LeakyReLU(0.2), 3, 4),
                layer("ELU", () -> new ELU(0.7), 3, 4),
                layer("GELU", GELU::new, 3, 4),
                layer("GELUTanh", () -> new GELU("tanh"), 3, 4),
                layer("SiLU", SiLU::new, 3, 4),
                layer("Mish", Mish::new, 3, 4),
                layer("Sigmoid", Sigmoid::new, 3, 4),
                layer("Tanh", Tanh::new, 3, 4),
                layer("Hardswish", Hardswish::new, 3, 4),
                layer("Hardsigmoid", Hardsigmoid::new, 3, 4),
                layer("Softmax", () -> new Softmax(1), 3, 4),
                layer("LogSoftmax", () -> new LogSoftmax(-1), 3, 4),
                layer("Softplus", () -> new Softplus(2.0, 1.0), 3, 4),
                fn("Selu/Celu/Relu6/Hardtanh/LogSigmoid", ExportLayersTest::none, b -> List.of(Torch.randn(b, 3, 4).mul(3.0)),
                        (m, xs) -> List.of(F.selu(xs.get(0)), F.celu(xs.get(0), 0.5), F.relu6(xs.get(0)), F.hardtanh(xs.get(0), -1, 2),
                                F.logsigmoid(xs.get(0))), 0),
                layer("UpsampleNearest", () -> new Upsample(2.0, "nearest"), 3, 4, 5),
                layer("UpsampleBilinearSize", () -> new Upsample(new long[] {7, 9}, null, "bilinear", false), 3, 4, 5),
                layer("UpsampleBilinearAlignCorners", () -> new Upsample(null, new double[] {2.0, 1.5}, "bilinear", true), 3, 4, 6),
                fn("InterpolateNearestSize", ExportLayersTest::none, b -> List.of(Torch.randn(b, 2, 5, 7)),
                        (m, xs) -> List.of(F.interpolate(xs.get(0), new long[] {8, 3}, null, "nearest", null)), 0),
                fn("InterpolateBilinearScale", ExportLayersTest::none, b -> List.of(Torch.randn(b, 2, 5, 7)),
                        (m, xs) -> List.of(F.interpolate(xs.get(0), null, new double[] {1.5, 0.5}, "bilinear", false)), 0),
                fn("Pad", ExportLayersTest::none, b -> List.of(Torch.randn(b, 2, 5, 6)), (m, xs) -> List.of(
                        F.pad(xs.get(0), new long[] {1, 2, 0, 1}, "constant", 0.5), F.pad(xs.get(0), new long[] {2, 1, 1, 3}, "reflect", 0),
                        F.pad(xs.get(0), new long[] {1, 1, 2, 0}, "replicate", 0), F.pad(xs.get(0), -1, 1)), 0),
                fn("OneHotOfConstants", () -> new Linear(4, 3), b -> List.of(Torch.randn(b, 3, 4)), (m, xs) -> List.of(
                        m.call(xs.get(0)).add(F.oneHot(Torch.tensor(new long[] {2, 0, 1}, 3), 3).toFloat())), 0),
                fn("ArgmaxMaxVarRepeatFlipTriuMaskedFill", ExportLayersTest::none, b -> List.of(Torch.randn(b, 4, 5)), (m, xs) -> {
                    Tensor x = xs.get(0);
                    org.torch4j.ValuesIndices mx = x.max(2, true);
                    Tensor filled = x.mul(1.0);
                    filled.maskedFill_(x.gt(0.5), -2.0);
                    return List.of(x.argmax(1, false), x.argmax(), mx.values(), mx.indices(), x.var(new int[] {1, 2}, 1, false),
                            x.std(new int[] {-1}, 0, true), x.norm(2, new int[] {1}, false), x.std(new int[] {1, 2}, 1, false),
                            x.repeat(2, 1, 3), x.flip(0, 2), x.triu(1), x.tril(-1), filled);
                }, 0),
                fn("MSELoss", MSELoss::new, b -> List.of(Torch.randn(b, 4), Torch.randn(b, 4)),
                        (m, xs) -> List.of(((MSELoss) m).forward(xs.get(0), xs.get(1))), 0),
                fn("CrossEntropyLoss", CrossEntropyLoss::new, b -> List.of(Torch.randn(b, 5), Torch.randint(0, 5, b)),
                        (m, xs) -> List.of(((CrossEntropyLoss) m).forward(xs.get(0), xs.get(1))), 0),
                fn("CrossEntropyLossWeightedNone", () -> new CrossEntropyLoss(Torch.rand(5), 1, Reduction.NONE, 0),
                        b -> List.of(Torch.randn(b, 5, 3), Torch.randint(0, 5, b, 3)),
                        (m, xs) -> List.of(((CrossEntropyLoss) m).forward(xs.get(0), xs.get(1))), 0),
                fn("NLLLoss", NLLLoss::new, b -> List.of(F.logSoftmax(Torch.randn(b, 5), 1), Torch.randint(0, 5, b)),
                        (m, xs) -> List.of(((NLLLoss) m).forward(xs.get(0), xs.get(1))), 0));
    }

    static Tensor causal(long n) {
        return Torch.full(new long[] {n, n}, Double.NEGATIVE_INFINITY).triu(1);
    }

    /** Running statistics moved away from 0/1 by a few training steps. */
    static Module trained(Module m, long... shape) {
        m.train();
        try (var g = Torch.noGrad()) {
            for (int i = 0; i < 3; i++) m.call(Torch.randn(shape).mul(2.0).add(0.5));
        }
        return randomized(m);
    }

    /** Affine weights away from their 1/0 initialisation. */
    static Module randomized(Module m) {
        try (var g = Torch.noGrad()) {
            for (Parameter p : m.parameters()) p.copy_(Torch.randn(p.shape()));
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exportsAndRunsInOrtAtAnotherBatch(Case c, @TempDir Path dir) throws Exception {
        check(c, dir);
    }

    /** One case: exported at batch 2, run in ONNX Runtime at batch 2 and (unless nothing is dynamic) 5, read back. */
    static void check(Case c, Path dir) throws Exception {
        Torch.manualSeed(0);
        Module m = c.module().get();
        List<Tensor> example = c.inputs().apply(2);
        java.util.function.Function<List<Tensor>, List<Tensor>> f = xs -> c.forward().apply(m, xs);
        int outputs = ExportCheck.expected(m, f, example).size();
        ExportOptions.Builder o = ExportCheck.options(example.size(), outputs);
        if (c.batchDim() != 0) o.dynamicAxes(axes(c.batchDim(), example.size(), outputs));
        Path file = dir.resolve(c.name().replace('/', '_') + ".onnx");
        Onnx.export(m, example, f, file, o.build());
        ExportCheck.ortMatches(file, m, f, example, c.name());
        if (c.batchDim() != -1) {
            List<Tensor> other = c.inputs().apply(5);
            ExportCheck.ortMatches(file, m, f, other, c.name() + " at batch 5");
            ExportCheck.roundTrips(file, m, f, other, c.name());
        } else {
            ExportCheck.roundTrips(file, m, f, example, c.name());
        }
    }

    /**
     * Dynamic axes for the special layouts: -1 none; 1 batch at dim 1 everywhere; -2 LSTM batch-first
     * output with [dirs, N, H] states; -3 GRU with a state input; -4 attention [L, N, E] with [N, L, S]
     * weights; -5 seq-first encoder.
     */
    static Map<String, Map<Integer, String>> axes(int kind, int inputs, int outputs) {
        Map<String, Map<Integer, String>> a = new java.util.HashMap<>();
        Map<Integer, String> d0 = Map.of(0, "batch"), d1 = Map.of(1, "batch");
        switch (kind) {
            case -1 -> { }
            case 1 -> {
                for (int i = 0; i < inputs; i++) a.put("in" + i, d1);
                for (int i = 0; i < outputs; i++) a.put("out" + i, d1);
            }
            case -2 -> {
                a.put("in0", d0);
                a.put("out0", d0);
                a.put("out1", d1);
                a.put("out2", d1);
            }
            case -3 -> {
                a.put("in0", d0);
                a.put("in1", d1);
                a.put("out0", d0);
                a.put("out1", d1);
            }
            case -4 -> {
                a.put("in0", d1);
                a.put("in1", d1);
                a.put("out0", d1);
                a.put("out1", d0);
            }
            case -5 -> {
                a.put("in0", d1);
                a.put("out0", d1);
            }
            default -> throw new IllegalArgumentException("kind " + kind);
        }
        return a;
    }
}
