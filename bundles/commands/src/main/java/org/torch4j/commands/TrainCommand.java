package org.torch4j.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.torch4j.Device;
import org.torch4j.Torch;
import org.torch4j.data.Dataset;
import org.torch4j.nn.Module;
import org.torch4j.optim.Adam;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.SGD;
import org.torch4j.platform.Catalog;
import org.torch4j.platform.Command;
import org.torch4j.platform.DatasetProvider;
import org.torch4j.platform.ModelProvider;
import org.torch4j.profiler.Profiler;
import org.torch4j.profiler.Schedule;
import org.torch4j.tensorboard.SummaryWriter;
import org.torch4j.vision.datasets.Mnist;

/**
 * {@code torch4j train}: trains any installed classification model on any installed dataset (or on
 * MNIST-style IDX files in a folder), with a progress bar and test accuracy per epoch, and writes a
 * checkpoint that {@code torch4j predict} reads, plus a chart of loss and accuracy.
 */
@Component(property = Command.NAME_PROPERTY + "=train")
public final class TrainCommand implements Command {

    static final String USAGE = """
            Usage: torch4j train --model NAME (--dataset NAME | --data DIR) [--epochs N] [--batch-size N] [--lr X]
                                 [--optimizer adam|sgd] [--device cpu|cuda] [--out DIR] [--num-classes N] [--threads N]
                                 [--seed N] [--limit N] [--profile] [--tensorboard DIR]

              --model NAME      an installed model (see torch4j models), e.g. fashion-cnn or lenet5
              --dataset NAME    an installed dataset (see torch4j datasets), e.g. fashion-mnist
              --data DIR        MNIST-style IDX files (train-/t10k-images-idx3-ubyte[.gz] and labels) in DIR
              --epochs N        epochs (default 1)
              --batch-size N    examples per step (default 64)
              --lr X            learning rate (default 0.001 for adam, 0.01 for sgd)
              --optimizer O     adam, or sgd with momentum 0.9 (default adam)
              --device D        cpu or cuda (default: cuda when a CUDA backend is usable, else cpu)
              --out DIR         where MODEL.safetensors and training.png go (default target/train)
              --num-classes N   classes of the model's output (default 10)
              --threads N       CPU threads (default: all cores)
              --seed N          seed of the initial weights and of the shuffling (default 0)
              --limit N         use only the first N training and test examples
              --profile         profile training steps 5 to 9 (after 3 skipped and 1 warm-up step): print the
                                profiler's table and write a Chrome trace to OUT/profile.json
              --tensorboard DIR log to TensorBoard event files in DIR: loss/train per step, loss/test and
                                accuracy/test per epoch (view with: tensorboard --logdir DIR)
            """;

    @Override
    public String description() {
        return "train an installed model on an installed dataset (or IDX files) and save a checkpoint";
    }

