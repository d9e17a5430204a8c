package org.torch4j.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.Json;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.onnx.ExportOptions;
import org.torch4j.optim.SGD;
import org.torch4j.onnx.Onnx;
import org.torch4j.onnx.OnnxException;
import org.torch4j.onnx.proto.OnnxProto.ModelProto;
import org.torch4j.onnx.proto.OnnxProto.NodeProto;
import org.torch4j.onnx.proto.OnnxProto.TensorProto;
import org.torch4j.quantization.DeQuantStub;
import org.torch4j.quantization.FloatFunctional;
import org.torch4j.quantization.QConfig;
import org.torch4j.quantization.QuantStub;
import org.torch4j.quantization.QuantizationAwareTraining;
import org.torch4j.quantization.Quantization;
import org.torch4j.quantization.QuantizedWeightedLayer;
import org.torch4j.quantization.StaticQuantization;

/**
 * Statically quantized models exported in PyTorch 1.13's QDQ form (tools/gen_onnx_quant_reference.py): converted from
 * PyTorch's calibrated state, torch4j's quantized outputs are PyTorch's; the exported graph has PyTorch's nodes in
 * PyTorch's order and its int32 biases; ONNX Runtime (which fuses the QDQ groups into QLinearConv / QGemm / QLinearAdd)
 * gives the same outputs within one quantization step.
 */
class ExportQuantizedTest {
    private static Map<String, Object> file;

