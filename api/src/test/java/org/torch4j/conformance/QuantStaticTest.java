package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.conformance.QuantCases.map;
import static org.torch4j.conformance.QuantCases.objects;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.quantization.DeQuantStub;
import org.torch4j.quantization.FloatFunctional;
import org.torch4j.quantization.ObserverBase;
import org.torch4j.quantization.QConfig;
import org.torch4j.quantization.QParams;
import org.torch4j.quantization.QuantStub;
import org.torch4j.quantization.QuantizedConv2d;
import org.torch4j.quantization.QuantizedLinear;
import org.torch4j.quantization.QuantizedTensor;
import org.torch4j.quantization.StaticQuantization;

/**
 * Static (post-training) quantization against PyTorch 1.13 with the QNNPACK engine
 * ({@code tools/gen_quant_static_reference.py}): fusion, observer placement and calibrated parameters, quantized
 * weights, every quantized activation of a small CNN with a residual add, reprs and messages.
 */
class QuantStaticTest {
    private static Map<String, Object> file;

    @SuppressWarnings("unchecked")
    static synchronized Map<String, Object> ref() {
        if (file == null) file = (Map<String, Object>) Reference.load("quant_static.json");
        return file;
    }

    /** The generator's {@code Net}: fields typed {@code Module} so that quantization can swap them. */
    static final class Net extends Module {
        Module quant = new QuantStub();
        Module conv1 = new Conv2d(3, 4, 3, 1, 1);
        Module bn1 = new BatchNorm2d(4);
        Module relu1 = new ReLU();
        Module pool = new MaxPool2d(2);
        Module conv2 = new Conv2d(4, 6, new long[] {3, 3}, new long[] {1, 1}, new long[] {2, 2}, new long[] {2, 2}, 2, true, "zeros");
        Module relu2 = new ReLU();
        Module conv3 = new Conv2d(6, 6, new long[] {1, 1}, new long[] {2, 2}, new long[] {0, 0}, new long[] {1, 1}, 1, true, "zeros");
        Module skip = new MaxPool2d(2);
        FloatFunctional add = new FloatFunctional();
        Module flatten = new Flatten();
        Module fc1 = new Linear(24, 16);
        Module relu3 = new ReLU();
        Module fc2 = new Linear(16, 5);
        Module dequant = new DeQuantStub();

        Net() {
            addModule("quant", quant);
            addModule("conv1", conv1);
            addModule("bn1", bn1);
            addModule("relu1", relu1);
            addModule("pool", pool);
            addModule("conv2", conv2);
            addModule("relu2", relu2);
            addModule("conv3", conv3);
            addModule("skip", skip);
            addModule("add", add);
            addModule("flatten", flatten);
            addModule("fc1", fc1);
            addModule("relu3", relu3);
            addModule("fc2", fc2);
            addModule("dequant", dequant);
        }

        @Override
        public Tensor forward(Tensor x) {
            x = quant.call(x);
            x = pool.call(relu1.call(bn1.call(conv1.call(x))));
            x = relu2.call(conv2.call(x));
            x = add.add(conv3.call(x), skip.call(x));
            x = flatten.call(x);
            x = relu3.call(fc1.call(x));
            return dequant.call(fc2.call(x));
        }
    }

    static Map<String, Tensor> state(Object spec) {
        Map<String, Tensor> s = new LinkedHashMap<>();
        map(spec).forEach((k, v) -> s.put(k, Reference.tensor(v)));
        return s;
    }

    @SuppressWarnings("unchecked")
    static List<List<String>> fuseList() {
        return (List<List<String>>) ref().get("fuse");
    }

    /** The float model, fused, prepared and calibrated as the generator does. */
    static Module prepared(Module fused) {
        Module prepared = StaticQuantization.prepare(fused, QConfig.defaultQconfig());
        try (var g = Torch.noGrad()) {
            for (Object x : objects(ref().get("calibration"))) prepared.call(Reference.tensor(x));
        }
        return prepared;
    }

    static Module fused() {
        Net net = new Net();
        net.loadStateDict(state(ref().get("float_state")));
        net.eval();
        return StaticQuantization.fuseModules(net, fuseList());
    }

