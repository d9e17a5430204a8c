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
 * The float32 GEMM on the rectangular products of a linear layer's training step, {@code C(m×n) = A(m×k) · B(k×n)}
 * in the three operand layouts it takes: {@code NT}, the forward pass {@code x · Wᵀ} (B transposed);
 * {@code NN}, the input gradient {@code dY · W}; {@code TN}, the weight gradient {@code dYᵀ · x} (A transposed:
 * element (i, p) at {@code p*m + i}). The shapes are a transformer layer's (d_model 512, feed-forward 2048,
 * 512 or 2048 tokens) and the in-projection weight gradient of {@link TransformerStep} (768 × 256 × 2048).
 * Time per product; GFLOP/s = 2mnk / time.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -jar benchmarks/target/benchmarks.jar GemmLayout -p layout=TN
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class GemmLayoutBenchmark {

    /** {@code m x n x k}. */
    @Param({"512x512x2048", "2048x512x512", "512x2048x512", "768x256x2048"})
    public String shape;

    /** Row-major (N) or transposed (T), for A then B. */
    @Param({"NN", "NT", "TN"})
    public String layout;

    @Param({"1", "2"})
    public int threads;

    private int m, n, k, aRs, aCs, bRs, bCs;
    private float[] a, b, c;

    @Setup
    public void setUp() {
        Parallel.setThreads(threads);
        String[] d = shape.split("x");
        m = Integer.parseInt(d[0]);
        n = Integer.parseInt(d[1]);
        k = Integer.parseInt(d[2]);
        boolean ta = layout.charAt(0) == 'T', tb = layout.charAt(1) == 'T';
        aRs = ta ? 1 : k;
        aCs = ta ? m : 1;
        bRs = tb ? 1 : n;
        bCs = tb ? k : 1;
        Random r = new Random(0);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
    }

    @Benchmark
    public float[] sgemm() {
        Gemm.sgemm(m, n, k, 1f, a, 0, aRs, aCs, b, 0, bRs, bCs, 0f, c, 0, n, 1);
        return c;
    }
}
