package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Hook;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.*;
import org.torch4j.nn.Module;

/**
 * Module behaviour against PyTorch 1.13 ({@code reference/nn/modules.json}): state_dict keys, named
 * parameters and modules, and the repr of a nested model; repr of assorted modules; load_state_dict
 * errors; train/eval semantics of batch norm (running statistics with momentum and momentum=None) and
 * dropout; forward hooks.
 */
class NnModuleTest {

    @SuppressWarnings("unchecked")
    private static final Map<String, Object> REF = (Map<String, Object>) Reference.load("nn/modules.json");

    // ---- a nested model with PyTorch's layer1.0.conv1.weight structure -----------------------------

    private static Conv2d conv(long cin, long cout, long k, long stride, long pad) {
        return new Conv2d(cin, cout, new long[] {k}, new long[] {stride}, new long[] {pad}, new long[] {1}, 1, false, "zeros");
    }

    static final class BasicBlock extends Module {
        final Conv2d conv1, conv2;
        final BatchNorm2d bn1, bn2;
        final ReLU relu;
        final Sequential downsample;

        BasicBlock(long cin, long cout, long stride) {
            conv1 = registerModule("conv1", conv(cin, cout, 3, stride, 1));
            bn1 = registerModule("bn1", new BatchNorm2d(cout));
            relu = registerModule("relu", new ReLU());
            conv2 = registerModule("conv2", conv(cout, cout, 3, 1, 1));
            bn2 = registerModule("bn2", new BatchNorm2d(cout));
            downsample = stride != 1 || cin != cout
                    ? registerModule("downsample", Sequential.of(conv(cin, cout, 1, stride, 0), new BatchNorm2d(cout))) : null;
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor out = relu.call(bn1.call(conv1.call(x)));
            out = bn2.call(conv2.call(out));
            return relu.call(out.add(downsample == null ? x : downsample.call(x)));
        }
    }

    static final class TinyResNet extends Module {
        final Conv2d conv1;
        final BatchNorm2d bn1;
        final Sequential layer1, layer2;
        final AdaptiveAvgPool2d pool;
        final ModuleDict heads;

        TinyResNet() {
            conv1 = registerModule("conv1", new Conv2d(1, 4, new long[] {3}, new long[] {1}, new long[] {1}, new long[] {1}, 1, false,
                    "zeros"));
            bn1 = registerModule("bn1", new BatchNorm2d(4));
            layer1 = registerModule("layer1", Sequential.of(new BasicBlock(4, 4, 1), new BasicBlock(4, 4, 1)));
            layer2 = registerModule("layer2", Sequential.of(new BasicBlock(4, 8, 2)));
            pool = registerModule("pool", new AdaptiveAvgPool2d(1));
            Map<String, Module> h = new LinkedHashMap<>();
            h.put("cls", new Linear(8, 3));
            h.put("aux", new ModuleList(new Linear(8, 2), new Identity()));
            heads = registerModule("heads", new ModuleDict(h));
        }

