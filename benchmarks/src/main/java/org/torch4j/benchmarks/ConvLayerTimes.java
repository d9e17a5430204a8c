package org.torch4j.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * Per-call times of the float32 3x3 pad-1 convolutions of the {@code torch4j demo} CNN (batch 64: 1->16 on 28x28,
 * 16->32 on 14x14), the workload of {@code benchmarks/pytorch/conv_layers.py}: the forward (no autograd), the
 * weight and bias gradients (the backward of a convolution whose input needs no gradient) and the input gradient
 * (the extra time of a backward that also needs it). Medians of 200 calls after 50 warm-ups; one JSON line per
 * thread count and layer:
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.ConvLayerTimes 1,2</pre>
 */
public final class ConvLayerTimes {
    private static final int WARMUP = 50, REPS = 200;

    private ConvLayerTimes() {}

    /** Runs the benchmark; the argument is the comma-separated thread counts (default 1,2). */
    public static void main(String[] args) {
        String threads = args.length > 0 ? args[0] : "1,2";
        long[][] layers = {{64, 1, 28, 28, 16}, {64, 16, 14, 14, 32}};
        for (String t : threads.split(",")) {
            int n = Integer.parseInt(t.trim());
            Torch.setNumThreads(n);
            for (long[] s : layers) {
                Torch.manualSeed(0);
                Tensor x = Torch.randn(s[0], s[1], s[2], s[3]);
                Tensor w = Torch.randn(s[4], s[1], 3, 3).requiresGrad_(true), b = Torch.randn(s[4]).requiresGrad_(true);
                Tensor xg = x.clone().requiresGrad_(true), gy = Torch.randn(s[0], s[4], s[2], s[3]);
                double fwd = median(() -> {
                    try (var scope = Torch.scope(); var g = Torch.noGrad()) {
                        F.conv2d(x, w, b, 1, 1);
                    }
                });
                double weight = median(() -> {
                    try (var scope = Torch.scope()) {
                        Tensor y = F.conv2d(x, w, b, 1, 1);
                        w.setGrad(null);
                        b.setGrad(null);
                        y.backward(gy);
                    }
                });
                double all = median(() -> {
                    try (var scope = Torch.scope()) {
                        Tensor y = F.conv2d(xg, w, b, 1, 1);
                        xg.setGrad(null);
                        w.setGrad(null);
                        b.setGrad(null);
                        y.backward(gy);
                    }
                });
                System.out.printf(Locale.ROOT, "{\"name\": \"conv_layer\", \"threads\": %d, \"shape\": \"%s\", \"forward_us\": %.0f, "
                        + "\"weight_bias_grad_us\": %.0f, \"input_grad_us\": %.0f}%n", n, Arrays.toString(s), fwd, weight - fwd, all - weight);
            }
        }
    }

    private static double median(Runnable r) {
        for (int i = 0; i < WARMUP; i++) r.run();
        double[] t = new double[REPS];
        for (int i = 0; i < REPS; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e3;
        }
        Arrays.sort(t);
        return t[REPS / 2];
    }
}
