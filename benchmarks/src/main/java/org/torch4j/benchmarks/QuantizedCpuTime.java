package org.torch4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@link QuantizedInferenceBenchmark}'s workloads on one thread timed with the thread's CPU clock, the counterpart of
 * {@code benchmarks/pytorch/quantized.py --cpu}: on a machine shared with other work, wall-clock times measure the
 * neighbours as much as the code (see {@link FftCpuTime}). Median microseconds per call over rounds of about 0.1 s,
 * after a warm-up; one line per workload.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.QuantizedCpuTime
 * </pre>
 */
public final class QuantizedCpuTime {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private QuantizedCpuTime() {}

    /** Times each workload at 1 and 64 rows (the convolutions once) and prints one line each. */
    public static void main(String[] args) {
        for (int rows : new int[] {1, 64}) {
            QuantizedInferenceBenchmark b = new QuantizedInferenceBenchmark();
            b.rows = rows;
            b.threads = 1;
            b.setUp();
            print("linear rows=" + rows + " float32", median(b::linearFloat));
            print("linear rows=" + rows + " static int8", median(b::linearStatic));
            print("linear rows=" + rows + " dynamic int8", median(b::linearDynamic));
            if (rows == 1) {
                print("conv float32", median(b::convFloat));
                print("conv static int8", median(b::convStatic));
            }
        }
    }

    private static void print(String name, double us) {
        System.out.println(String.format(Locale.ROOT, "threads=1 %s: %.1f us (CPU time)", name, us));
    }

    /** The median over 15 rounds of the CPU time per call, after 2 s of warm-up. */
    private static double median(LongSupplier call) {
        long warm = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warm) call.getAsLong();
        double[] perCall = new double[15];
        for (int r = 0; r < perCall.length; r++) {
            long t0 = MX.getCurrentThreadCpuTime(), calls = 0;
            do {
                call.getAsLong();
                calls++;
            } while (MX.getCurrentThreadCpuTime() - t0 < 100_000_000L);
            perCall[r] = (MX.getCurrentThreadCpuTime() - t0) / 1e3 / calls;
        }
        Arrays.sort(perCall);
        return perCall[perCall.length / 2];
    }
}
