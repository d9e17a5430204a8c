package org.torch4j.benchmarks;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;
import org.torch4j.onnx.Onnx;
import org.torch4j.onnx.OnnxModule;
import org.torch4j.onnx.export.OrtRunner;

/**
 * Issue 8's import-speed item: a ResNet-18-shaped network (torchvision's layout at widths 16..128,
 * 64x64 images) exported to ONNX, then run from that file by torch4j ({@code Onnx.load}) and by ONNX
 * Runtime Java, at batch 1 and 8, with the same number of threads. {@code main} prints the ratio.
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.OnnxRuntimeComparison</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class OnnxRuntimeComparison {

    @Param({"1", "8"})
    public int batch;

    /** Threads for both runtimes (0: the machine's processors). */
    @Param({"0"})
    public int threads;

    private Path dir;
    private Module model;
    private OnnxModule imported;
    private OrtEnvironment env;
    private OrtSession session;
    private Tensor x;

    /** Exports the model, imports it back and opens an ORT session on the file. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        Torch.setNumThreads(n);
        Torch.manualSeed(0);
        model = resnet18Shaped();
        model.eval();
        dir = Files.createTempDirectory("torch4j-ort-bench");
        Path file = dir.resolve("resnet18.onnx");
        Onnx.export(model, Torch.randn(2, 3, 64, 64), file);
        imported = Onnx.load(file);
        imported.eval();
        env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setIntraOpNumThreads(n);
        session = env.createSession(file.toString(), so);
        so.close();
        x = Torch.randn(batch, 3, 64, 64);
    }

    /** Closes the session and deletes the model file. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        session.close();
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) Files.delete(p);
        }
        Files.delete(dir);
    }

    /** torch4j running the model read back by {@code Onnx.load}. */
    @Benchmark
    public Tensor torch4j() {
        try (var g = Torch.noGrad()) {
            return imported.forward(x);
        }
    }

    /** The same network run eagerly as the torch4j module it was exported from (the importer's overhead is the difference). */
    @Benchmark
    public Tensor torch4jEager() {
        try (var g = Torch.noGrad()) {
            return model.call(x);
        }
    }

    /** ONNX Runtime Java on the same file, one open session. */
    @Benchmark
    public Map<String, Tensor> onnxRuntime() throws Exception {
        return OrtRunner.run(env, session, Map.of("input", x));
    }

    /** A convolution without bias, as torchvision's. */
    static Conv2d conv(long in, long out, long k, long stride, long pad) {
        return new Conv2d(in, out, new long[] {k}, new long[] {stride}, new long[] {pad}, new long[] {1}, 1, false, "zeros");
    }

    /** conv3x3-bn-relu-conv3x3-bn plus the (projected) input, relu. */
    static final class BasicBlock extends Module {
        final Module body, shortcut;

        BasicBlock(long in, long out, long stride) {
            body = registerModule("body", Sequential.of(conv(in, out, 3, stride, 1), new BatchNorm2d(out),
                    new org.torch4j.nn.ReLU(), conv(out, out, 3, 1, 1), new BatchNorm2d(out)));
            shortcut = stride != 1 || in != out
                    ? registerModule("shortcut", Sequential.of(conv(in, out, 1, stride, 0), new BatchNorm2d(out))) : null;
        }

        @Override
        public Tensor forward(Tensor x) {
            return body.call(x).add(shortcut == null ? x : shortcut.call(x)).relu();
        }
    }

    /** Stem, 4 stages of 2 BasicBlocks, global average pool, fc (ResNet-18's layout). */
    static Module resnet18Shaped() {
        Module stem = Sequential.of(conv(3, 16, 7, 2, 3), new BatchNorm2d(16), new org.torch4j.nn.ReLU());
        long[] widths = {16, 32, 64, 128};
        Module[] blocks = new Module[8];
        long in = 16;
        for (int s = 0; s < 4; s++) {
            blocks[2 * s] = new BasicBlock(in, widths[s], s == 0 ? 1 : 2);
            blocks[2 * s + 1] = new BasicBlock(widths[s], widths[s], 1);
            in = widths[s];
        }
        Module body = Sequential.of(blocks);
        Linear fc = new Linear(128, 10);
        return new Module() {
            final Module st = registerModule("stem", stem), bd = registerModule("layers", body), head = registerModule("fc", fc);

            @Override
            public Tensor forward(Tensor x) {
                Tensor h = F.maxPool2d(st.call(x), new long[] {3}, new long[] {2}, new long[] {1}, new long[] {1}, false);
                return head.call(F.adaptiveAvgPool2d(bd.call(h), 1, 1).flatten(1, -1));
            }
        };
    }

    /** Runs both benchmarks and prints torch4j's time over ONNX Runtime's for each batch size. */
    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(OnnxRuntimeComparison.class.getSimpleName()).build()).run();
        for (String b : new String[] {"1", "8"}) {
            double t4j = score(results, "torch4j", b), eager = score(results, "torch4jEager", b), ort = score(results, "onnxRuntime", b);
            System.out.printf("batch %s: torch4j (imported) %.3f ms, torch4j (eager module) %.3f ms, ONNX Runtime %.3f ms, "
                    + "ratio imported/ORT = %.2f%n", b, t4j, eager, ort, t4j / ort);
        }
    }

    private static double score(Collection<RunResult> results, String method, String batch) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method) && r.getParams().getParam("batch").equals(batch))
                .findFirst().orElseThrow().getPrimaryResult().getScore();
    }
}
