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
import org.torch4j.fft.Fft;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;

/**
 * The CPU backend's FFT kernels through the SPI ({@code Backend.fftC2C} and {@code fftR2C}, output allocation
 * included), the workloads of {@code benchmarks/pytorch/fft.py}: a complex FFT and a real FFT of one line of
 * n = 256, 400, 512, 1024, 4096, 65536 and the prime 1009 (Bluestein), float32 and float64, and the real FFT
 * of a 256 x 512 batch; {@code fftApi} and {@code rfftBatch256Api} time the same through {@code org.torch4j.fft.Fft}.
 * Microseconds per call.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -jar benchmarks/target/benchmarks.jar FftBenchmark -p threads=1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class FftBenchmark {

    @Param({"256", "400", "512", "1024", "4096", "65536", "1009"})
    public int n;

    @Param({"float32", "float64"})
    public String dtype;

    @Param({"1"})
    public int threads;

    private Backend cpu;
    private DType type;
    private Tensor complex, real, batch, z;

    /** Seeded inputs, the backend, one thread. */
    @Setup
    public void setUp() {
        Torch.setNumThreads(threads);
        Torch.manualSeed(0);
        cpu = BackendRegistry.require("cpu");
        type = DType.of(dtype);
        complex = Torch.randn(new long[] {1, n, 2}, type);
        real = Torch.randn(new long[] {1, n}, type);
        batch = Torch.randn(new long[] {256, 512}, type);
        z = Torch.viewAsComplex(Torch.randn(new long[] {n, 2}, type));
    }

    /** One complex FFT of n points through the SPI. */
    @Benchmark
    public Tensor fft() {
        Tensor out = Torch.empty(new long[] {1, n, 2}, type);
        cpu.fftC2C(complex.strided(), out.strided(), false);
        return out;
    }

    /** One real FFT of n points through the SPI. */
    @Benchmark
    public Tensor rfft() {
        Tensor out = Torch.empty(new long[] {1, n / 2 + 1, 2}, type);
        cpu.fftR2C(real.strided(), out.strided());
        return out;
    }

    /** The same complex FFT through {@code Fft.fft}: the api's layout handling and allocation on top of the kernel. */
    @Benchmark
    public Tensor fftApi() {
        return Fft.fft(z);
    }

    /** Independent of n: run with {@code -p n=512}. */
    @Benchmark
    public Tensor rfftBatch256() {
        Tensor out = Torch.empty(new long[] {256, 257, 2}, type);
        cpu.fftR2C(batch.strided(), out.strided());
        return out;
    }

    /** The batched real FFT through {@code Fft.rfft}; independent of n. */
    @Benchmark
    public Tensor rfftBatch256Api() {
        return Fft.rfft(batch);
    }
}
