package org.torch4j.benchmarks;

import java.nio.file.Path;
import java.util.Locale;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.commands.DemoCnn;
import org.torch4j.nn.F;
import org.torch4j.optim.Adam;
import org.torch4j.optim.OneCycleLR;
import org.torch4j.vision.datasets.Mnist;

/**
 * Times training epochs of the {@code torch4j demo} CNN on Fashion-MNIST, the workload of
 * {@code benchmarks/pytorch/demo_cnn.py}: the same model, batch size, optimiser (Adam, one-cycle
 * schedule), shuffling and batching (uint8 images selected by index, scaled to [0, 1]). Evaluation
 * is timed apart. Prints one JSON line per thread count and epoch:
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.DemoCnnEpoch --threads 1,2</pre>
 *
 * Options: {@code --threads 1,2}, {@code --data DIR} (default /usr/share/datasets/fashion-mnist),
 * {@code --epochs N} (default 1), {@code --batch-size N} (default 64), {@code --lr X} (default 0.004).
 */
public final class DemoCnnEpoch {
    private DemoCnnEpoch() {}

    /** Runs the benchmark; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        String threads = "1,2";
        Path data = Path.of("/usr/share/datasets/fashion-mnist");
        int epochs = 1, batch = 64;
        double lr = 4e-3;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--threads" -> threads = v;
                case "--data" -> data = Path.of(v);
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--batch-size" -> batch = Integer.parseInt(v);
                case "--lr" -> lr = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --threads LIST, --data DIR, --epochs N, --batch-size N, --lr X)");
            }
            i++;
        }
        Mnist train = Mnist.load(data, true), test = Mnist.load(data, false);
        String cpu = cpuModel();
        for (String t : threads.split(",")) {
            int n = Integer.parseInt(t.trim());
            Torch.setNumThreads(n);
            Torch.manualSeed(0);
            Generator shuffle = new Generator().manualSeed(0);
            DemoCnn model = new DemoCnn(10);
            Adam adam = new Adam(model.parameters(), lr);
            long count = train.size(), steps = epochs * ((count + batch - 1) / batch);
            OneCycleLR schedule = new OneCycleLR(adam, OneCycleLR.options(lr).totalSteps((int) steps));
            for (int epoch = 1; epoch <= epochs; epoch++) {
                model.train();
                long t0 = System.nanoTime();
                Tensor order = Torch.randperm(count, shuffle);
                double total = 0;
                int batches = 0;
                for (long start = 0; start < count; start += batch) {
                    try (var scope = Torch.scope()) {
                        Tensor idx = order.narrow(0, start, Math.min(batch, count - start));
                        Tensor x = train.images().indexSelect(0, idx).unsqueeze(1).toFloat().div(255.0);
                        Tensor loss = F.crossEntropy(model.forward(x), train.labels().indexSelect(0, idx));
                        adam.zeroGrad();
                        loss.backward();
                        adam.step();
                        schedule.step();
                        total += loss.item();
                        batches++;
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                double accuracy = accuracy(model, test);
                double evalSeconds = (System.nanoTime() - t1) / 1e9;
                System.out.printf(Locale.ROOT, "{\"name\": \"demo_cnn.epoch\", \"threads\": %d, \"epoch\": %d, \"value\": %.2f, \"unit\": \"s\", "
                        + "\"train_images\": %d, \"batch_size\": %d, \"loss\": %.4f, \"accuracy\": %.4f, \"eval_s\": %.2f, "
                        + "\"java\": \"%s\", \"cpu\": \"%s\"}%n", n, epoch, seconds, count, batch, total / batches, accuracy, evalSeconds,
                        System.getProperty("java.version"), cpu);
            }
        }
    }

    private static double accuracy(DemoCnn model, Mnist test) {
        model.eval();
        long correct = 0, n = test.size();
        try (var g = Torch.noGrad()) {
            for (long start = 0; start < n; start += 1000) {
                try (var scope = Torch.scope()) {
                    long len = Math.min(1000, n - start);
                    Tensor x = test.images().narrow(0, start, len).unsqueeze(1).toFloat().div(255.0);
                    correct += (long) model.forward(x).argmax(1, false).eq(test.labels().narrow(0, start, len)).sum().item();
                }
            }
        }
        return (double) correct / n;
    }

    private static String cpuModel() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (java.io.IOException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }
}
