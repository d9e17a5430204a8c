package org.torch4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * A linear layer on a small batch, the shape of inference and serving: {@code F.linear(x, W)} with x
 * {@code [rows, 1024]} and W {@code [1024, 1024]} in float32 on the CPU backend (all threads), through the
 * public api. Counterpart: {@code benchmarks/pytorch/linear_small_batch.py}.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -jar benchmarks/target/benchmarks.jar LinearSmallBatchBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class LinearSmallBatchBenchmark {

    @Param({"1", "2", "4", "8", "16"})
    public int rows;

    private Tensor x, w;

    @Setup
    public void setUp() {
        Torch.manualSeed(0);
        x = Torch.rand(rows, 1024);
        w = Torch.rand(1024, 1024);
    }

    @Benchmark
    public double linear() {
        try (var scope = Torch.scope(); var noGrad = Torch.noGrad()) {
            return F.linear(x, w, null).numel();
        }
    }
}
