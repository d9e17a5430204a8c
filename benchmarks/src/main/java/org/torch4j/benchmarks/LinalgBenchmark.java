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
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.linalg.Linalg;

/**
 * {@code torch.linalg}'s LU family on the CPU, the workloads of {@code benchmarks/pytorch/linalg.py}:
 * {@code solve(A, B)} with B n x n and {@code inv(A)} for n = 64, 256, 1024 in float32 and float64, the inverse
 * of a batch of 10,000 3 x 3 matrices, and the Cholesky factor of a 512 x 512 SPD matrix. Time per call
 * (including the transfer to host double arrays and back that every factorization does).
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -jar benchmarks/target/benchmarks.jar LinalgBenchmark -p threads=1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class LinalgBenchmark {

    @Param({"64", "256", "1024"})
    public int n;

    @Param({"float64", "float32"})
    public String dtype;

    @Param({"1"})
    public int threads;

    private Tensor a, b;

    @Setup
    public void setUp() {
        Torch.setNumThreads(threads);
        Torch.manualSeed(0);
        DType d = DType.of(dtype);
        // well-conditioned as in linalg.py: random plus n on the diagonal
        a = Torch.randn(new long[] {n, n}, DType.FLOAT64).add(Torch.eye(n).toDouble().mul(n)).to(d);
        b = Torch.randn(new long[] {n, n}, d);
    }

    @Benchmark
    public Tensor solve() {
        return Linalg.solve(a, b);
    }

    @Benchmark
    public Tensor inv() {
        return Linalg.inv(a);
    }

    /** The workloads that do not vary with n and dtype: run with {@code -p n=64 -p dtype=float64} only. */
    @State(Scope.Thread)
    public static class Fixed {
        Tensor small, spd;

        @Setup
        public void setUp() {
            Torch.manualSeed(0);
            small = Torch.randn(new long[] {10_000, 3, 3}, DType.FLOAT64).add(Torch.eye(3).toDouble().mul(3));
            Tensor x = Torch.randn(new long[] {512, 512}, DType.FLOAT64);
            spd = x.matmul(x.mT()).add(Torch.eye(512).toDouble().mul(512));
        }
    }

    @Benchmark
    public Tensor invBatch3x3(Fixed f) {
        return Linalg.inv(f.small);
    }

    @Benchmark
    public Tensor cholesky512(Fixed f) {
        return Linalg.cholesky(f.spd);
    }
}
