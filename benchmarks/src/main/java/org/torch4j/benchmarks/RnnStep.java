package org.torch4j.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.GRU;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.RNNBase;
import org.torch4j.optim.SGD;
import org.torch4j.profiler.Profiler;

/**
 * Times recurrent networks on the CPU, the workloads of {@code benchmarks/pytorch/rnn.py}: (a) a 2-layer
 * LSTM, sequence 50, batch 32, input 128, hidden 256; (b) a 1-layer LSTM, sequence 100, batch 1, input 64,
 * hidden 128 (latency); (c) a GRU of (a)'s sizes; (d) (a) bidirectional. For each, inference (a forward
 * under {@code noGrad}) and a training step (forward, the mean square of the output as the loss, backward
 * and an SGD step). Prints the median of the timed runs (after warm-up runs) as one JSON line per
 * workload, mode and thread count:
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.RnnStep --threads 1 --only a,b,c,d</pre>
 *
 * <p>{@code --profile true} instead prints the profiler's tables (self CPU time) of 3 inference and 3 training steps per workload.
 */
public final class RnnStep {
    private RnnStep() {}

    /** One workload: the module kind, sizes and whether it runs both ways. */
    private record Workload(String name, String kind, int seq, int batch, int input, int hidden, int layers, boolean bidirectional) {
        RNNBase build() {
            return kind.equals("lstm") ? new LSTM(input, hidden, layers, true, false, 0.0, bidirectional)
                    : new GRU(input, hidden, layers, true, false, 0.0, bidirectional);
        }

        String shape() {
            return kind + " seq " + seq + " batch " + batch + " in " + input + " hidden " + hidden + " layers " + layers
                    + (bidirectional ? " bidirectional" : "");
        }
    }

    private static final List<Workload> WORKLOADS = List.of(
            new Workload("a", "lstm", 50, 32, 128, 256, 2, false),
            new Workload("b", "lstm", 100, 1, 64, 128, 1, false),
            new Workload("c", "gru", 50, 32, 128, 256, 2, false),
            new Workload("d", "lstm", 50, 32, 128, 256, 2, true));

    /** Runs the benchmark; {@code --threads LIST} (default 1), {@code --only LIST} (default a,b,c,d), {@code --runs N} (default 20), {@code --profile BOOL}. */
    public static void main(String[] args) {
        String threads = "1", only = "a,b,c,d";
        int runs = 20;
        boolean profile = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--threads" -> threads = args[i + 1];
                case "--only" -> only = args[i + 1];
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--profile" -> profile = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("expected --threads LIST, --only LIST or --runs N, got " + args[i]);
            }
        }
        List<String> chosen = Arrays.asList(only.split(","));
        for (String t : threads.split(",")) {
            int n = Integer.parseInt(t.trim());
            Torch.setNumThreads(n);
            for (Workload w : WORKLOADS) {
                if (!chosen.contains(w.name())) continue;
                Torch.manualSeed(0);
                RNNBase rnn = w.build();
                SGD sgd = new SGD(rnn.parameters(), 0.01);
                Tensor x = Torch.randn(w.seq(), w.batch(), w.input());
                Runnable train = () -> {
                    try (var scope = Torch.scope()) {
                        Tensor loss = rnn.forward(x).pow(2.0).mean();
                        sgd.zeroGrad();
                        loss.backward();
                        sgd.step();
                    }
                };
                Runnable infer = () -> {
                    try (var scope = Torch.scope(); var g = Torch.noGrad()) {
                        rnn.forward(x);
                    }
                };
                if (profile) {
                    for (Runnable r : List.of(infer, train)) {
                        for (int i = 0; i < 10; i++) r.run();
                        Profiler prof = Profiler.builder().start();
                        for (int i = 0; i < 3; i++) r.run();
                        prof.close();
                        System.out.println(w.shape() + (r == infer ? ", inference" : ", train") + "\n"
                                + prof.keyAverages().table("self_cpu_time_total", 20));
                    }
                    continue;
                }
                report(w, "inference", n, time(runs, infer));
                report(w, "train", n, time(runs, train));
            }
        }
    }

    /** The median of {@code runs} timed calls in ms, after warm-up calls (at least 10, and at least 3 s). */
    private static double time(int runs, Runnable step) {
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        for (int i = 0; i < 10 || System.nanoTime() < warmEnd; i++) step.run();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return (ms[(runs - 1) / 2] + ms[runs / 2]) / 2;
    }

    private static void report(Workload w, String mode, int threads, double ms) {
        System.out.printf(Locale.ROOT, "{\"name\": \"rnn.%s.%s\", \"threads\": %d, \"value\": %.2f, \"unit\": \"ms\", \"shape\": \"%s\", "
                + "\"java\": \"%s\"}%n", w.name(), mode, threads, ms, w.shape(), System.getProperty("java.version"));
    }
}
