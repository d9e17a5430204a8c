package org.torch4j.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.*;
import org.torch4j.nn.Module;
import org.torch4j.onnx.ExportOptions;
import org.torch4j.onnx.Onnx;
import org.torch4j.onnx.OnnxException;
import org.torch4j.onnx.proto.OnnxProto.ModelProto;
import org.torch4j.onnx.proto.OnnxProto.NodeProto;
import org.torch4j.onnx.proto.OnnxProto.TensorProto;
import org.torch4j.trace.Trace;

/** What export writes (names, dims, opsets, external data) and what it refuses. */
class ExportBehaviourTest {

    static ModelProto read(Path f) throws Exception {
        return ModelProto.parseFrom(Files.readAllBytes(f));
    }

    static Module mlp() {
        Torch.manualSeed(0);
        return Sequential.of(new Linear(6, 8), new ReLU(), new Dropout(0.5), new Linear(8, 3));
    }

    @Test
    void weightsAreInitializersUnderStateDictNamesAndDim0IsBatch(@TempDir Path dir) throws Exception {
        Module m = mlp();
        Path f = dir.resolve("mlp.onnx");
        Onnx.export(m, Torch.randn(2, 6), f);
        ModelProto model = read(f);
        Set<String> inits = model.getGraph().getInitializerList().stream().map(TensorProto::getName).collect(Collectors.toSet());
        assertEquals(Set.of("0.weight", "0.bias", "3.weight", "3.bias"), inits);
        assertEquals("input", model.getGraph().getInput(0).getName());
        assertEquals("output", model.getGraph().getOutput(0).getName());
        assertEquals("batch", model.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals(6, model.getGraph().getInput(0).getType().getTensorType().getShape().getDim(1).getDimValue());
        assertEquals("batch", model.getGraph().getOutput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals(17, model.getOpsetImport(0).getVersion());
        assertEquals("torch4j", model.getProducerName());
        Tensor x = Torch.randn(7, 6);
        ExportCheck.assertClose(ExportCheck.expected(m, xs -> List.of(m.call(xs.get(0))), List.of(x)).get(0),
                Onnx.runWithOrt(f, Map.of("input", x)).get("output"), "batch 7");
    }

    @Test
    void trainingModeModuleIsExportedInEvalModeAndRestored(@TempDir Path dir) throws Exception {
        Module m = mlp();
        m.train();
        Path f = dir.resolve("train.onnx");
        Onnx.export(m, Torch.randn(2, 6), f);
        assertTrue(m.isTraining(), "the module is back in training mode");
        assertFalse(read(f).getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("Dropout")
                || n.getOpType().startsWith("Random")), "no dropout in the graph");
        Tensor x = Torch.randn(4, 6);
        Tensor want = ExportCheck.expected(m, xs -> List.of(m.call(xs.get(0))), List.of(x)).get(0);   // eval-mode output
        ExportCheck.assertClose(want, Onnx.runWithOrt(f, Map.of("input", x)).get("output"), "eval-mode export");
    }

    @Test
    void mismatchedInputsAreClearErrors(@TempDir Path dir) {
        Module m = mlp();
        Path f = dir.resolve("bad.onnx");
        IllegalArgumentException names = assertThrows(IllegalArgumentException.class, () -> Onnx.export(m, List.of(Torch.randn(2, 6)),
                xs -> List.of(m.call(xs.get(0))), f, ExportOptions.builder().inputNames("a", "b").build()));
        assertEquals("ExportOptions gives 2 input names for 1 example inputs", names.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> Onnx.export(m, Torch.randn(2, 5), f));
        assertTrue(shape.getMessage().contains("cannot be multiplied"), shape.getMessage());
        IllegalArgumentException axis = assertThrows(IllegalArgumentException.class, () -> Onnx.export(m, Torch.randn(2, 6), f,
                ExportOptions.builder().dynamicAxes(Map.of("input", Map.of(3, "batch"))).build()));
        assertTrue(axis.getMessage().startsWith("dynamic axis 3 of input 'input' is out of range"), axis.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExportOptions.builder().opset(12).build());
    }

    @Test
    void ortRunnerNamesTheExpectedInputs(@TempDir Path dir) throws Exception {
        Module m = mlp();
        Path f = dir.resolve("m.onnx");
        Onnx.export(m, Torch.randn(2, 6), f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Onnx.runWithOrt(f, Map.of("x", Torch.randn(2, 6))));
        assertEquals("the model's inputs are [input] but [x] were given", e.getMessage());
    }

    /** A module whose forward runs {@code body} on its input. */
    static Module of(Function<Tensor, Tensor> body) {
        return new Module() {
            @Override
            public Tensor forward(Tensor input) {
                return body.apply(input);
            }
        };
    }

    @Test
    void opsWithoutExportAreRefusedNamingThem(@TempDir Path dir) {
        Path f = dir.resolve("x.onnx");
        // a kernel op that records nothing: its result would otherwise be a constant
        OnnxException cumsum = assertThrows(OnnxException.class, () -> Onnx.export(of(x -> x.cumsum(1).add(1.0)), Torch.randn(2, 4), f));
        assertTrue(cumsum.getMessage().startsWith("aten::cumsum (Tensor.cumsum) has no ONNX export"), cumsum.getMessage());
        // reading a traced value into Java
        OnnxException item = assertThrows(OnnxException.class, () -> Onnx.export(of(x -> x.mul(x.sum().item())), Torch.randn(2, 4), f));
        assertTrue(item.getMessage().startsWith("aten::item (Tensor.item) has no ONNX export"), item.getMessage());
        // a recorded op without a symbolic function
        OnnxException lgamma = assertThrows(OnnxException.class, () -> Onnx.export(of(Tensor::lgamma), Torch.randn(2, 4), f));
        assertTrue(lgamma.getMessage().startsWith("aten::lgamma has no ONNX export"), lgamma.getMessage());
        // a view the tracer does not see, used later by an exported op
        OnnxException unfold = assertThrows(OnnxException.class, () -> Onnx.export(of(x -> x.unfold(1, 2, 2).exp()), Torch.randn(2, 4), f));
        assertTrue(unfold.getMessage().contains("by an operation the tracer did not see"), unfold.getMessage());
        // adaptive pooling with uneven windows
        OnnxException pool = assertThrows(OnnxException.class, () -> Onnx.export(new AdaptiveAvgPool2d(3, 3), Torch.randn(2, 1, 7, 7), f));
        assertTrue(pool.getMessage().startsWith("aten::adaptive_avg_pool cannot be exported to ONNX: adaptive pooling from size 7 to 3"),
                pool.getMessage());
        assertFalse(Trace.recording(), "tracing ended with the failed export");
    }

    @Test
    void constantsThatDoNotDependOnInputsAreFolded(@TempDir Path dir) throws Exception {
        // a causal mask built from the (static) sequence length: an initializer, not nodes
        Module m = of(x -> {
            long t = x.size(1);
            Tensor mask = Torch.ones(t, t).triu(1).mul(-1e9);
            return F.softmax(x.matmul(x.transpose(1, 2)).add(mask), -1);
        });
        Path f = dir.resolve("mask.onnx");
        Onnx.export(m, Torch.randn(2, 4, 3), f);
        List<String> ops = read(f).getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
        assertEquals(List.of("Transpose", "MatMul", "Add", "Softmax", "Identity"), ops);
        Tensor x = Torch.randn(5, 4, 3);
        ExportCheck.assertClose(ExportCheck.expected(m, xs -> List.of(m.call(xs.get(0))), List.of(x)).get(0),
                Onnx.runWithOrt(f, Map.of("input", x)).get("output"), "masked attention at batch 5");
    }

    /** LayerNorm, reductions and softmax differ across opsets (Reduce* axes: attribute before 18, input from 18). */
    @ParameterizedTest(name = "opset {0}")
    @ValueSource(ints = {13, 14, 15, 16, 17, 18})
    void everySupportedOpsetRunsInOrt(int opset, @TempDir Path dir) throws Exception {
        Torch.manualSeed(0);
        LayerNorm ln = new LayerNorm(6);
        Linear fc = new Linear(6, 4);
        Module m = Sequential.of(ln, fc);
        Function<List<Tensor>, List<Tensor>> f = xs -> {
            Tensor h = m.call(xs.get(0));
            return List.of(h.mean(new int[] {1}, false), h.sum(new int[] {-1}, true), F.logSoftmax(h, -1), h.amax(new int[] {1}, false));
        };
        Path file = dir.resolve("opset" + opset + ".onnx");
        Onnx.export(m, List.of(Torch.randn(2, 3, 6)), f, file, ExportCheck.options(1, 4).opset(opset).build());
        ModelProto model = read(file);
        assertEquals(opset, model.getOpsetImport(0).getVersion());
        NodeProto mean = model.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("ReduceMean")).reduce((a, b) -> b).orElseThrow();
        assertEquals(opset >= 18 ? 2 : 1, mean.getInputCount(), "ReduceMean axes as input from opset 18");
        assertEquals(opset >= 17, model.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("LayerNormalization")));
        ExportCheck.ortMatches(file, m, f, List.of(Torch.randn(5, 3, 6)), "opset " + opset);
    }

    @Test
    void externalDataWhenAsked(@TempDir Path dir) throws Exception {
        Module m = mlp();
        Path f = dir.resolve("ext.onnx");
        Onnx.export(m, Torch.randn(2, 6), f, ExportOptions.builder().externalData(true).build());
        assertTrue(Files.size(dir.resolve("ext.onnx.data")) >= 4096 + 8 * 3 * 4, "weights in the data file");
        TensorProto w = read(f).getGraph().getInitializerList().stream().filter(t -> t.getName().equals("3.weight")).findFirst().orElseThrow();
        assertEquals(TensorProto.DataLocation.EXTERNAL, w.getDataLocation());
        assertEquals(Map.of("location", "ext.onnx.data", "offset", "8192", "length", "96"),
                w.getExternalDataList().stream().collect(Collectors.toMap(e -> e.getKey(), e -> e.getValue())));
        Function<List<Tensor>, List<Tensor>> fn = xs -> List.of(m.call(xs.get(0)));
        Tensor x = Torch.randn(3, 6);
        ExportCheck.assertClose(ExportCheck.expected(m, fn, List.of(x)).get(0), Onnx.runWithOrt(f, Map.of("input", x)).get("output"), "ORT");
        ExportCheck.assertClose(ExportCheck.expected(m, fn, List.of(x)).get(0), Onnx.load(f).forward(x), "Onnx.load");
    }
}
