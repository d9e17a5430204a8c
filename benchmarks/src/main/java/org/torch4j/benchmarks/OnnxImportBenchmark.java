package org.torch4j.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.Onnx;
import org.torch4j.onnx.OnnxModule;

/**
 * An imported ONNX ResNet-18 (torchvision's, 224x224, exported by PyTorch 1.13 with a dynamic batch)
 * run by torch4j and by ONNX Runtime Java in the same JVM, same input, same thread count: milliseconds
 * per batch. The model (and PyTorch's own time on it) comes from {@code benchmarks/pytorch/resnet18_onnx.py}:
 *
 * <pre>
 * /usr/bin/python3 benchmarks/pytorch/resnet18_onnx.py benchmarks/target/resnet18.onnx
 * java --add-modules=jdk.incubator.vector -jar benchmarks/target/benchmarks.jar OnnxImport
 * </pre>
 *
 * {@code -Dtorch4j.bench.model=PATH} (passed with {@code -jvmArgsAppend}) picks another model file.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class OnnxImportBenchmark {

    @Param({"1", "8"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    private OnnxModule model;
    private Tensor input;
    private OrtEnvironment env;
    private OrtSession session;
    private OnnxTensor ortInput;
    private String inputName;

    @Setup(Level.Trial)
    public void setUp() throws IOException, OrtException {
        Path file = Path.of(System.getProperty("torch4j.bench.model", "benchmarks/target/resnet18.onnx"));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no model at " + file.toAbsolutePath()
                    + ": run /usr/bin/python3 benchmarks/pytorch/resnet18_onnx.py benchmarks/target/resnet18.onnx first");
        }
        Torch.setNumThreads(threads);
        Torch.manualSeed(0);
        model = Onnx.load(file);
        model.eval();
        input = Torch.randn(batch, 3, 224, 224);
        inputName = model.inputNames().get(0);

        env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = env.createSession(file.toString(), options);
        ortInput = OnnxTensor.createTensor(env, FloatBuffer.wrap(input.toFloatArray()), input.shape());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        ortInput.close();
        session.close();
    }

    @Benchmark
    public Tensor torch4j() {
        try (var noGrad = Torch.noGrad()) {
            return model.forward(input);
        }
    }

    @Benchmark
    public Object onnxRuntime() throws OrtException {
        try (OrtSession.Result r = session.run(Map.of(inputName, ortInput))) {
            return ((float[][]) r.get(0).getValue())[0][0];
        }
    }
}
