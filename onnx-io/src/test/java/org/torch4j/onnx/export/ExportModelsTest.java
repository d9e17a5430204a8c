package org.torch4j.onnx.export;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.Json;
import org.torch4j.nn.Module;
import org.torch4j.onnx.Onnx;

/**
 * Whole models (LeNet-5, an LSTM classifier, a Transformer encoder, a ResNet-18-shaped network)
 * exported at batch 2 and run in ONNX Runtime at batch 2 and 5: the outputs match PyTorch 1.13's
 * (tools/gen_onnx_export_reference.py, same seeded weights and inputs) and torch4j's own, and the
 * file reads back with Onnx.load to the same outputs.
 */
class ExportModelsTest {

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("lenet5", (Supplier<Module>) TestModels.LeNet5::new, DType.FLOAT32),
                Arguments.of("lstm_classifier", (Supplier<Module>) TestModels.LstmClassifier::new, DType.INT64),
                Arguments.of("transformer_classifier", (Supplier<Module>) TestModels.TransformerClassifier::new, DType.INT64),
                Arguments.of("resnet18_shaped", (Supplier<Module>) TestModels.ResNet18Shaped::new, DType.FLOAT32));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> reference(String name) throws Exception {
        try (InputStream in = ExportModelsTest.class.getResourceAsStream("/reference/export/models.json")) {
            Map<String, Object> all = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (Map<String, Object>) ((Map<String, Object>) all.get("cases")).get(name);
        }
    }

    @SuppressWarnings("unchecked")
    static Tensor tensor(Map<String, Object> c, String values, String shape, DType dtype) {
        List<Number> v = (List<Number>) c.get(values);
        long[] s = ((List<Number>) c.get(shape)).stream().mapToLong(Number::longValue).toArray();
        double[] d = v.stream().mapToDouble(Number::doubleValue).toArray();
        return Torch.tensor(d, d.length).reshape(s).to(dtype);
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void exportedModelMatchesPyTorchInOrt(String name, Supplier<Module> build, DType inputType, @TempDir Path dir) throws Exception {
        Map<String, Object> ref = reference(name);
        Torch.manualSeed(0);
        Module m = build.get();
        m.train();
        try (var g = Torch.noGrad()) {
            m.call(tensor((Map<String, Object>) ref.get("warm"), "values", "shape", inputType));
        }
        m.eval();
        Function<List<Tensor>, List<Tensor>> f = xs -> List.of(m.call(xs.get(0)));
        Map<String, Object> b2 = (Map<String, Object>) ref.get("batch2"), b5 = (Map<String, Object>) ref.get("batch5");
        Tensor x2 = tensor(b2, "input", "input_shape", inputType), x5 = tensor(b5, "input", "input_shape", inputType);
        Path file = dir.resolve(name + ".onnx");
        Onnx.export(m, List.of(x2), f, file, ExportCheck.options(1, 1).build());
        for (Map<String, Object> b : List.of(b2, b5)) {
            Tensor x = b == b2 ? x2 : x5;
            Tensor pytorch = tensor(b, "output", "output_shape", DType.FLOAT32);
            String what = name + " at batch " + x.size(0);
            ExportCheck.assertClose(pytorch, ExportCheck.expected(m, f, List.of(x)).get(0), what + ": torch4j vs PyTorch");
            ExportCheck.assertClose(pytorch, Onnx.runWithOrt(file, Map.of("in0", x)).get("out0"), what + ": ORT vs PyTorch");
            ExportCheck.ortMatches(file, m, f, List.of(x), what);
        }
        ExportCheck.roundTrips(file, m, f, List.of(x5), name);
    }
}
