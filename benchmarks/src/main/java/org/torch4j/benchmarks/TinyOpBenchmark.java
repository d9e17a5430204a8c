package org.torch4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Per-op overhead: a chain of 10,000 tiny ops on a 16-element tensor (the "microseconds per
 * op"), and the backward of such a chain (microseconds per graph node).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class TinyOpBenchmark {

    static final int CHAIN = 10_000;

    private Tensor x, w;

    @Setup
    public void setUp() {
        Torch.setNumThreads(1);
        x = Torch.rand(16);
        w = Torch.rand(16).requiresGrad_();
    }

    /** 10,000 alternating add and mul: the result is the op time per element of the chain. */
    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public Tensor forwardChain() {
        Tensor c = x;
        for (int i = 0; i < CHAIN / 2; i++) c = c.add(x).mul(0.5);
        return c;
    }

    /** Backward through 10,000 recorded ops; the forward is built outside the timing by JMH's setup. */
    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public Tensor backwardChain(Graph g) {
        g.loss.backward();
        return w.grad();
    }

    @State(Scope.Thread)
    public static class Graph {
        Tensor loss;

        @Setup(org.openjdk.jmh.annotations.Level.Invocation)
        public void build(TinyOpBenchmark b) {
            b.w.setGrad(null);
            Tensor c = b.w;
            for (int i = 0; i < CHAIN - 1; i++) c = c.mul(1.0001);
            loss = c.sum();
        }
    }
}