    @SuppressWarnings("unchecked")
    static synchronized Map<String, Object> ref() throws Exception {
        if (file == null) {
            try (InputStream in = ExportQuantizedTest.class.getResourceAsStream("/reference/export/quantized.json")) {
                file = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** A tensor in the generator's {dtype, shape, data} form. */
    @SuppressWarnings("unchecked")
    static Tensor tensor(Object spec) {
        Map<String, Object> s = map(spec);
        long[] shape = ((List<Number>) s.get("shape")).stream().mapToLong(Number::longValue).toArray();
        double[] d = ((List<Number>) s.get("data")).stream().mapToDouble(Number::doubleValue).toArray();
        return Torch.tensor(d, d.length).reshape(shape).to(DType.of((String) s.get("dtype")));
    }

    /** The generator's CNN (that of the static quantization tests); fields typed Module so that convert swaps them. */
    static final class Cnn extends Module {
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

        Cnn() {
            for (String n : List.of("quant", "conv1", "bn1", "relu1", "pool", "conv2", "relu2", "conv3", "skip", "add", "flatten", "fc1",
                    "relu3", "fc2", "dequant")) {
                addModule(n, field(n));
            }
        }

        private Module field(String n) {
            try {
                return (Module) Cnn.class.getDeclaredField(n).get(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
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

    static final Map<String, Supplier<Module>> MODELS = Map.of(
            "cnn", Cnn::new,
            "linear", () -> new Sequential(new QuantStub(), new Linear(8, 16), new ReLU(), new Linear(16, 4), new DeQuantStub()),
            "linear_relu", () -> new Sequential(new QuantStub(), new Linear(8, 16), new ReLU(), new Linear(16, 4), new DeQuantStub()),
            "per_channel_conv", () -> new Sequential(new QuantStub(), new Conv2d(3, 6, 3, 1, 1), new ReLU(), new MaxPool2d(2),
                    new Conv2d(6, 4, new long[] {3, 3}, new long[] {2, 2}, new long[] {0, 0}, new long[] {1, 1}, 1, false, "zeros"),
                    new Flatten(), new DeQuantStub()));

    /** The generator's model, fused, prepared with its qconfig, given PyTorch's calibrated state and converted. */
    @SuppressWarnings("unchecked")
    static Module quantized(String name) throws Exception {
        Map<String, Object> c = map(map(ref().get("cases")).get(name));
        Module m = MODELS.get(name).get().eval();
        List<List<String>> fuse = (List<List<String>>) c.get("fuse");
        if (!fuse.isEmpty()) m = StaticQuantization.fuseModules(m, fuse);
        String qc = (String) c.get("qconfig");
        Module prepared = StaticQuantization.prepare(m, qc.equals("default") ? QConfig.defaultQconfig() : QConfig.getDefaultQconfig(qc));
        Map<String, Tensor> state = new LinkedHashMap<>();
        map(c.get("prepared_state")).forEach((k, v) -> state.put(k, tensor(v)));
        try (var g = Torch.noGrad()) {
            prepared.call(tensor(c.get("input")));  // gives the per-channel and histogram observers their buffers' shapes
        }
        prepared.loadStateDict(state);
        return StaticQuantization.convert(prepared);
    }

    /** The output scale: that of the last quantized layer before the DeQuantize. */
    static double outputScale(Module q) {
        QuantizedWeightedLayer last = null;
        for (Module m : q.modules()) if (m instanceof QuantizedWeightedLayer l) last = l;
        return last.scale();
    }

    static ModelProto export(Module q, Tensor x, Path f) throws Exception {
        Onnx.export(q, x, f, ExportOptions.builder().opset(13).build());
        return ModelProto.parseFrom(Files.readAllBytes(f));
    }

    /** The node types, without the Identity that names the graph output. */
    static List<String> nodeTypes(ModelProto m) {
        List<String> r = new ArrayList<>();
        for (NodeProto n : m.getGraph().getNodeList()) r.add(n.getOpType());
        r.remove(r.size() - 1);
        return r;
    }

    /** PyTorch's nodes without its Constant nodes (initializers here) and the no-op Casts and ConstantOfShape it leaves. */
    @SuppressWarnings("unchecked")
    static List<String> pytorchNodes(Map<String, Object> c) {
        List<String> r = new ArrayList<>((List<String>) c.get("nodes"));
        r.removeAll(Set.of("Constant", "Cast", "ConstantOfShape"));
        return r.stream().map(t -> t.equals("Flatten") ? "Reshape" : t).toList();
    }

    /** The int32 initializers read by DequantizeLinear nodes (the quantized biases), in node order. */
    static List<List<Long>> int32Biases(ModelProto m) {
        Map<String, TensorProto> init = new LinkedHashMap<>();
        for (TensorProto t : m.getGraph().getInitializerList()) init.put(t.getName(), t);
        List<List<Long>> r = new ArrayList<>();
        for (NodeProto n : m.getGraph().getNodeList()) {
            TensorProto t = init.get(n.getInput(0));
            if (!n.getOpType().equals("DequantizeLinear") || t == null || t.getDataType() != TensorProto.DataType.INT32_VALUE) continue;
            java.nio.ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            List<Long> v = new ArrayList<>();
            while (b.hasRemaining()) v.add((long) b.getInt());
            r.add(v);
        }
        return r;
    }

    /**
     * ORT's outputs against torch4j's quantized model's: at most one quantization step apart; returns the number of
     * elements that differ.
     */
    static int assertWithinOneStep(Tensor want, Tensor got, double step, String what) {
        assertEquals(Arrays.toString(want.shape()), Arrays.toString(got.shape()), what + " shape");
        double[] w = want.toDoubleArray(), g = got.toDoubleArray();
        int differ = 0;
        for (int i = 0; i < w.length; i++) {
            double steps = Math.abs(w[i] - g[i]) / step;
            assertTrue(steps <= 1.0001, what + " [" + i + "]: torch4j " + w[i] + ", ORT " + g[i] + " (" + steps + " steps)");
            if (steps > 1e-3) differ++;
        }
        return differ;
    }

    /**
     * Whether ORT's integer kernels compute exactly here. uint8 x int8 dot products (PyTorch's export: uint8
     * activations, int8 weights) on x86-64 with AVX2 or AVX-512 but without VNNI go through vpmaddubsw, whose int16
     * pair sums saturate (the known "saturation issue" of 8-bit inference on those CPUs): on a Zen 3 ORT's QLinearConv
     * came out 12 steps off PyTorch's own output for PyTorch's input, where torch4j's output is PyTorch's bit for bit.
     * There ORT runs the QDQ graph unfused; elsewhere (VNNI, other architectures, no /proc/cpuinfo) its integer
     * kernels are held to one step.
     */
    private static final boolean INTEGER_KERNELS_EXACT = integerKernelsExact();

    private static boolean integerKernelsExact() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            if (!Files.isReadable(cpuinfo)) return true;
            String info = Files.readString(cpuinfo);
            return !info.contains(" avx2") || info.contains("avx512_vnni") || info.contains("avx_vnni");
        } catch (java.io.IOException e) {
            return true;
        }
    }

    /**
     * Runs the model with ORT's graph optimizations off: the QDQ groups stay DequantizeLinear, the float op and
     * QuantizeLinear, so the quantized values go through float arithmetic instead of the integer kernels.
     */
    private static Map<String, Tensor> runUnfused(Path model, Map<String, Tensor> inputs) throws Exception {
        var env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        try (var opts = new ai.onnxruntime.OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(ai.onnxruntime.OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (var session = env.createSession(model.toString(), opts)) {
                return OrtRunner.run(env, session, inputs);
            }
        }
    }

    /** The node types of the graph ONNX Runtime runs (after its graph optimizations). */
    static List<String> ortOptimized(Path model, Path optimized) throws Exception {
        var env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        try (var opts = new ai.onnxruntime.OrtSession.SessionOptions()) {
            opts.setOptimizedModelFilePath(optimized.toString());
            env.createSession(model.toString(), opts).close();
        }
        List<String> r = new ArrayList<>();
        for (NodeProto n : ModelProto.parseFrom(Files.readAllBytes(optimized)).getGraph().getNodeList()) r.add(n.getOpType());
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cnn", "linear", "per_channel_conv"})
    void exportsAsPyTorchAndRunsInOrt(String name, @TempDir Path dir) throws Exception {
        Map<String, Object> c = map(map(ref().get("cases")).get(name));
        Module q = quantized(name);
        Tensor x = tensor(c.get("input"));
        Tensor y;
        try (var g = Torch.noGrad()) {
            y = q.call(x);
        }
        assertEquals(Arrays.toString(tensor(c.get("output")).toDoubleArray()), Arrays.toString(y.toDoubleArray()),
                name + ": torch4j's quantized output is PyTorch's");
        ModelProto m = export(q, x, dir.resolve(name + ".onnx"));
        assertEquals(pytorchNodes(c), nodeTypes(m), name + ": the nodes of PyTorch 1.13's export");
        assertEquals(c.get("int32_biases"), int32Biases(m), name + ": the int32 biases of PyTorch 1.13's export");
        // ORT runs the QDQ groups as integer kernels (QLinearConv, QGemm), with its own requantization
        List<String> ortNodes = ortOptimized(dir.resolve(name + ".onnx"), dir.resolve(name + ".ort.onnx"));
        assertTrue(ortNodes.contains(name.equals("linear") ? "QGemm" : "QLinearConv"), name + ": ORT's graph " + ortNodes);
        // PyTorch's input, and a seeded batch of 64 through the dynamic batch dim
        Torch.manualSeed(7);
        long[] shape = x.shape().clone();
        shape[0] = 64;
        for (Tensor in : List.of(x, Torch.randn(shape).mul(1.5))) {
            Tensor want;
            try (var g = Torch.noGrad()) {
                want = q.call(in);
            }
            Path file = dir.resolve(name + ".onnx");
            Tensor ort = (INTEGER_KERNELS_EXACT ? Onnx.runWithOrt(file, Map.of("input", in)) : runUnfused(file, Map.of("input", in)))
                    .get("output");
            int differ = assertWithinOneStep(want, ort, outputScale(q), name + " at batch " + in.size(0));
            System.out.println(name + " at batch " + in.size(0) + ": ORT" + (INTEGER_KERNELS_EXACT ? "" : " (unfused: no VNNI here)")
                    + " and torch4j differ by one quantization step in " + differ + " of " + want.numel() + " outputs");
        }
    }

    /** A model trained with quantization-aware training (conv-bn-relu folded at convert) exports and runs in ORT too. */
    @Test
    void aQatTrainedModelExportsAndRunsInOrt(@TempDir Path dir) throws Exception {
        Torch.manualSeed(0);
        Module model = new Sequential(new QuantStub(), new Conv2d(1, 4, 3), new BatchNorm2d(4), new ReLU(), new Flatten(),
                new Linear(16, 3), new DeQuantStub());
        Module fused = QuantizationAwareTraining.fuseModulesQat(model, List.of(List.of("1", "2", "3")));
        Module qat = QuantizationAwareTraining.prepareQat(fused, QConfig.getDefaultQatQconfig("qnnpack"));
        SGD opt = new SGD(qat.parameters(), SGD.options(0.05).momentum(0.9));
        Tensor x = Torch.randn(32, 1, 4, 4), y = Torch.randint(0, 3, 32);
        for (int step = 0; step < 5; step++) {
            opt.zeroGrad();
            F.crossEntropy(qat.call(x), y).backward();
            opt.step();
        }
        Module q = StaticQuantization.convert(qat.eval());
        ModelProto m = export(q, x, dir.resolve("qat.onnx"));
        assertTrue(nodeTypes(m).containsAll(List.of("QuantizeLinear", "DequantizeLinear", "Conv", "Relu", "Gemm")), nodeTypes(m).toString());
        Tensor want;
        try (var g = Torch.noGrad()) {
            want = q.call(x);
        }
        Tensor ort = Onnx.runWithOrt(dir.resolve("qat.onnx"), Map.of("input", x)).get("output");
        assertWithinOneStep(want, ort, outputScale(q), "QAT model");
    }

    /** PyTorch 1.13 refuses quantized::linear_relu; torch4j writes it as PyTorch 2.0 does (Gemm, Relu), at opsets 13 and 20. */
    @Test
    void fusedLinearReluExportsAsLaterPyTorch(@TempDir Path dir) throws Exception {
        Map<String, Object> c = map(map(ref().get("cases")).get("linear_relu"));
        assertTrue(((String) c.get("export_error")).startsWith("Exporting the operator 'quantized::linear_relu' to ONNX opset version 13"));
        Module q = quantized("linear_relu");
        Tensor x = tensor(c.get("input"));
        Tensor y;
        try (var g = Torch.noGrad()) {
            y = q.call(x);
        }
        ModelProto m = export(q, x, dir.resolve("lr.onnx"));
        assertEquals(List.of("QuantizeLinear", "DequantizeLinear", "DequantizeLinear", "DequantizeLinear", "Gemm", "Relu", "QuantizeLinear",
                "DequantizeLinear", "DequantizeLinear", "DequantizeLinear", "Gemm", "QuantizeLinear", "DequantizeLinear"), nodeTypes(m));
        // and at the last opset the exporter writes (QuantizeLinear's float8 attributes, IR 9)
        Onnx.export(q, x, dir.resolve("lr20.onnx"), ExportOptions.builder().opset(20).build());
        Tensor x5 = Torch.randn(5, 8).mul(2);
        for (Tensor in : List.of(x, x5)) {
            Tensor want;
            try (var g = Torch.noGrad()) {
                want = q.call(in);
            }
            for (String f : List.of("lr.onnx", "lr20.onnx")) {
                assertWithinOneStep(want, Onnx.runWithOrt(dir.resolve(f), Map.of("input", in)).get("output"), outputScale(q),
                        "linear_relu at batch " + in.size(0) + " (" + f + ")");
            }
        }
    }

    @Test
    void dynamicQuantizationIsRefusedNamingTheModule(@TempDir Path dir) throws Exception {
        String pytorch = (String) map(ref().get("dynamic_linear")).get("export_error");
        Torch.manualSeed(3);
        Module lin = Quantization.quantizeDynamic(new Sequential(new Linear(8, 4)).eval());
        OnnxException e = assertThrows(OnnxException.class, () -> Onnx.export(lin, Torch.zeros(2, 8), dir.resolve("d.onnx"),
                ExportOptions.builder().opset(13).build()));
        assertTrue(pytorch.startsWith(e.getMessage().substring(0, e.getMessage().indexOf(" is not supported") + 17)), e.getMessage());
        assertTrue(e.getMessage().contains("DynamicQuantizedLinear(in_features=8, out_features=4"), e.getMessage());
        Module lstm = Quantization.quantizeDynamic(new Sequential(new LSTM(8, 4)).eval());
        OnnxException l = assertThrows(OnnxException.class, () -> Onnx.export(lstm, Torch.zeros(3, 2, 8), dir.resolve("l.onnx")));
        assertTrue(l.getMessage().startsWith("Exporting the operator 'aten::quantized_lstm' to ONNX opset version 17 is not supported: "
                + "the dynamically quantized module DynamicQuantizedLSTM(8, 4"), l.getMessage());
    }
}
