package org.torch4j.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * Times {@code F.scaledDotProductAttention} on float32 heads of 64 features, the workload of
 * {@code benchmarks/pytorch/attention.py}: inference (forward under noGrad) and a training pass (forward and the
 * backward of {@code sum(out * g)} into q, k and v), for [4, 8, 512, 64] and [1, 8, 2048, 64], the latter also
 * causal. Prints the median of 15 timed calls (after 5 warm-ups) as one JSON line per workload and thread count:
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.AttentionStep --threads 1,2</pre>
 */
public final class AttentionStep {
    private AttentionStep() {}

    /** Runs the benchmark; {@code --threads LIST} (default 1,2). */
    public static void main(String[] args) {
        String threads = args.length == 2 && args[0].equals("--threads") ? args[1] : "1,2";
        if (args.length != 0 && args.length != 2) throw new IllegalArgumentException("expected --threads LIST");
        long[][] shapes = {{4, 8, 512, 64}, {1, 8, 2048, 64}, {1, 8, 2048, 64}};
        boolean[] causal = {false, false, true};
        for (String t : threads.split(",")) {
            int n = Integer.parseInt(t.trim());
            Torch.setNumThreads(n);
            for (int w = 0; w < shapes.length; w++) {
                Torch.manualSeed(0);
                long[] shape = shapes[w];
                boolean c = causal[w];
                Tensor q = Torch.randn(shape), k = Torch.randn(shape), v = Torch.randn(shape), g = Torch.randn(shape);
                String name = Arrays.toString(shape).replace(" ", "") + (c ? " causal" : "");
                report("attention.forward", name, n, time(() -> {
                    try (var ng = Torch.noGrad()) {
                        F.scaledDotProductAttention(q, k, v, null, 0, c);
                    }
                }));
                report("attention.train", name, n, time(() -> {
                    Tensor qg = q.detach().requiresGrad_(true), kg = k.detach().requiresGrad_(true), vg = v.detach().requiresGrad_(true);
                    F.scaledDotProductAttention(qg, kg, vg, null, 0, c).mul(g).sum().backward();
                }));
            }
        }
    }

    private static double time(Runnable step) {
        double[] ms = new double[15];
        for (int i = -5; i < ms.length; i++) {
            long t0 = System.nanoTime();
            try (var scope = Torch.scope()) {
                step.run();
            }
            if (i >= 0) ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[7];
    }

    private static void report(String name, String shape, int threads, double ms) {
        System.out.printf(Locale.ROOT, "{\"name\": \"%s\", \"shape\": \"%s\", \"threads\": %d, \"value\": %.2f, \"unit\": \"ms\"}%n", name,
                shape, threads, ms);
    }
}
