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
import org.openjdk.jmh.annotations.Warmup;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * float32 (and a few float64) sums, means, variances, norms and maxima over kept and reduced dense dims: the workloads of the "Float reductions" section of
 * BENCHMARKS.md. {@code benchmarks/pytorch/float_reductions.py} times the same calls in PyTorch. The "Dim0" ones keep
 * the dense dim (the CPU backend's outer strategy, rows added in a cascade); the others reduce it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class FloatReductionBenchmark {

    @Param({"1", "2"})
    public int threads;

    private Tensor tall, square, bias, batch, images, flat, flatDouble;

    /** Builds the operands once; their values follow {@code Torch.manualSeed(0)}. */
    @Setup(Level.Trial)
    public void setUp() {
        Torch.setNumThreads(threads);
        Torch.manualSeed(0);
        tall = Torch.rand(1 << 20, 16);
        square = Torch.rand(2048, 2048);
        bias = Torch.rand(256, 1024);
        batch = Torch.rand(64, 64, 3136);
        images = Torch.rand(32, 64, 56, 56);
        flat = Torch.rand(1 << 24);
        flatDouble = flat.toDouble();
    }

    /** Times {@code tall.sum(0)}: 2^20 rows of 16. */
    @Benchmark public Tensor sumDim0Tall() { return tall.sum(0); }
    /** Times {@code square.sum(0)}: 2048 x 2048. */
    @Benchmark public Tensor sumDim0Square() { return square.sum(0); }
    /** Times {@code square.sum(1)}. */
    @Benchmark public Tensor sumDim1Square() { return square.sum(1); }
    /** Times {@code bias.sum(0)}: a linear layer's bias gradient, batch 256, 1024 features. */
    @Benchmark public Tensor sumDim0Bias() { return bias.sum(0); }
    /** Times {@code batch.sum(0)}: [64, 64, 3136] over the batch. */
    @Benchmark public Tensor sumDim0Batch() { return batch.sum(0); }
    /** Times {@code images.mean((0, 2, 3))}: per-channel means of [32, 64, 56, 56], as batch norm's statistics. */
    @Benchmark public Tensor meanChannels() { return images.mean(new int[] {0, 2, 3}, false); }
    /** Times {@code flat.sum()}: 2^24 elements. */
    @Benchmark public Tensor sumAll() { return flat.sum(); }
    /** Times {@code flatDouble.sum()}: 2^24 float64 elements. */
    @Benchmark public Tensor sumAllDouble() { return flatDouble.sum(); }
    /** Times {@code flat.var()}: 2^24 elements. */
    @Benchmark public Tensor varAll() { return flat.var(); }
    /** Times {@code flat.std()}. */
    @Benchmark public Tensor stdAll() { return flat.std(); }
    /** Times {@code flat.norm()}: the 2-norm of 2^24 elements. */
    @Benchmark public Tensor normAll() { return flat.norm(); }
    /** Times {@code flat.amax()}. */
    @Benchmark public Tensor amaxAll() { return flat.amax(); }
    /** Times {@code flatDouble.amax()}. */
    @Benchmark public Tensor amaxAllDouble() { return flatDouble.amax(); }
    /** Times {@code square.var(1)}: the variance of each of 2048 rows of 2048. */
    @Benchmark public Tensor varDim1Square() { return square.var(new int[] {1}, 1, false); }
    /** Times {@code square.norm(dim=1)}. */
    @Benchmark public Tensor normDim1Square() { return square.norm(2, new int[] {1}, false); }
    /** Times {@code square.var(0)}: the variance of each of 2048 columns (the dense dim kept). */
    @Benchmark public Tensor varDim0Square() { return square.var(new int[] {0}, 1, false); }
    /** Times {@code square.norm(dim=0)}. */
    @Benchmark public Tensor normDim0Square() { return square.norm(2, new int[] {0}, false); }
    /** Times {@code tall.std(0)}: 16 columns of 2^20 rows. */
    @Benchmark public Tensor stdDim0Tall() { return tall.std(new int[] {0}, 1, false); }
}
