package org.torch4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.torch4j.onnx.ConformanceRunner.Result;
import org.torch4j.onnx.ConformanceRunner.Status;
import org.torch4j.onnx.ConformanceRunner.Summary;

/** The ONNX backend test suite of Debian's libonnx-testdata, run through the importer. */
class NodeSuiteTest {

    static final Path DATA = Path.of("/usr/share/libonnx-testdata/data");

    /** Operators every one of whose cases must pass. */
    static final Set<String> ACCEPTANCE = Set.of(
            "Abs", "Add", "And", "ArgMax", "ArgMin", "AveragePool", "BatchNormalization", "BitShift", "Cast", "Ceil", "Clip", "Concat",
            "Constant", "ConstantOfShape", "Conv", "ConvTranspose", "Cos", "CumSum", "Div", "Dropout", "Einsum", "Elu", "Equal",
            "Erf", "Exp", "Expand", "Flatten", "Floor", "Gather", "GatherElements", "Gemm", "GlobalAveragePool", "GlobalMaxPool",
            "Greater", "GreaterOrEqual", "GRU", "HardSigmoid", "HardSwish", "Identity", "If", "InstanceNormalization",
            "LayerNormalization", "LeakyRelu", "Less", "LessOrEqual", "Log", "LogSoftmax", "Loop", "LSTM", "MatMul", "Max", "MaxPool",
            "Mean", "Min", "Mod", "Mul", "Neg", "Not", "OptionalGetElement", "OptionalHasElement", "Or", "Pad", "Pow", "PRelu",
            "Range", "Reciprocal", "ReduceL2", "ReduceLogSumExp", "ReduceMax", "ReduceMean", "ReduceMin", "ReduceProd", "ReduceSum",
            "Relu", "Reshape", "Resize", "RNN", "ScatterElements", "Selu", "SequenceInsert", "SequenceMap", "Shape", "Sigmoid",
            "Sign", "Sin", "Slice", "Softmax", "Softplus", "Split", "Sqrt", "Squeeze", "StringNormalizer", "Sub", "Sum", "Tanh",
            "Tile", "TopK", "Transpose", "Trilu", "Unsqueeze", "Where", "Xor");

    /** Cases allowed to fail: numpy's random numbers, and ONNX 1.12's truncating bfloat16 cast. */
    static final Set<String> EXCEPTIONS = Set.of("test_training_dropout", "test_training_dropout_default",
            "test_training_dropout_default_mask", "test_training_dropout_mask", "test_cast_FLOAT_to_BFLOAT16");

    static Summary run(String suite) throws Exception {
        Path dir = DATA.resolve(suite);
        assumeTrue(Files.isDirectory(dir), "libonnx-testdata is not installed (run ./torch4j test as root to install it): " + dir);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        Summary s = new ConformanceRunner(ConformanceRunner.Options.defaults())
                .run(List.of(dir), new PrintStream(lines, true, StandardCharsets.UTF_8));
        for (Result r : s.results()) if (r.status() == Status.FAIL) System.out.println(r);
        System.out.println(suite + ": " + s.line());
        return s;
    }

    @Test
    void nodeSuite() throws Exception {
        Summary s = run("node");
        List<String> broken = new ArrayList<>();
        for (Result r : s.results()) {
            if (!ACCEPTANCE.contains(r.operator()) || r.status() == Status.PASS || EXCEPTIONS.contains(r.name())) continue;
            broken.add(r.toString());
        }
        assertEquals(List.of(), broken, "acceptance-list operators with failing cases");
        // sequences, optionals, unsigned 16/32/64-bit integers and strings are all run
        assertEquals(List.of(), s.results().stream().filter(r -> r.status() == Status.SKIP).map(Result::toString).toList(), "skipped cases");
        long all = s.results().size(), passed = s.count(Status.PASS);
        System.out.printf("node: %d of %d cases pass (%.1f%%)%n", passed, all, 100.0 * passed / all);
        assertTrue(passed >= 0.85 * all, passed + " of " + all + " cases pass, fewer than 85%");
    }

    @Test
    void pytorchAndSimpleSuites() throws Exception {
        for (String suite : List.of("pytorch-converted", "pytorch-operator", "simple")) {
            Summary s = run(suite);
            assertEquals(0, s.count(Status.FAIL), suite + ": " + s.line());
            assertEquals(0, s.count(Status.SKIP), suite + ": " + s.line());
        }
    }
}
