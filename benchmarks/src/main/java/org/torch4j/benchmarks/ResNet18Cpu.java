package org.torch4j.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.optim.SGD;
import org.torch4j.profiler.Profiler;
import org.torch4j.vision.models.ResNet;

/**
 * Times torchvision's ResNet-18 (seeded with {@code Torch.manualSeed(0)}, 1000 classes) on the CPU, the workloads of
 * {@code benchmarks/pytorch/resnet18_cpu.py}: eval-mode inference at batch 1 and 8 (224x224, under
 * {@code noGrad}), and a training step at batch 8, 224x224 (forward, cross-entropy, backward, SGD with lr 0.01 and
 * momentum 0.9). Prints one JSON line per workload with the median of the timed calls after the warm-up (at least
 * {@link #WARM_SECONDS} of calls);
 * {@code --profile} then records three more calls of each workload with the profiler and prints its table sorted
 * by self CPU time ({@code --shapes}: with the operands' shapes, grouped by them):
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.ResNet18Cpu --threads 2 [--only train] [--profile]</pre>
 */
public final class ResNet18Cpu {
    private ResNet18Cpu() {}

    /** The least warm-up per workload, in seconds (the PyTorch peer warms up as long). */
    private static final double WARM_SECONDS = 4;

    /** Runs the benchmark; {@code --threads N} (default 2), {@code --only PREFIX} of a workload name, {@code --profile}, {@code --shapes}. */
    public static void main(String[] args) {
        int threads = 2;
        String only = "";
        boolean profile = false, shapes = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "--profile" -> profile = true;
                case "--shapes" -> profile = shapes = true;
                default -> throw new IllegalArgumentException("expected --threads N, --only PREFIX, --profile, --shapes; got " + args[i]);
            }
        }
        Torch.setNumThreads(threads);
        Torch.manualSeed(0);
        ResNet model = ResNet.resnet18(1000);
        SGD sgd = new SGD(model.parameters(), SGD.options(0.01).momentum(0.9));
        for (String name : new String[] {"resnet18.eval.b1", "resnet18.eval.b8", "resnet18.train.b8"}) {
            if (!name.startsWith(only) && !name.substring("resnet18.".length()).startsWith(only)) continue;
            boolean train = name.contains("train");
            int batch = name.endsWith("b1") ? 1 : 8;
            Tensor x = Torch.randn(batch, 3, 224, 224);
            Tensor y = Torch.randint(0, 1000, new long[] {batch});
            Runnable call = train ? () -> trainStep(model, sgd, x, y) : () -> infer(model, x);
            int warm = train ? 3 : 5, reps = train ? 7 : (batch == 1 ? 31 : 9);
            // warm-up by count and by time: the JIT takes ~40 calls (1.5 s) of the batch-1 forward to settle, and
            // its compiler threads compete with two compute threads for two cores until then
            long warmUntil = System.nanoTime() + (long) (WARM_SECONDS * 1e9);
            for (int i = 0; i < warm || System.nanoTime() < warmUntil; i++) call.run();
            double[] ms = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                call.run();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "{\"name\": \"%s\", \"threads\": %d, \"value\": %.1f, \"unit\": \"ms\", \"min\": %.1f, "
                    + "\"java\": \"%s\"}%n", name, threads, ms[reps / 2], ms[0], System.getProperty("java.version"));
            if (profile) {
                try (Profiler prof = Profiler.builder().recordShapes(shapes).start()) {
                    for (int i = 0; i < 3; i++) call.run();
                    prof.close();
                    System.out.println(prof.keyAverages(shapes).table("self_cpu_time_total", shapes ? 40 : 25));
                }
            }
        }
    }

    private static void infer(ResNet model, Tensor x) {
        model.eval();
        try (var scope = Torch.scope(); var ng = Torch.noGrad()) {
            model.forward(x);
        }
    }

    private static void trainStep(ResNet model, SGD sgd, Tensor x, Tensor y) {
        model.train();
        try (var scope = Torch.scope()) {
            Tensor loss = F.crossEntropy(model.forward(x), y);
            sgd.zeroGrad();
            loss.backward();
            sgd.step();
        }
    }
}
