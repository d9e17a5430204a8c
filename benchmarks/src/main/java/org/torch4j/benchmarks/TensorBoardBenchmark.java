package org.torch4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.tensorboard.SummaryWriter;

/**
 * What TensorBoard logging costs in a training loop: {@code addScalar} of a loss tensor (the event built, framed and
 * queued; a write to disk every ten, as the default queue does), {@code addHistogram} of a 256 x 256 weight with
 * the default bins, and {@code addImage} of a 3 x 64 x 64 image. Twin: {@code benchmarks/pytorch/summary_writer.py}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class TensorBoardBenchmark {
    private Path dir;
    private SummaryWriter writer;
    private Tensor loss, weight, image;
    private long step;

    @Setup
    public void setUp() throws IOException {
        Torch.setNumThreads(1);
        Torch.manualSeed(0);
        dir = Files.createTempDirectory("tb-bench");
        writer = new SummaryWriter(dir);
        loss = Torch.tensor(0.25f);
        weight = Torch.randn(256, 256);
        image = Torch.rand(3, 64, 64);
    }

    @TearDown
    public void tearDown() throws IOException {
        writer.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public void scalar() {
        writer.addScalar("loss/train", loss, step++);
    }

    @Benchmark
    public void histogram() {
        writer.addHistogram("weight", weight, step++);
    }

    @Benchmark
    public void image() {
        writer.addImage("input", image, step++);
    }
}