    /** Asserts q's integers equal PyTorch's, or differ by at most {@code maxDiff}; returns how many differ. */
    static int assertQuantized(Object expected, QuantizedTensor q, int maxDiff, String ctx) {
        Map<String, Object> e = map(expected);
        assertEquals(((Number) e.get("scale")).doubleValue(), q.qScale(), ctx + " scale");
        assertEquals(((Number) e.get("zero_point")).longValue(), q.qZeroPoint(), ctx + " zero point");
        long[] want = Reference.tensor(e.get("int_repr")).toLongArray(), got = q.intRepr().toLongArray();
        assertEquals(want.length, got.length, ctx + " numel");
        int diff = 0;
        for (int i = 0; i < want.length; i++) {
            long d = Math.abs(want[i] - got[i]);
            assertTrue(d <= maxDiff, ctx + " [" + i + "]: " + got[i] + " vs PyTorch's " + want[i]);
            if (d != 0) diff++;
        }
        return diff;
    }

    static void assertQparams(Module prepared, double rtol) {
        Map<String, Module> mods = prepared.namedModules();
        map(ref().get("observers")).forEach((k, v) -> {
            QParams qp = ((ObserverBase) mods.get(k)).calculateQparams();
            double scale = QuantCases.num(map(v), "scale");
            assertEquals(scale, qp.scale().item(), rtol * scale, k);
            assertEquals(QuantCases.integer(map(v), "zero_point"), qp.zeroPoint().itemLong(), k);
        });
    }

    @Test
    void fuseAndPrepareMatchPyTorch() {
        Module fused = fused();
        assertEquals(ref().get("fused_repr"), fused.toString());
        Map<String, Tensor> fs = fused.stateDict();
        state(ref().get("fused_state")).forEach((k, v) -> Reference.assertTensor(Reference.spec(v), fs.get(k), 1e-6, 1e-6, "fused " + k));
        assertEquals(state(ref().get("fused_state")).keySet(), fs.keySet());
        Module prepared = StaticQuantization.prepare(fused, QConfig.defaultQconfig());
        assertEquals(ref().get("prepared_repr"), prepared.toString());
        assertEquals("ConvReLU2d", fused.namedChildren().get("conv1").getClass().getSimpleName(), "the fused model is unchanged by prepare");
    }

    @Test
    void calibrationAndConvertMatchPyTorch() {
        Module prepared = prepared(fused());
        Map<String, Tensor> ps = prepared.stateDict();
        Map<String, Tensor> want = state(ref().get("prepared_state"));
        assertEquals(want.keySet(), ps.keySet());
        want.forEach((k, v) -> Reference.assertTensor(Reference.spec(v), ps.get(k), 1e-6, 1e-6, "prepared " + k));
        // Calibrated here, the observers see float convolutions whose sums round in another order than oneDNN's
        // (a float32 ulp or so), so their min/max, and the scales, may differ in the last bit
        assertQparams(prepared, 1e-6);
        double outScale = QuantCases.num(map(map(ref().get("observers")).get("fc2.activation_post_process")), "scale");
        Reference.assertTensor(ref().get("output"), StaticQuantization.convert(prepared).call(Reference.tensor(ref().get("input"))), 0,
                outScale * 1.0001, "output, calibrated here: within one quantization step");
        // With PyTorch's calibrated state (its fused weights and observed min/max) loaded, the parameters are
        // PyTorch's bit for bit, and so is everything after
        prepared.loadStateDict(want);
        assertQparams(prepared, 0);

        Module q = StaticQuantization.convert(prepared);
        assertEquals(ref().get("converted_repr"), q.toString());
        Map<String, Module> qm = q.namedModules();
        map(ref().get("weights")).forEach((k, v) -> {
            Module m = qm.get(k);
            QuantizedTensor w = m instanceof QuantizedConv2d c ? c.weight() : ((QuantizedLinear) m).weight();
            assertQuantized(v, w, 0, k + " weight");
        });

        Map<String, QuantizedTensor> acts = new LinkedHashMap<>();
        for (String name : map(ref().get("activations")).keySet()) {
            qm.get(name).registerForwardHook((mod, args, out) -> {
                acts.put(name, QuantizedTensor.of((Tensor) out));
                return null;
            });
        }
        Tensor y = q.call(Reference.tensor(ref().get("input")));
        map(ref().get("activations")).forEach((k, v) -> assertQuantized(v, acts.get(k), 0, "activation " + k));
        Reference.assertTensor(ref().get("output"), y, "output");
    }

