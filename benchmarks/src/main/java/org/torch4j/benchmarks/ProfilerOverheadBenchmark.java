package org.torch4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.profiler.Profiler;

/**
 * What the profiler costs per op: TinyOpBenchmark's chain of 10,000 tiny ops (16-element add and mul) with no
 * profiler, and with one recording (each op is an allocation and a kernel: two events), with and without shapes.
 * Twin: {@code benchmarks/pytorch/profiler_overhead.py}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ProfilerOverheadBenchmark {

    static final int CHAIN = 10_000;

    /** "off", "record" or "shapes" (recording with recordShapes). */
    @Param({"off", "record", "shapes"})
    public String mode;

    private Tensor x;
    private Profiler profiler;

    @Setup
    public void setUp() {
        Torch.setNumThreads(1);
        x = Torch.rand(16);
    }

    @Setup(Level.Invocation)
    public void startProfiler() {
        if (!mode.equals("off")) profiler = Profiler.builder().recordShapes(mode.equals("shapes")).start();
    }

    @TearDown(Level.Invocation)
    public void stopProfiler() {
        if (profiler != null) profiler.close();
        profiler = null;
    }

    /** 10,000 alternating add and mul. */
    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public Tensor chain() {
        Tensor c = x;
        for (int i = 0; i < CHAIN / 2; i++) c = c.add(x).mul(0.5);
        return c;
    }
}