        @Override
        public Tensor forward(Tensor x) {
            x = F.relu(bn1.call(conv1.call(x)));
            x = pool.call(layer2.call(layer1.call(x))).flatten(1, -1);
            return heads.get("cls").call(x);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resnet() {
        return (Map<String, Object>) REF.get("resnet");
    }

    @Test
    void nestedModelKeysAndRepr() {
        TinyResNet m = new TinyResNet();
        assertEquals(resnet().get("keys"), new ArrayList<>(m.stateDict().keySet()), "state_dict keys");
        assertEquals(resnet().get("params"), new ArrayList<>(m.namedParameters().keySet()), "named_parameters");
        assertEquals(resnet().get("modules"), new ArrayList<>(m.namedModules().keySet()), "named_modules");
        assertEquals(resnet().get("repr"), m.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void nestedModelTrainThenEval() {
        TinyResNet m = new TinyResNet();
        Map<String, Tensor> state = new LinkedHashMap<>();
        ((Map<String, Object>) resnet().get("state")).forEach((k, v) -> state.put(k, Reference.tensor(v)));
        m.loadStateDict(state);
        Tensor x = Reference.tensor(resnet().get("input"));
        m.train();
        NnReference.assertClose(resnet().get("train_output"), m.call(x), 1e-5, 1e-6, "train output");
        Map<String, Tensor> buffers = m.namedBuffers();
        ((Map<String, Object>) resnet().get("buffers_after")).forEach((k, v) ->
                NnReference.assertClose(v, buffers.get(k), 1e-5, 1e-6, "buffer " + k));
        m.eval();
        for (Module c : m.modules()) assertFalse(c.isTraining(), "eval() reaches every descendant");
        NnReference.assertClose(resnet().get("eval_output"), m.call(x), 1e-5, 1e-6, "eval output");
    }

    // ---- repr ------------------------------------------------------------------------------------

    private static Map<String, Supplier<Module>> reprModules() {
        Map<String, Supplier<Module>> r = new LinkedHashMap<>();
        r.put("mlp", () -> Sequential.of(new Linear(3, 4), new ReLU(), new Dropout(0.25), new Linear(4, 2, false)));
        r.put("conv2d_full", () -> new Conv2d(2, 4, new long[] {3, 5}, new long[] {2, 1}, new long[] {1, 2}, new long[] {1, 2}, 2,
                false, "reflect"));
        r.put("conv2d_same", () -> new Conv2d(2, 2, new long[] {3}, "same", new long[] {1}, 1, true));
        r.put("conv1d", () -> new Conv1d(2, 3, 3));
        r.put("conv_transpose2d", () -> new ConvTranspose2d(3, 2, new long[] {3}, new long[] {2}, new long[] {0}, new long[] {1}, 1,
                true, new long[] {1}));
        r.put("maxpool2d", () -> new MaxPool2d(2));
        r.put("maxpool2d_rect", () -> new MaxPool2d(new long[] {2, 3}, new long[] {1, 2}, new long[] {0}, new long[] {1}, true));
        r.put("maxpool1d", () -> new MaxPool1d(3, 2, 1, 1, false));
        r.put("avgpool1d", () -> new AvgPool1d(3, 2, 0, false, true));
        r.put("avgpool2d", () -> new AvgPool2d(2));
        r.put("adaptive_avgpool2d", () -> new AdaptiveAvgPool2d(3, 2));
        r.put("adaptive_maxpool2d", () -> new AdaptiveMaxPool2d(2));
        r.put("adaptive_avgpool1d", () -> new AdaptiveAvgPool1d(4));
        r.put("batchnorm1d", () -> new BatchNorm1d(3, 1e-5, null, true, true));
        r.put("batchnorm2d", () -> new BatchNorm2d(4, 1e-3, 0.1, true, true));
        r.put("layernorm", () -> new LayerNorm(4));
        r.put("layernorm_2d", () -> new LayerNorm(new long[] {2, 3}, 1e-5, false));
        r.put("groupnorm", () -> new GroupNorm(2, 4));
        r.put("instancenorm2d", () -> new InstanceNorm2d(3));
        r.put("dropout", Dropout::new);
        r.put("dropout2d", () -> new Dropout2d(0.1));
        r.put("embedding", () -> new Embedding(10, 3));
        r.put("embedding_padding", () -> new Embedding(10, 3, 0L));
        r.put("embedding_bag", () -> new EmbeddingBag(10, 3, "sum"));
        r.put("rnn", () -> new RNN(3, 4, 2, "relu", true, true, 0, false));
        r.put("lstm", () -> new LSTM(3, 4, 1, false, false, 0, true));
        r.put("gru", () -> new GRU(3, 4));
        r.put("mha", () -> new MultiheadAttention(4, 2));
        r.put("encoder_layer", () -> new TransformerEncoderLayer(4, 2, 8, 0.1, "relu", 1e-5, false, false));
        r.put("relu", ReLU::new);
        r.put("leaky_relu", LeakyReLU::new);
        r.put("elu", ELU::new);
        r.put("gelu", GELU::new);
        r.put("gelu_tanh", () -> new GELU("tanh"));
        r.put("silu", SiLU::new);
        r.put("mish", Mish::new);
        r.put("sigmoid", Sigmoid::new);
        r.put("tanh", Tanh::new);
        r.put("hardswish", Hardswish::new);
        r.put("hardsigmoid", Hardsigmoid::new);
        r.put("softmax", () -> new Softmax(1));
        r.put("log_softmax", () -> new LogSoftmax(-1));
        r.put("softplus", Softplus::new);
        r.put("softplus_custom", () -> new Softplus(2.0, 10.5));
        r.put("upsample", () -> new Upsample(2.0, "nearest"));
        r.put("upsample_bilinear", () -> new Upsample(1.5, "bilinear"));
        r.put("flatten", Flatten::new);
        r.put("unflatten", () -> new Unflatten(1, 2, 3));
        r.put("identity", Identity::new);
        r.put("bilinear", () -> new Bilinear(2, 3, 4));
        r.put("linear", () -> new Linear(3, 2));
        r.put("mse", MSELoss::new);
        r.put("cross_entropy", CrossEntropyLoss::new);
        r.put("ctc", CTCLoss::new);
        r.put("module_list", () -> new ModuleList(new Linear(2, 2), new ReLU()));
        r.put("module_dict", () -> {
            Map<String, Module> d = new LinkedHashMap<>();
            d.put("a", new Linear(2, 2));
            d.put("b", new Tanh());
            return new ModuleDict(d);
        });
        r.put("sequential_empty", Sequential::new);
        return r;
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> repr() {
        Map<String, Object> expected = (Map<String, Object>) REF.get("reprs");
        Map<String, Supplier<Module>> modules = reprModules();
        assertEquals(expected.keySet(), modules.keySet(), "every reference repr has a Java module");
        return expected.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> assertEquals(e.getValue(), modules.get(e.getKey()).get().toString())));
    }

    // ---- load_state_dict ---------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static void expectLoad(String key, Module m, Map<String, Tensor> state, boolean strict) {
        Map<String, Object> exp = (Map<String, Object>) ((Map<String, Object>) REF.get("load_errors")).get(key);
        if (exp.containsKey("error")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(state, strict), key);
            assertEquals(exp.get("error"), e.getMessage(), key);
        } else {
            Module.LoadResult r = m.loadStateDict(state, strict);
            assertEquals(exp.get("missing"), r.missingKeys(), key + ": missing keys");
            assertEquals(exp.get("unexpected"), r.unexpectedKeys(), key + ": unexpected keys");
        }
    }

