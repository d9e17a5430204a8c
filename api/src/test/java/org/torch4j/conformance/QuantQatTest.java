package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.conformance.QuantCases.map;
import static org.torch4j.conformance.QuantCases.objects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.SGD;
import org.torch4j.quantization.DeQuantStub;
import org.torch4j.quantization.FakeQuantize;
import org.torch4j.quantization.QConfig;
import org.torch4j.quantization.QuantStub;
import org.torch4j.quantization.QuantizationAwareTraining;
import org.torch4j.quantization.QuantizedConv2d;
import org.torch4j.quantization.QuantizedLinear;
import org.torch4j.quantization.QuantizedTensor;
import org.torch4j.quantization.StaticQuantization;
import org.torch4j.quantization.qat.ConvBn2d;
import org.torch4j.quantization.qat.ConvBnReLU2d;

/**
 * Quantization-aware training against PyTorch 1.13 ({@code tools/gen_quant_qat_reference.py}): a small CNN fused with
 * {@code fuse_modules_qat}, prepared with {@code get_default_qat_qconfig("qnnpack")}, trained four SGD steps (batch
 * norm frozen and observers disabled midway), then converted; reprs, state-dict keys, seeded QAT layers, messages,
 * and a gradcheck of the simulated conv-bn folding.
 */
class QuantQatTest {
    private static Map<String, Object> file;

    @SuppressWarnings("unchecked")
    static synchronized Map<String, Object> ref() {
        if (file == null) file = (Map<String, Object>) Reference.load("quant_qat.json");
        return file;
    }

    /** The generator's {@code Net}: fields typed {@code Module} so that quantization can swap them. */
    static final class Net extends Module {
        Module quant = new QuantStub();
        Module conv1 = new Conv2d(3, 4, 3, 1, 1);
        Module bn1 = new BatchNorm2d(4);
        Module relu1 = new ReLU();
        Module pool = new MaxPool2d(2);
        Module conv2 = new Conv2d(4, 6, 3);
        Module relu2 = new ReLU();
        Module flatten = new Flatten();
        Module fc1 = new Linear(24, 16);
        Module relu3 = new ReLU();
        Module fc2 = new Linear(16, 5);
        Module dequant = new DeQuantStub();

