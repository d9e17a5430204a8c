package org.torch4j.benchmarks;

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

/**
 * Memory-bound elementwise ops over 16M floats (the GB/s workloads): {@code a + b},
 * {@code relu}, {@code exp}; and {@code sin}, {@code cos} of angles in [-100, 100). Each invocation allocates its
 * output, as an eager op does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx8g"})
public class ElementwiseBenchmark {

    @Param({"16777216"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    private Tensor a, b, angles;

    @Setup(Level.Trial)
    public void setUp() {
        Torch.setNumThreads(threads);
        a = Torch.rand(n);
        b = Torch.rand(n);
        angles = a.mul(200).sub(100);
    }

    @TearDown(Level.Invocation)
    public void release() {
        // outputs are dropped; the collector reclaims them
    }

    @Benchmark
    public Tensor add() {
        return a.add(b);
    }

    @Benchmark
    public Tensor relu() {
        return a.relu();
    }

    @Benchmark
    public Tensor exp() {
        return a.exp();
    }

    @Benchmark
    public Tensor sin() {
        return angles.sin();
    }

    @Benchmark
    public Tensor cos() {
        return angles.cos();
    }
}
