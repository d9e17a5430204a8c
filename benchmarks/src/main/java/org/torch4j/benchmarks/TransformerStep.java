package org.torch4j.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.TransformerEncoderLayer;
import org.torch4j.optim.Adam;

/**
 * Times training steps of one transformer encoder layer, the workload of
 * {@code benchmarks/pytorch/transformer_step.py}: d_model 256, 8 heads, feed-forward 1024, GELU,
 * batch-first input of 32 sequences of 64 tokens, no dropout; a step is the forward pass, the mean
 * square of the output as the loss, backward and an Adam step. Prints the median of 30 steps (after 10
 * warm-up steps) as one JSON line per thread count:
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.TransformerStep --threads 1,2</pre>
 */
public final class TransformerStep {
    private TransformerStep() {}

    /** Runs the benchmark; {@code --threads LIST} (default 1,2). */
    public static void main(String[] args) {
        String threads = args.length == 2 && args[0].equals("--threads") ? args[1] : "1,2";
        if (args.length != 0 && args.length != 2) throw new IllegalArgumentException("expected --threads LIST");
        for (String t : threads.split(",")) {
            int n = Integer.parseInt(t.trim());
            Torch.setNumThreads(n);
            Torch.manualSeed(0);
            TransformerEncoderLayer layer = new TransformerEncoderLayer(256, 8, 1024, 0.0, "gelu", 1e-5, true, false);
            Adam adam = new Adam(layer.parameters(), 1e-3);
            Tensor x = Torch.randn(32, 64, 256);
            double[] ms = new double[30];
            for (int i = -10; i < ms.length; i++) {
                long t0 = System.nanoTime();
                try (var scope = Torch.scope()) {
                    Tensor loss = layer.forward(x).pow(2.0).mean();
                    adam.zeroGrad();
                    loss.backward();
                    adam.step();
                }
                if (i >= 0) ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "{\"name\": \"transformer.step\", \"threads\": %d, \"value\": %.1f, \"unit\": \"ms\", "
                    + "\"shape\": \"32x64x256, 8 heads, ff 1024, gelu\", \"java\": \"%s\"}%n", n, (ms[14] + ms[15]) / 2,
                    System.getProperty("java.version"));
        }
    }
}