    /** The parsed command line. */
    record Options(String model, String dataset, Path data, int epochs, int batchSize, double lr, String optimizer, String device,
                   Path out, int classes, Integer threads, long seed, Long limit, boolean profile, Path tensorboard) {
        static Options parse(List<String> args) {
            Args a = Args.parse(args, Set.of("model", "dataset", "data", "epochs", "batch-size", "lr", "optimizer", "device", "out",
                    "num-classes", "threads", "seed", "limit", "tensorboard"), Set.of("profile"));
            if (!a.positional().isEmpty()) throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
            String model = a.required("model");
            if (a.has("dataset") == a.has("data")) throw new UsageException("give exactly one of --dataset NAME and --data DIR");
            String optimizer = a.choice("optimizer", "adam", List.of("adam", "sgd"));
            return new Options(model, a.string("dataset", null), a.path("data", null), a.integer("epochs", 1, 1, 100_000),
                    a.integer("batch-size", 64, 1, 1 << 20), a.positive("lr", optimizer.equals("adam") ? 1e-3 : 1e-2), optimizer,
                    a.choice("device", null, List.of("cpu", "cuda")), a.path("out", Path.of("target", "train")),
                    a.integer("num-classes", 10, 2, 1 << 20), a.has("threads") ? a.integer("threads", 1, 1, 1024) : null,
                    a.integer("seed", 0, 0, Integer.MAX_VALUE), a.has("limit") ? (long) a.integer("limit", 1, 1, Integer.MAX_VALUE) : null,
                    a.flag("profile"), a.path("tensorboard", null));
        }
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        try {
            Options o = Options.parse(args);
            return Requirements.withDomainBundles("train", err, () -> run(o, out, ProgressBar.stdoutIsTerminal()));
        } catch (UsageException e) {
            err.println("torch4j train: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("torch4j train: cannot read the data: " + e.getMessage());
            return 1;
        }
    }

    static int run(Options o, PrintStream out, boolean terminal) throws Exception {
        ModelProvider provider = Catalog.model(o.model()).orElseThrow(() -> new UsageException(
                "no model named '" + o.model() + "' is installed; installed: " + names(Catalog.models().stream().map(ModelProvider::name).toList())));
        Device device = Devices.choose(o.device());
        LabelledData train, test;
        List<String> classes;
        String source;
        if (o.data() != null) {
            if (!Files.isDirectory(o.data())) throw new UsageException("--data " + o.data() + ": no such folder");
            train = images(Mnist.load(o.data(), true));
            test = images(Mnist.load(o.data(), false));
            classes = numbered(o.classes());
            source = "IDX files in " + o.data();
        } else {
            DatasetProvider ds = Catalog.dataset(o.dataset()).orElseThrow(() -> new UsageException("no dataset named '" + o.dataset()
                    + "' is installed; installed: " + names(Catalog.datasets().stream().map(DatasetProvider::name).toList())));
            train = wrap(open(ds, true));
            test = wrap(open(ds, false));
            classes = o.dataset().equals("fashion-mnist") && o.classes() == 10 ? FashionData.classes() : numbered(o.classes());
            source = "dataset " + ds.name();
        }
        if (o.limit() != null) {
            if (!(train instanceof LabelledData.Images ti) || !(test instanceof LabelledData.Images vi)) {
                throw new UsageException("--limit works with image datasets held in memory (MNIST-style), not with " + source);
            }
            train = ti.head(o.limit());
            test = vi.head(o.limit());
        }
        if (o.threads() != null) Torch.setNumThreads(o.threads());
        Torch.manualSeed(o.seed());
        Module model = provider.create(Map.of("numClasses", o.classes()));
        model.to(device);
        Optimizer opt = o.optimizer().equals("adam") ? new Adam(model.parameters(), o.lr())
                : new SGD(model.parameters(), SGD.options(o.lr()).momentum(0.9));
        out.printf(Locale.ROOT, "torch4j train: %s on %s, %s: %,d training and %,d test examples; %s lr %s, batch %d, %d epoch%s%n",
                o.model(), device, source, train.size(), test.size(), o.optimizer(), o.lr(), o.batchSize(), o.epochs(),
                o.epochs() == 1 ? "" : "s");
        Path checkpoint = o.out().resolve(o.model() + ".safetensors");
        Path chart = o.out().resolve("training.png");
        Checkpoint description = new Checkpoint(o.model(), classes, train.inputShape());
        Trainer trainer = new Trainer(model, opt, null, device, out, terminal);
        Profiler profiler = o.profile() ? startProfiler(o.out(), out) : null;
        if (profiler != null) trainer.afterEachStep((step, loss) -> profiler.step());
        SummaryWriter board = o.tensorboard() == null ? null : new SummaryWriter(o.tensorboard());
        if (board != null) trainer.afterEachStep((step, loss) -> board.addScalar("loss/train", loss, step));
        long batches = train.batchCount(o.batchSize());
        List<Trainer.Epoch> history;
        try {
            history = trainer.fit(train, test, o.epochs(), o.batchSize(), o.seed(), (h, points) -> {
                Trainer.Epoch last = h.get(h.size() - 1);
                if (board != null) {
                    for (Trainer.Epoch e : h.size() == 2 ? h : h.subList(h.size() - 1, h.size())) { // the untrained model too
                        board.addScalar("loss/test", e.testLoss(), e.epoch() * batches);
                        board.addScalar("accuracy/test", e.testAccuracy(), e.epoch() * batches);
                    }
                    board.flush();
                }
                description.save(model, Map.of("epoch", String.valueOf(last.epoch()),
                        "test_accuracy", String.format(Locale.ROOT, "%.4f", last.testAccuracy())), checkpoint);
                Chart.write(h, points, o.model() + " on " + (o.dataset() != null ? o.dataset() : o.data().getFileName()), chart);
            });
        } finally {
            if (profiler != null) profiler.close();
            if (board != null) board.close();
        }
        if (profiler != null && profiler.stepNum() < PROFILED_FIRST_STEP + 1) {
            out.printf(Locale.ROOT, "--profile: training ran %d steps, too few to reach the profiled steps %d-%d%n",
                    profiler.stepNum(), PROFILED_FIRST_STEP + 1, PROFILED_FIRST_STEP + PROFILED_STEPS);
        }
        out.printf(Locale.ROOT, "test accuracy %.2f%%; checkpoint %s; chart %s%n", 100 * history.get(history.size() - 1).testAccuracy(),
                checkpoint, chart);
        if (board != null) out.printf(Locale.ROOT, "TensorBoard: tensorboard --logdir %s%n", o.tensorboard());
        return 0;
    }

    /** Steps skipped before profiling (the JIT's first compilations), then one warm-up step. */
    static final int PROFILED_FIRST_STEP = 4;
    static final int PROFILED_STEPS = 5;

    /** A profiler of steps 5-9 that prints its table and writes a Chrome trace into {@code dir} when they are done. */
    private static Profiler startProfiler(Path dir, PrintStream out) {
        Path trace = dir.resolve("profile.json");
        return Profiler.builder().withModules(true).profileMemory(true)
                .schedule(Schedule.of(PROFILED_FIRST_STEP - 1, 1, PROFILED_STEPS, 1))
                .onTraceReady(p -> {
                    out.printf(Locale.ROOT, "profile of training steps %d-%d (Chrome trace: %s)%n", PROFILED_FIRST_STEP + 1,
                            PROFILED_FIRST_STEP + PROFILED_STEPS, trace);
                    out.print(p.keyAverages().table("self_cpu_time_total", 15));
                    try {
                        Files.createDirectories(dir);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    p.exportChromeTrace(trace);
                })
                .start();
    }

    private static Dataset<?> open(DatasetProvider ds, boolean train) throws IOException {
        return ds.open(Map.of("train", train));
    }

    /** MNIST-style datasets take the fast in-memory path; anything else is batched item by item. */
    private static LabelledData wrap(Dataset<?> d) {
        return d instanceof Mnist m ? images(m) : new LabelledData.Items(d);
    }

    private static LabelledData.Images images(Mnist m) {
        return new LabelledData.Images(m.images(), m.labels());
    }

    private static List<String> numbered(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) names.add(String.valueOf(i));
        return names;
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
