package org.torch4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.fft.Fft;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;

/**
 * {@link FftBenchmark}'s workloads timed with the calling thread's CPU clock (one thread), the counterpart of
 * {@code benchmarks/pytorch/fft.py --cpu}: on a machine shared with other work, wall-clock times measure the
 * neighbours as much as the code, while CPU time does not count the time the thread waits for a core (it still
 * feels their effect on the caches). Median microseconds per call over rounds of about 0.1 s each, after a
 * warm-up; prints the same JSON lines as fft.py. Besides FftBenchmark's workloads, complex and real FFTs of
 * 64-line batches at n = 512 and 4096 (the vector-lane path).
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.FftCpuTime
 * </pre>
 */
public final class FftCpuTime {
    private FftCpuTime() {}

    /** Runs every workload in float32, then float64, and prints one JSON line each. */
    public static void main(String[] args) {
        Torch.setNumThreads(1);
        Torch.manualSeed(0);
        Backend cpu = BackendRegistry.require("cpu");
        for (String dtype : new String[] {"float32", "float64"}) {
            DType t = DType.of(dtype);
            for (int n : new int[] {256, 400, 512, 1024, 4096, 65536, 1009}) {
                Tensor z = Torch.randn(new long[] {1, n, 2}, t), x = Torch.randn(new long[] {1, n}, t);
                emit("fft.fft", n, dtype, median(() -> {
                    Tensor out = Torch.empty(new long[] {1, n, 2}, t);
                    cpu.fftC2C(z.strided(), out.strided(), false);
                    return out;
                }));
                emit("fft.rfft", n, dtype, median(() -> {
                    Tensor out = Torch.empty(new long[] {1, n / 2 + 1, 2}, t);
                    cpu.fftR2C(x.strided(), out.strided());
                    return out;
                }));
                Tensor c = Torch.viewAsComplex(z.reshape(n, 2));
                emit("fft.fft.api", n, dtype, median(() -> Fft.fft(c)));
            }
            Tensor batch = Torch.randn(new long[] {256, 512}, t);
            emit("fft.rfft.batch256", 512, dtype, median(() -> {
                Tensor out = Torch.empty(new long[] {256, 257, 2}, t);
                cpu.fftR2C(batch.strided(), out.strided());
                return out;
            }));
            emit("fft.rfft.batch256.api", 512, dtype, median(() -> Fft.rfft(batch)));
            // batches of 64 lines: the vector-lane path (float lanes for float32) at a small and a large length
            for (int n : new int[] {512, 4096}) {
                Tensor zb = Torch.randn(new long[] {64, n, 2}, t), xb = Torch.randn(new long[] {64, n}, t);
                emit("fft.fft.batch64", n, dtype, median(() -> {
                    Tensor out = Torch.empty(new long[] {64, n, 2}, t);
                    cpu.fftC2C(zb.strided(), out.strided(), false);
                    return out;
                }));
                emit("fft.rfft.batch64", n, dtype, median(() -> {
                    Tensor out = Torch.empty(new long[] {64, n / 2 + 1, 2}, t);
                    cpu.fftR2C(xb.strided(), out.strided());
                    return out;
                }));
            }
        }
    }

    private static void emit(String name, int n, String dtype, double us) {
        System.out.printf(Locale.ROOT, "{\"name\": \"%s\", \"n\": %d, \"dtype\": \"%s\", \"value\": %.3f, \"unit\": \"us\"}%n",
                name, n, dtype, us);
    }

    /**
     * Median CPU microseconds per call over 15 rounds of calls, after a warm-up of at least 1.5 s that goes on
     * (up to 10 s) while the CPU time per call of consecutive 0.25 s windows still falls by more than 10 %: on a
     * loaded machine the JIT's optimising compiles of the vector passes can come seconds late, and until then
     * their vectors are objects, many times slower.
     */
    private static double median(Supplier<Tensor> f) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        int calls = 0, window = 0;
        double last = Double.MAX_VALUE;
        long windowEnd = start + 250_000_000L, windowCpu = mx.getCurrentThreadCpuTime();
        while (true) {
            f.get();
            calls++;
            window++;
            long now = System.nanoTime();
            if (now < windowEnd) continue;
            long cpu = mx.getCurrentThreadCpuTime();
            double perCall = (double) (cpu - windowCpu) / window;
            boolean settled = perCall > 0.9 * last;
            if (now - start >= 10_000_000_000L || (now - start >= 1_500_000_000L && settled)) break;
            last = perCall;
            window = 0;
            windowCpu = cpu;
            windowEnd = now + 250_000_000L;
        }
        // rounds of about 0.1 s, counted from the calls of the first 1.5 s
        calls = (int) (calls * 1.5e9 / (System.nanoTime() - start));
        int per = Math.max(1, calls / 15);
        double[] us = new double[15];
        for (int r = 0; r < us.length; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < per; i++) f.get();
            us[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / per;
        }
        Arrays.sort(us);
        return us[us.length / 2];
    }
}
