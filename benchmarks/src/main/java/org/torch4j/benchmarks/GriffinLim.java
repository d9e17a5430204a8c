package org.torch4j.benchmarks;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.functional.AudioFunctional;

/**
 * Times {@link AudioFunctional#griffinlim} as {@code benchmarks/pytorch/griffinlim.py} times torchaudio's: 10 s of
 * 16 kHz noise-and-tones, n_fft 400 (hop 200), 32 iterations, momentum 0.99, zero initial phase,
 * float32, one thread; prints the medians of the runs' wall-clock and thread CPU times (the CPU time is
 * the steadier figure on a shared machine):
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.GriffinLim 9</pre>
 */
public final class GriffinLim {
    private GriffinLim() {}

    /** Runs the benchmark; {@code args[0]} is the number of timed runs (default 7). */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Torch.setNumThreads(1);
        int n = 160_000;
        Tensor t = Torch.arange(n).toDouble().div(16000.0);
        Tensor x = t.mul(2 * Math.PI * 440).sin().mul(0.5).add(Torch.randn(new long[] {n}, new Generator().manualSeed(0)).to(DType.FLOAT64).mul(0.1))
                .to(DType.FLOAT32);
        Tensor w = AudioFunctional.hannWindow(400);
        Tensor spec = AudioFunctional.spectrogram(x, 0, w, 400, 200, 400, 2.0, null, true, "reflect", true);
        double[] times = new double[runs], cpu = new double[runs];
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = -2; r < runs; r++) { // two warm-up runs for the JIT
            try (var scope = Torch.scope(); var g = Torch.noGrad()) {
                long t0 = System.nanoTime(), c0 = bean.getCurrentThreadCpuTime();
                AudioFunctional.griffinlim(spec, w, 400, 200, 400, 2.0, 32, 0.99, null, false, null);
                if (r >= 0) {
                    times[r] = (System.nanoTime() - t0) / 1e9;
                    cpu[r] = (bean.getCurrentThreadCpuTime() - c0) / 1e9;
                }
            }
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        System.out.printf("torch4j griffinlim: 10 s at 16 kHz, n_fft 400, 32 iterations, 1 thread: median %.3f s wall (min %.3f, max %.3f),"
                + " %.3f s CPU (min %.3f), %d runs%n", times[runs / 2], times[0], times[runs - 1], cpu[runs / 2], cpu[0], runs);
    }
}
