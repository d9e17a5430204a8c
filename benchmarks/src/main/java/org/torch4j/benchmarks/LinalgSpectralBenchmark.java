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
import org.torch4j.backend.cpu.Parallel;
import org.torch4j.linalg.Linalg;

/**
 * The spectral decompositions of {@code org.torch4j.linalg} on one thread, float64: QR, symmetric eigen
 * ({@code eigh} of {@code A + A^T}) and SVD of an n x n standard normal matrix, and the SVD of a batch of
 * 1,000 3 x 3 matrices (where per-matrix overhead dominates). The same workloads in PyTorch:
 * {@code benchmarks/pytorch/linalg_spectral.py}.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -jar benchmarks/target/benchmarks.jar LinalgSpectralBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class LinalgSpectralBenchmark {

    @Param({"64", "256"})
    public int n;

    private Tensor a, sym, batch;

    @Setup
    public void setUp() {
        Parallel.setThreads(1);
        Torch.manualSeed(0);
        a = Torch.randn(n, n).to(DType.FLOAT64);
        sym = a.add(a.mT()).contiguous();
        batch = Torch.randn(1000, 3, 3).to(DType.FLOAT64);
    }

    @Benchmark
    public Tensor qr() {
        return Linalg.qr(a).R();
    }

    @Benchmark
    public Tensor eigh() {
        return Linalg.eigh(sym).eigenvectors();
    }

    @Benchmark
    public Tensor svd() {
        return Linalg.svd(a, false).U();
    }

    /** Independent of n (run once per n value; read either row). */
    @Benchmark
    public Tensor svdBatch1000x3x3() {
        return Linalg.svd(batch, false).U();
    }
}
