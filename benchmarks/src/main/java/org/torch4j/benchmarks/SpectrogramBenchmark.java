package org.torch4j.benchmarks;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.functional.AudioFunctional;

/**
 * Times {@link AudioFunctional#spectrogram} as {@code benchmarks/pytorch/spectrogram.py} times torchaudio's: the
 * power spectrogram of 10 s of 16 kHz noise-and-tone (n_fft 400, hop 200, Hann window, centred, reflect
 * padding), float32, one thread, 50 calls per run; prints the medians of the runs' wall-clock and thread CPU
 * times per call:
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.SpectrogramBenchmark 9</pre>
 */
public final class SpectrogramBenchmark {
    private SpectrogramBenchmark() {}

    /** Runs the benchmark; {@code args[0]} is the number of timed runs (default 7). */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int calls = 50;
        Torch.setNumThreads(1);
        int n = 160_000;
        Tensor t = Torch.arange(n).toDouble().div(16000.0);
        Tensor x = t.mul(2 * Math.PI * 440).sin().mul(0.5).add(Torch.randn(new long[] {n}, new Generator().manualSeed(0)).to(DType.FLOAT64).mul(0.1))
                .to(DType.FLOAT32);
        Tensor w = AudioFunctional.hannWindow(400);
        double[] times = new double[runs], cpu = new double[runs];
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = -2; r < runs; r++) { // two warm-up runs for the JIT
            long t0 = System.nanoTime(), c0 = bean.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                try (var scope = Torch.scope(); var g = Torch.noGrad()) {
                    AudioFunctional.spectrogram(x, 0, w, 400, 200, 400, 2.0, null, true, "reflect", true);
                }
            }
            if (r >= 0) {
                times[r] = (System.nanoTime() - t0) / 1e9 / calls;
                cpu[r] = (bean.getCurrentThreadCpuTime() - c0) / 1e9 / calls;
            }
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        System.out.printf("torch4j spectrogram: 10 s at 16 kHz, n_fft 400, hop 200, 1 thread: median %.2f ms wall (min %.2f), %.2f ms CPU"
                + " (min %.2f) per call, %d runs of %d%n", 1e3 * times[runs / 2], 1e3 * times[0], 1e3 * cpu[runs / 2], 1e3 * cpu[0], runs, calls);
    }
}