        Net() {
            for (String n : List.of("quant", "conv1", "bn1", "relu1", "pool", "conv2", "relu2", "flatten", "fc1", "relu3", "fc2", "dequant")) {
                try {
                    addModule(n, (Module) Net.class.getDeclaredField(n).get(this));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }

        @Override
        public Tensor forward(Tensor x) {
            x = quant.call(x);
            x = pool.call(relu1.call(bn1.call(conv1.call(x))));
            x = relu2.call(conv2.call(x));
            x = relu3.call(fc1.call(flatten.call(x)));
            return dequant.call(fc2.call(x));
        }
    }

    private static Map<String, Tensor> state(Object spec) {
        return QuantStaticTest.state(spec);
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> fuseList() {
        return (List<List<String>>) ref().get("fuse");
    }

    private static Module fused() {
        Net net = new Net();
        net.loadStateDict(state(ref().get("float_state")));
        return QuantizationAwareTraining.fuseModulesQat(net.train(), fuseList());
    }

    private static Module prepared() {
        return QuantizationAwareTraining.prepareQat(fused(), QConfig.getDefaultQatQconfig("qnnpack"));
    }

    /** The generator's training loop: SGD with momentum, freeze_bn_stats and disable_observer applied midway. */
    private static List<Double> train(Module model, Map<String, Tensor> firstGrads) {
        SGD opt = new SGD(model.parameters(), SGD.options(0.05).momentum(0.9));
        List<Double> losses = new ArrayList<>();
        List<Object> batches = objects(ref().get("batches"));
        for (int step = 0; step < batches.size(); step++) {
            if (step == ((Number) ref().get("freeze_bn_at")).intValue()) model.apply(QuantizationAwareTraining::freezeBnStats);
            if (step == ((Number) ref().get("disable_observer_at")).intValue()) model.apply(QuantizationAwareTraining::disableObserver);
            Map<String, Object> b = map(batches.get(step));
            opt.zeroGrad();
            Tensor loss = F.crossEntropy(model.call(Reference.tensor(b.get("x"))), Reference.tensor(b.get("y")));
            loss.backward();
            if (step == 0) model.namedParameters().forEach((k, p) -> firstGrads.put(k, p.grad().clone()));
            opt.step();
            losses.add(loss.item());
        }
        return losses;
    }

    @Test
    void fuseAndPrepareMatchPyTorch() {
        Module fused = fused();
        assertEquals(ref().get("fused_repr"), fused.toString());
        Module prepared = QuantizationAwareTraining.prepareQat(fused, QConfig.getDefaultQatQconfig("qnnpack"));
        assertEquals(ref().get("prepared_repr"), prepared.toString());
        assertEquals(ref().get("prepared_keys"), new ArrayList<>(prepared.stateDict().keySet()));
        assertEquals("ConvBnReLU2d", fused.namedChildren().get("conv1").getClass().getSimpleName(), "prepareQat copies");
        assertTrue(fused.namedChildren().get("conv1") instanceof org.torch4j.quantization.ConvBnReLU2d);
    }

    @Test
    void prepareQatInPlaceSharesTheFloatParameters() {
        Module fused = fused();
        Parameter fc2Weight = ((Linear) fused.namedChildren().get("fc2")).weight;
        Module bn = fused.namedChildren().get("conv1").children().get(1);
        Module prepared = QuantizationAwareTraining.prepareQat(fused, QConfig.getDefaultQatQconfig("qnnpack"), true);
        assertTrue(prepared == fused, "the root itself");
        org.torch4j.quantization.qat.Linear fc2 = (org.torch4j.quantization.qat.Linear) fused.namedChildren().get("fc2");
        assertTrue(fc2.weight == fc2Weight, "the QAT layer trains the float layer's parameter, as PyTorch's from_float shares it");
        assertTrue(((ConvBn2d) fused.namedChildren().get("conv1")).bn() == bn);
        assertEquals(ref().get("prepared_repr"), prepared.toString());
    }

    /** to_float folds the running statistics: in eval mode with fake quantization off, the same function. */
    @Test
    void toFloatFoldsTheBatchNorm() {
        Torch.manualSeed(5);
        ConvBnReLU2d m = new ConvBnReLU2d(2, 3, new long[] {3}, new long[] {1}, new long[] {1}, new long[] {1}, 1, false, "zeros", 1e-5, 0.1,
                false, QConfig.getDefaultQatQconfig("qnnpack"));
        Tensor x = Torch.randn(2, 2, 5, 5);
        m.call(x);  // updates the running statistics
        m.apply(QuantizationAwareTraining::disableFakeQuant);
        m.eval();
        Module f = m.toFloat();
        assertEquals("ConvReLU2d", f.getClass().getSimpleName());
        assertFalse(f.isTraining());
        try (var g = Torch.noGrad()) {
            Tensor want = m.call(x), got = f.call(x);
            assertTrue(got.sub(want).abs().max().item() < 1e-5, got + " vs " + want);
        }
    }

    @Test
    void trainingMatchesPyTorch() {
        Module model = prepared();
        Map<String, Tensor> grads = new LinkedHashMap<>();
        List<Double> losses = train(model, grads);
        List<Object> want = objects(ref().get("losses"));
        for (int i = 0; i < want.size(); i++) {
            assertEquals(((Number) want.get(i)).doubleValue(), losses.get(i), 1e-6, "loss of step " + i);
        }
        // straight-through gradients of the fake quantizers, through the simulated conv-bn folding
        map(ref().get("grads")).forEach((k, v) -> Reference.assertTensor(v, grads.get(k), 1e-4, 1e-6, "first step's gradient of " + k));
        Map<String, Tensor> got = model.stateDict();
        Map<String, Tensor> trained = state(ref().get("trained_state"));
        assertEquals(trained.keySet(), got.keySet());
        trained.forEach((k, v) -> {
            // the float convolutions and matrix products sum in another order than PyTorch's (float32 ulps); the
            // fake quantizers' zero points, and so their rounding, are PyTorch's exactly
            if (k.endsWith("zero_point") || k.endsWith("enabled") || k.endsWith("num_batches_tracked")) {
                Reference.assertTensor(Reference.spec(v), got.get(k), 0, 0, k);
            } else if (k.endsWith(".scale")) {
                Reference.assertTensor(Reference.spec(v), got.get(k), 1e-6, 0, k);
            } else {
                Reference.assertTensor(Reference.spec(v), got.get(k), 1e-5, 1e-6, k);
            }
        });
        // after freeze_bn_stats the batch norm stays in eval mode even though the model is in training mode
        ConvBn2d conv1 = (ConvBn2d) model.namedChildren().get("conv1");
        assertTrue(conv1.isBnFrozen() && model.isTraining());
        assertFalse(conv1.bn().isTraining());
    }

    @Test
    void convertMatchesPyTorch() {
        Module model = prepared();
        Map<String, Tensor> trained = state(ref().get("trained_state"));
        model.loadStateDict(trained);
        model.apply(QuantizationAwareTraining::freezeBnStats);
        model.apply(QuantizationAwareTraining::disableObserver);
        model.eval();
        Tensor x = Reference.tensor(ref().get("input"));
        try (var g = Torch.noGrad()) {
            Reference.assertTensor(ref().get("qat_eval_output"), model.call(x), 1e-5, 1e-5, "QAT model in eval mode");
        }
        Module q = StaticQuantization.convert(model);
        assertEquals(ref().get("converted_repr"), q.toString());
        Map<String, Module> qm = q.namedModules();
        map(ref().get("weights")).forEach((k, v) -> {
            Module m = qm.get(k);
            QuantizedTensor w = m instanceof QuantizedConv2d c ? c.weight() : ((QuantizedLinear) m).weight();
            QuantStaticTest.assertQuantized(v, w, 0, k + " weight");
        });
        map(ref().get("biases")).forEach((k, v) -> {
            Module m = qm.get(k);
            Tensor b = m instanceof QuantizedConv2d c ? c.bias() : ((QuantizedLinear) m).bias();
            Reference.assertTensor(v, b, 1e-6, 1e-7, k + " bias (batch norm folded)");
        });
        // the converted model's integer arithmetic is QNNPACK's: PyTorch's outputs bit for bit
        Reference.assertTensor(ref().get("output"), q.call(x), 0, 0, "converted output");
    }

    @Test
    void convertAfterTrainingHereIsWithinOneStep() {
        Module model = prepared();
        train(model, new LinkedHashMap<>());
        Module q = StaticQuantization.convert(model.eval());
        double step = ((QuantizedLinear) q.namedChildren().get("fc2")).scale();
        Reference.assertTensor(ref().get("output"), q.call(Reference.tensor(ref().get("input"))), 0, step * 1.0001, "converted output");
    }

    @Test
    void seededLayersMatchPyTorch() {
        Map<String, Object> seeded = map(ref().get("seeded"));
        QConfig qc = QConfig.getDefaultQatQconfig("qnnpack");
        Torch.manualSeed(3);
        Module cbr = new ConvBnReLU2d(2, 3, new long[] {3}, new long[] {2}, new long[] {1}, new long[] {1}, 1, true, "zeros", 1e-5, 0.1,
                false, qc);
        Torch.manualSeed(4);
        Module lin = new org.torch4j.quantization.qat.Linear(3, 2, true, qc);
        Map<String, Module> mods = Map.of("conv_bn_relu", cbr, "linear", lin);
        mods.forEach((k, m) -> {
            Map<String, Object> c = map(seeded.get(k));
            assertEquals(c.get("repr"), m.toString(), k);
            Map<String, Tensor> s = m.stateDict();
            Map<String, Tensor> want = state(c.get("state"));
            assertEquals(want.keySet(), s.keySet(), k + " keys (the JSON sorts them; prepared_keys checks the order)");
            want.forEach((n, v) -> Reference.assertTensor(Reference.spec(v), s.get(n), 0, 0, k + " " + n));
        });
    }

    @Test
    void defaultQatQconfigsMatchPyTorch() {
        Map<String, Object> qc = map(ref().get("qconfigs"));
        for (String backend : List.of("qnnpack", "fbgemm", "x86", "onednn")) {
            for (int version : new int[] {0, 1}) {
                Map<String, Object> c = map(qc.get(backend + "_v" + version));
                QConfig q = QConfig.getDefaultQatQconfig(backend, version);
                assertEquals(c.get("activation"), q.activation().get().toString(), backend + " v" + version + " activation");
                assertEquals(c.get("weight"), q.weight().get().toString(), backend + " v" + version + " weight");
            }
        }
        Map<String, Object> runs = map(qc.get("runs"));
        Map<String, Module> made = Map.of("per_channel_weight", QConfig.getDefaultQatQconfig("fbgemm").weight().get(),
                "reduced_activation", QConfig.getDefaultQatQconfig("x86").activation().get());
        made.forEach((k, fq) -> {
            Map<String, Object> r = map(runs.get(k));
            List<Object> in = objects(r.get("inputs")), out = objects(r.get("outputs"));
            for (int i = 0; i < in.size(); i++) Reference.assertTensor(out.get(i), fq.call(Reference.tensor(in.get(i))), 0, 0, k + " output " + i);
            assertEquals(r.get("repr"), fq.toString(), k);
            Map<String, Tensor> s = fq.stateDict();
            state(r.get("state")).forEach((n, v) -> Reference.assertTensor(Reference.spec(v), s.get(n), 0, 0, k + " " + n));
        });
    }

    @Test
    void misuseGivesPyTorchsMessages() {
        Map<String, Object> msg = map(ref().get("messages"));
        Net net = new Net();
        net.eval();
        QConfig qc = QConfig.getDefaultQatQconfig("qnnpack");
        assertEquals(msg.get("prepare_eval"), assertThrows(IllegalStateException.class, () -> QuantizationAwareTraining.prepareQat(net, qc)).getMessage());
        Net mixed = new Net();
        mixed.bn1.eval();
        assertEquals(msg.get("fuse_modes"), assertThrows(IllegalArgumentException.class,
                () -> QuantizationAwareTraining.fuseModulesQat(mixed, List.of(List.of("conv1", "bn1")))).getMessage());
        assertEquals(msg.get("no_qconfig"), assertThrows(IllegalArgumentException.class,
                () -> new org.torch4j.quantization.qat.Linear(3, 2, true, null)).getMessage());
        assertEquals(msg.get("linear_from_conv"), assertThrows(IllegalArgumentException.class,
                () -> org.torch4j.quantization.qat.Linear.fromFloat(new Conv2d(3, 4, 3), qc)).getMessage());
    }

    /** The simulated folding's backward, with fake quantization off: float64 gradcheck over input, weight, bias, gamma. */
    @Test
    void convBnGradcheck() {
        Torch.manualSeed(7);
        ConvBn2d m = new ConvBn2d(2, 3, new long[] {3}, new long[] {1}, new long[] {1}, new long[] {1}, 1, true, "zeros", 1e-5, 0.0, false,
                QConfig.getDefaultQatQconfig("qnnpack"));
        m.apply(QuantizationAwareTraining::disableFakeQuant);
        m.apply(QuantizationAwareTraining::disableObserver);
        m.to(DType.FLOAT64);
        try (var g = Torch.noGrad()) {
            m.bn().runningVar().copy_(Torch.rand(3).add(0.5));  // the running std scales the weight; momentum 0 keeps it
        }
        Tensor x = Torch.randn(2, 2, 4, 4).to(DType.FLOAT64).requiresGrad_();
        Parameter w = m.weight, b = m.bias, gamma = m.bn().weight;
        assertTrue(GradCheck.gradcheck(in -> m.call(in[0]), x, w, b, gamma));
        m.freezeBnStats();
        assertTrue(GradCheck.gradcheck(in -> m.call(in[0]), x, w, b, gamma));
    }

    /** The README's example, as printed there. */
    @Test
    void readmeExample() {
        Torch.manualSeed(0);
        Module model = new Sequential(new QuantStub(), new Conv2d(1, 2, 3), new BatchNorm2d(2), new ReLU(), new Flatten(), new Linear(8, 3),
                new DeQuantStub());
        Module fused = QuantizationAwareTraining.fuseModulesQat(model, List.of(List.of("1", "2", "3")));  // trainable ConvBnReLU2d
        Module qat = QuantizationAwareTraining.prepareQat(fused, QConfig.getDefaultQatQconfig("qnnpack"));  // fake quant on weights, outputs
        SGD opt = new SGD(qat.parameters(), SGD.options(0.01).momentum(0.9));
        Tensor x = Torch.randn(16, 1, 4, 4), y = Torch.randint(0, 3, 16);
        for (int step = 0; step < 6; step++) {
            if (step == 3) qat.apply(QuantizationAwareTraining::freezeBnStats);     // batch norm: running statistics from now on
            if (step == 4) qat.apply(QuantizationAwareTraining::disableObserver);   // scales and zero points fixed
            opt.zeroGrad();
            F.crossEntropy(qat.call(x), y).backward();
            opt.step();
        }
        Module quantized = StaticQuantization.convert(qat.eval());     // QuantizedConvReLU2d with the batch norm folded, QuantizedLinear
        Tensor q = quantized.call(x);
        Tensor fakeQuantized = qat.call(x);
        double stepSize = ((QuantizedLinear) quantized.children().get(5)).scale();
        assertTrue(q.sub(fakeQuantized).abs().max().item() <= 2 * stepSize, q + " vs " + fakeQuantized);
        assertEquals(List.of("Quantize", "QuantizedConvReLU2d", "Identity", "Identity", "Flatten", "QuantizedLinear", "DeQuantize"),
                quantized.children().stream().map(m -> m.getClass().getSimpleName()).toList());
        assertTrue(qat.namedModules().values().stream().anyMatch(m -> m instanceof FakeQuantize));
    }
}