    private static Map<String, Tensor> map(Object... kv) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Tensor) kv[i + 1]);
        return m;
    }

    @Test
    void loadStateDictErrors() {
        Linear src = new Linear(3, 2);
        Tensor w = src.weight.detach(), b = src.bias.detach();
        expectLoad("missing", new Linear(3, 2), map("weight", w), true);
        expectLoad("unexpected", new Linear(3, 2), map("weight", w, "bias", b, "extra", Torch.zeros(1), "more.x", Torch.zeros(2)), true);
        expectLoad("size", new Linear(3, 2), map("weight", Torch.zeros(2, 4), "bias", b), true);
        expectLoad("all", new Linear(3, 2), map("weight", Torch.zeros(3, 3), "foo", Torch.zeros(1)), true);
        expectLoad("non_strict", new Linear(3, 2), map("weight", w, "foo", Torch.zeros(1)), false);
        expectLoad("non_strict_size", new Linear(3, 2), map("weight", Torch.zeros(1, 3)), false);
        Sequential seq = Sequential.of(new Linear(2, 3), new BatchNorm1d(3));
        Map<String, Tensor> sd = new LinkedHashMap<>(seq.stateDict());
        sd.remove("1.running_var");
        sd.put("2.weight", Torch.zeros(1));
        expectLoad("sequential", Sequential.of(new Linear(2, 3), new BatchNorm1d(3)), sd, true);
    }

    @Test
    void failedLoadChangesNothingAndLoadCopiesValues() {
        Linear a = new Linear(3, 2), b = new Linear(3, 2);
        Tensor before = b.weight.detach().clone();
        assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(map("weight", a.weight.detach(), "bias", Torch.zeros(5))));
        assertEquals(0.0, b.weight.detach().sub(before).abs().sum().item(), 0.0, "unchanged after a failed load");
        Tensor identity = b.weight;
        b.loadStateDict(a.stateDict());
        assertSame(identity, b.weight, "parameters keep their identity");
        assertEquals(0.0, b.weight.detach().sub(a.weight.detach()).abs().sum().item(), 0.0);
        a.weight.detach().add_(1.0);
        assertTrue(b.weight.detach().sub(a.weight.detach()).abs().sum().item() > 0, "values are copied, not shared");
    }

    // ---- train / eval ------------------------------------------------------------------------------

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> batchNormRunningStatistics() {
        List<Object> cases = (List<Object>) REF.get("batchnorm_stats");
        return cases.stream().map(o -> (Map<String, Object>) o).map(c -> DynamicTest.dynamicTest("momentum=" + c.get("momentum"), () -> {
            Torch.manualSeed(0);
            Double momentum = c.get("momentum") == null ? null : ((Number) c.get("momentum")).doubleValue();
            BatchNorm1d bn = new BatchNorm1d(3, 1e-5, momentum, true, true);
            List<Object> batches = (List<Object>) c.get("batches"), after = (List<Object>) c.get("after");
            for (int i = 0; i < batches.size(); i++) {
                bn.call(Reference.tensor(batches.get(i)));
                Map<String, Tensor> got = bn.namedBuffers();
                int step = i;
                ((Map<String, Object>) after.get(i)).forEach((k, v) ->
                        NnReference.assertClose(v, got.get(k), 1e-5, 1e-7, k + " after batch " + step));
            }
            bn.eval();
            NnReference.assertClose(c.get("eval_output"), bn.call(Reference.tensor(c.get("probe"))), 1e-5, 1e-6, "eval output");
        }));
    }

    @Test
    void dropoutIsIdentityInEvalAndScalesInTraining() {
        Dropout d = new Dropout(0.4);
        Tensor x = Torch.ones(1000);
        d.eval();
        assertSame(x, d.call(x), "eval: the input itself");
        d.train();
        Tensor y = d.call(x);
        double[] v = y.toDoubleArray();
        int zeros = 0;
        for (double e : v) {
            if (e == 0) zeros++;
            else assertEquals(1 / 0.6, e, 1e-6, "kept elements are scaled by 1/(1-p)");
        }
        assertTrue(zeros > 300 && zeros < 500, "about p of the elements are zeroed: " + zeros);
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        Sequential m = Sequential.of(new Linear(2, 2), Sequential.of(new Dropout(), new BatchNorm1d(2)));
        assertTrue(m.isTraining());
        m.eval();
        for (Module c : m.modules()) assertFalse(c.isTraining());
        m.train();
        for (Module c : m.modules()) assertTrue(c.isTraining());
        m.train(false);
        for (Module c : m.modules()) assertFalse(c.isTraining());
    }

    @Test
    void moduleToDtypeKeepsParameterIdentity() {
        BatchNorm1d bn = new BatchNorm1d(3);
        Tensor w = bn.weight;
        bn.to(DType.FLOAT64);
        assertSame(w, bn.weight);
        assertEquals(DType.FLOAT64, bn.weight.dtype());
        assertEquals(DType.FLOAT64, bn.runningMean().dtype());
        assertEquals(DType.INT64, bn.namedBuffers().get("num_batches_tracked").dtype(), "integer buffers keep their dtype");
        assertThrows(IllegalArgumentException.class, () -> bn.to(DType.INT32));
    }

    @Test
    void embeddingFromPretrainedDrawsNothingAndKeepsValues() {
        Tensor w = Torch.arange(6).reshape(3, 2).to(DType.FLOAT32);
        Torch.manualSeed(3);
        Tensor expected = Torch.rand(2);
        Torch.manualSeed(3);
        Embedding e = Embedding.fromPretrained(w, true, 1L);
        assertEquals(0.0, Torch.rand(2).sub(expected).abs().sum().item(), 0.0, "from_pretrained draws no random numbers");
        assertEquals(0.0, e.weight.detach().sub(w).abs().sum().item(), 0.0, "values kept, padding row included");
        assertFalse(e.weight.requiresGrad(), "frozen");
        Embedding t = Embedding.fromPretrained(w, false, -1L);
        t.call(Torch.tensor(new long[] {2, 0, 2}, 3)).sum().backward();
        assertEquals(List.of(1.0, 1.0, 0.0, 0.0, 0.0, 0.0), java.util.Arrays.stream(t.weight.grad().toDoubleArray()).boxed().toList(),
                "padding_idx -1 is the last row, which gets no gradient");
        Tensor w2 = w.clone().requiresGrad_();
        F.embedding(Torch.tensor(new long[] {2, 1}, 2), w2, -1L).sum().backward();
        assertEquals(List.of(0.0, 0.0, 1.0, 1.0, 0.0, 0.0), java.util.Arrays.stream(w2.grad().toDoubleArray()).boxed().toList(),
                "F.embedding normalises a negative padding_idx");
    }

    // ---- utilities ---------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void sequenceUtilities() {
        Map<String, Object> ref = (Map<String, Object>) REF.get("sequences");
        List<Tensor> seqs = new ArrayList<>();
        for (Object o : (List<Object>) ref.get("seqs")) seqs.add(Reference.tensor(o));
        Reference.assertTensor(ref.get("pad"), PackedSequence.padSequences(seqs, false, 0), "pad_sequence");
        Reference.assertTensor(ref.get("pad_batch_first"), PackedSequence.padSequences(seqs, true, 0.5), "pad_sequence batch_first");
        PackedSequence p = PackedSequence.packSequences(seqs, false);
        Reference.assertTensor(ref.get("data"), p.data(), "pack_sequence data");
        assertEquals(ref.get("batch_sizes"), java.util.Arrays.stream(p.batchSizes()).boxed().toList(), "batch_sizes");
        assertEquals(ref.get("sorted_indices"), java.util.Arrays.stream(p.sortedIndices()).boxed().toList(), "sorted_indices");
        assertEquals(ref.get("unsorted_indices"), java.util.Arrays.stream(p.unsortedIndices()).boxed().toList(), "unsorted_indices");
        PackedSequence.Padded u = p.pad(true, -1.0, 5L);
        Reference.assertTensor(ref.get("unpacked"), u.output(), "pad_packed_sequence");
        assertEquals(ref.get("lengths"), java.util.Arrays.stream(u.lengths()).boxed().toList(), "lengths");
    }

    @Test
    @SuppressWarnings("unchecked")
    void squareSubsequentMaskAndOneHot() {
        Reference.assertTensor(REF.get("square_subsequent_mask"), Transformer.generateSquareSubsequentMask(4), "mask");
        Map<String, Object> oh = (Map<String, Object>) REF.get("one_hot");
        Tensor idx = Reference.tensor(oh.get("input"));
        Reference.assertTensor(oh.get("classes5"), F.oneHot(idx, 5), "one_hot(x, 5)");
        Reference.assertTensor(oh.get("inferred"), F.oneHot(idx, -1), "one_hot(x)");
    }

    // ---- hooks -------------------------------------------------------------------------------------

    @Test
    void forwardHooks() {
        Linear lin = new Linear(2, 2);
        Sequential seq = Sequential.of(lin, new ReLU());
        Tensor x = Torch.ones(1, 2);
        List<String> calls = new ArrayList<>();
        Hook pre = lin.registerForwardPreHook(in -> {
            calls.add("pre");
            return in.mul(2);                                         // replaces the input
        });
        Hook post = lin.registerForwardHook((in, out) -> {
            calls.add("post");
            assertEquals(2.0, in.sum().item() / 2, 1e-12, "the hook sees the replaced input");
            return null;                                              // keeps the output
        });
        Hook post2 = lin.registerForwardHook((in, out) -> {
            calls.add("post2");
            return out.mul(0);                                        // replaces the output
        });
        Tensor y = seq.call(x);
        assertEquals(List.of("pre", "post", "post2"), calls, "pre-hooks, then hooks in registration order, run by the container");
        assertEquals(0.0, y.abs().sum().item(), 0.0);
        calls.clear();
        lin.forward(x);
        assertTrue(calls.isEmpty(), "forward() alone runs no hooks");
        pre.remove();
        post.remove();
        post2.remove();
        Tensor z = seq.call(x);
        assertTrue(calls.isEmpty(), "removed hooks do not run");
        Tensor expected = F.linear(x, lin.weight, lin.bias).relu();
        assertEquals(0.0, z.sub(expected).abs().sum().item(), 1e-7);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sharedModuleAndZeroGrad() {
        Map<String, Object> ref = (Map<String, Object>) REF.get("shared");
        Linear shared = new Linear(2, 2);
        Sequential m = Sequential.of(shared, new ReLU(), shared);
        assertEquals(2, m.parameters().size(), "a shared module's parameters are listed once");
        assertEquals(ref.get("params"), new ArrayList<>(m.namedParameters().keySet()), "named_parameters");
        assertEquals(ref.get("modules"), new ArrayList<>(m.namedModules().keySet()), "named_modules");
        assertEquals(ref.get("keys"), new ArrayList<>(m.stateDict().keySet()), "state_dict lists it under each name");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.loadStateDict(map("0.weight", Torch.zeros(2, 2), "0.bias", Torch.zeros(2))));
        assertEquals(((Map<String, Object>) ref.get("load")).get("error"), e.getMessage());
        m.call(Torch.ones(1, 2)).sum().backward();
        assertNotSame(null, shared.weight.grad());
        m.zeroGrad();
        assertEquals(0.0, shared.weight.grad().abs().sum().item(), 0.0, "zero_grad zeroes in place (1.13 default)");
        m.zeroGrad(true);
        assertEquals(null, shared.weight.grad(), "set_to_none drops the gradient");
    }
}
