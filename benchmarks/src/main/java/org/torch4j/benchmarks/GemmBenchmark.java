package org.torch4j.benchmarks;

import java.util.Random;
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
import org.torch4j.backend.cpu.Parallel;
import org.torch4j.backend.cpu.gemm.Gemm;

/**
 * The CPU backend's float32 GEMM on square n × n matrices: {@code C = A · B} with row-major operands
 * ({@code sgemm}, the workload of {@code benchmarks/pytorch/gemm.py}: {@code torch.mm}), with B
 * transposed ({@code sgemmTransposedB}, as in a linear layer {@code x · Wᵀ}) and with A transposed
 * ({@code sgemmTransposedA}, as in a weight gradient {@code dYᵀ · x}). Time per product; GFLOP/s = 2n³ / time.
 * {@link GemmLayoutBenchmark} has the rectangular shapes of a training step.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -jar benchmarks/target/benchmarks.jar GemmBenchmark -p n=1024
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class GemmBenchmark {

    @Param({"256", "512", "1024", "2048"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    private float[] a, b, c;

    @Setup
    public void setUp() {
        Parallel.setThreads(threads);
        Random r = new Random(0);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat();
            b[i] = r.nextFloat();
        }
    }

    @Benchmark
    public float[] sgemm() {
        Gemm.sgemm(n, n, n, 1f, a, 0, n, 1, b, 0, n, 1, 0f, c, 0, n, 1);
        return c;
    }

    @Benchmark
    public float[] sgemmTransposedB() {
        // B's storage read as its transpose: element (p, j) at j*n + p
        Gemm.sgemm(n, n, n, 1f, a, 0, n, 1, b, 0, 1, n, 0f, c, 0, n, 1);
        return c;
    }

    @Benchmark
    public float[] sgemmTransposedA() {
        // A's storage read as its transpose: element (i, p) at p*n + i
        Gemm.sgemm(n, n, n, 1f, a, 0, 1, n, b, 0, n, 1, 0f, c, 0, n, 1);
        return c;
    }
}