    @Test
    void enginesDefaultQconfigsMatchPyTorch() {
        for (Object o : objects(ref().get("engine_qconfigs"))) {
            Map<String, Object> c = map(o);
            String qconfig = (String) c.get("qconfig");
            Sequential m = qconfig.equals("qnnpack")
                    ? new Sequential(new QuantStub(), new Linear(6, 4), new ReLU(), new DeQuantStub())
                    : new Sequential(new QuantStub(), new Conv2d(3 - 1, 3, new long[] {3, 3}, new long[] {2, 2}, new long[] {1, 1},
                            new long[] {1, 1}, 1, false, "zeros"), new ReLU(), new Flatten(), new DeQuantStub());
            m.loadStateDict(state(c.get("state")));
            m.eval();
            Module p = StaticQuantization.prepare(m, QConfig.getDefaultQconfig(qconfig));
            try (var g = Torch.noGrad()) {
                for (Object x : objects(c.get("calibration"))) p.call(Reference.tensor(x));
            }
            List<Object> qp = objects(c.get("qparams"));
            // calibrated here: the float layer's sums may round in another order than PyTorch's, moving the observed
            // range, and so the output scale, by a float32 ulp; the output then stays within one quantization step
            Tensor x = Reference.tensor(c.get("input"));
            Reference.assertTensor(c.get("output"), StaticQuantization.convert(p).call(x), 0, ((Number) qp.get(2)).doubleValue() * 1.0001,
                    qconfig + " output, calibrated here");
            // with PyTorch's calibrated observers (histograms included) loaded, everything is PyTorch's bit for bit
            p.loadStateDict(state(c.get("prepared_state")));
            Module q = StaticQuantization.convert(p);
            assertEquals(c.get("repr"), q.toString(), qconfig);
            Module layer = q.children().get(1);
            QuantizedTensor w = layer instanceof QuantizedConv2d conv ? conv.weight() : ((QuantizedLinear) layer).weight();
            Map<String, Object> ew = map(c.get("weight"));
            Reference.assertTensor(ew.get("int_repr"), w.intRepr(), qconfig + " weight");
            if (ew.containsKey("scales")) {
                assertEquals(List.of(ew.get("scales")).toString(), List.of(java.util.Arrays.stream(w.qPerChannelScales().toDoubleArray())
                        .boxed().toList()).toString(), qconfig + " weight scales");
            } else {
                assertEquals(QuantCases.num(ew, "scale"), w.qScale(), qconfig + " weight scale");
            }
            Reference.assertTensor(c.get("output"), q.call(Reference.tensor(c.get("input"))), qconfig + " output");
        }
    }

    @Test
    void misuseGivesPyTorchsMessages() {
        Map<String, Object> msg = map(ref().get("messages"));
        Module fc = StaticQuantization.convert(prepared(fused())).namedChildren().get("fc2");
        String m = assertThrows(IllegalArgumentException.class, () -> fc.call(Torch.zeros(2, 16))).getMessage();
        assertTrue(((String) msg.get("float_input")).startsWith(m), m);
        Net train = new Net();
        assertEquals(msg.get("fuse_train"), assertThrows(IllegalArgumentException.class,
                () -> StaticQuantization.fuseModules(train, List.of(List.of("conv1", "bn1")))).getMessage());
        assertEquals("did not find fuser method for: (Conv2d, Linear)", assertThrows(IllegalArgumentException.class,
                () -> StaticQuantization.fuseModules(new Net().eval(), List.of(List.of("conv1", "fc1")))).getMessage());
        assertThrows(IllegalStateException.class, () -> StaticQuantization.convert(new Net().eval()));
    }

    /** The README's example, as printed there. */
    @Test
    void readmeExample() {
        Torch.manualSeed(0);
        Module model = new Sequential(new QuantStub(), new Conv2d(1, 2, 3), new ReLU(), new Flatten(), new Linear(8, 3), new DeQuantStub()).eval();
        Module fused = StaticQuantization.fuseModules(model, List.of(List.of("1", "2")));  // Conv2d + ReLU -> ConvReLU2d
        Module prepared = StaticQuantization.prepare(fused, QConfig.defaultQconfig());     // observers on the stub, conv, linear
        for (int i = 0; i < 4; i++) prepared.call(Torch.randn(8, 1, 4, 4));              // calibration
        Module quantized = StaticQuantization.convert(prepared);  // Quantize, QuantizedConvReLU2d, Identity, Flatten, QuantizedLinear, DeQuantize
        Tensor x = Torch.randn(2, 1, 4, 4);
        Tensor y = quantized.call(x);                              // int8 weights, int32 sums, uint8 activations, float output
        assertTrue(y.sub(model.call(x)).abs().max().item() < 0.05, y + " vs " + model.call(x));
        assertEquals(List.of("Quantize", "QuantizedConvReLU2d", "Identity", "Flatten", "QuantizedLinear", "DeQuantize"),
                quantized.children().stream().map(m -> m.getClass().getSimpleName()).toList());
    }
}
