package org.torch4j.commands;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Parameter;
import org.torch4j.optim.Adam;
import org.torch4j.optim.OneCycleLR;
import org.torch4j.platform.Command;

/**
 * {@code torch4j demo}, the main job: trains {@link DemoCnn} on Fashion-MNIST (the full dataset when
 * given or installed, else the subset embedded in the vision bundle) on the best available device,
 * with Adam under a one-cycle learning-rate schedule; shows a progress bar; evaluates test accuracy
 * after every epoch; saves a safetensors checkpoint and a PNG chart of loss and accuracy after every
 * epoch; finally exports the model to ONNX, runs it in ONNX Runtime and reports the largest
 * difference from torch4j's outputs.
 */
@Component(property = Command.NAME_PROPERTY + "=demo")
public final class DemoCommand implements Command {
    static final int FULL_EPOCHS = 1, SUBSET_EPOCHS = 5, BATCH_SIZE = 64;
    static final double MAX_LR = 4e-3;

    static final String USAGE = """
            Usage: torch4j demo [--data DIR | --subset] [--epochs N] [--batch-size N] [--lr X] [--device cpu|cuda]
                                [--out DIR] [--threads N] [--seed N] [--limit N]

            Trains a small CNN (fashion-cnn: two 3x3 conv + max-pool blocks, two linear layers, 207k parameters) on
            Fashion-MNIST, evaluates it after every epoch, saves a checkpoint and a chart, exports it to ONNX and
            checks the export in ONNX Runtime.

              --data DIR        Fashion-MNIST's four IDX files (gzipped or not) in DIR
                                (default: /usr/share/datasets/fashion-mnist when installed, else the embedded subset)
              --subset          use the subset embedded in the vision bundle (10,000 training, 2,000 test images)
              --epochs N        epochs (default: 1 on the full dataset, 5 on the subset)
              --batch-size N    images per step (default 64)
              --lr X            peak learning rate of Adam's one-cycle schedule (default 0.004)
              --device D        cpu or cuda (default: cuda when a CUDA backend is usable, else cpu)
              --out DIR         where the checkpoint, chart and ONNX file go (default target/demo)
              --threads N       CPU threads (default: all cores)
              --seed N          seed of the initial weights and of the shuffling (default 0)
              --limit N         use only the first N training and test images (for quick checks)
            """;

    @Override
    public String description() {
        return "the main job: train a CNN on Fashion-MNIST, evaluate, checkpoint, chart, export to ONNX and check it";
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) throws Exception {
        if (argList.contains("--help") || argList.contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        Options o;
        try {
            o = Options.parse(argList);
        } catch (UsageException e) {
            err.println("torch4j demo: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Options parsed = o;
        return Requirements.withDomainBundles("demo", err, () -> run(parsed, out, err, ProgressBar.stdoutIsTerminal()));
    }

    /** The parsed command line. */
    record Options(Path data, boolean subset, Integer epochs, int batchSize, double lr, String device, Path out, Integer threads,
                   long seed, Long limit) {
        static Options parse(List<String> args) {
            Args a = Args.parse(args, Set.of("data", "epochs", "batch-size", "lr", "device", "out", "threads", "seed", "limit"),
                    Set.of("subset"));
            if (!a.positional().isEmpty()) throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
            if (a.flag("subset") && a.has("data")) throw new UsageException("give either --data DIR or --subset, not both");
            return new Options(a.path("data", null), a.flag("subset"), a.has("epochs") ? a.integer("epochs", 1, 1, 1000) : null,
                    a.integer("batch-size", BATCH_SIZE, 1, 65536), a.positive("lr", MAX_LR), a.choice("device", null,
                    List.of("cpu", "cuda")), a.path("out", Path.of("target", "demo")),
                    a.has("threads") ? a.integer("threads", 1, 1, 1024) : null, a.integer("seed", 0, 0, Integer.MAX_VALUE),
                    a.has("limit") ? (long) a.integer("limit", 1, 1, Integer.MAX_VALUE) : null);
        }
    }

    static int run(Options o, PrintStream out, PrintStream err, boolean terminal) throws Exception {
        long start = System.nanoTime();
        Device device;
        FashionData.Source data;
        try {
            device = Devices.choose(o.device());
            data = FashionData.resolve(o.data(), o.subset());
        } catch (UsageException e) {
            err.println("torch4j demo: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (o.threads() != null) Torch.setNumThreads(o.threads());
        LabelledData.Images train = data.train(), test = data.test();
        if (o.limit() != null) {
            train = train.head(o.limit());
            test = test.head(o.limit());
        }
        int epochs = o.epochs() != null ? o.epochs() : data.subset() ? SUBSET_EPOCHS : FULL_EPOCHS;
        out.printf(Locale.ROOT, "torch4j demo: %s on %s%s%n", DemoCnn.NAME, device,
                device.type().equals("cpu") ? " (" + Torch.getNumThreads() + " threads)" : "");
        out.printf(Locale.ROOT, "data: %s: %,d training and %,d test images%n", data.description(), train.size(), test.size());

        Torch.manualSeed(o.seed());
        DemoCnn model = new DemoCnn(10);
        model.to(device);
        long params = model.parameters().stream().mapToLong(Parameter::numel).sum();
        Adam adam = new Adam(model.parameters(), o.lr());
        long steps = epochs * train.batchCount(o.batchSize());
        OneCycleLR schedule = new OneCycleLR(adam, OneCycleLR.options(o.lr()).totalSteps((int) steps));
        out.printf(Locale.ROOT, "model: %,d parameters; Adam with a one-cycle schedule (peak lr %s), batch %d, %d epoch%s (%,d steps)%n",
                params, o.lr(), o.batchSize(), epochs, epochs == 1 ? "" : "s", steps);

        Path checkpoint = o.out().resolve(DemoCnn.NAME + ".safetensors");
        Path chart = o.out().resolve("training.png");
        Checkpoint description = new Checkpoint(DemoCnn.NAME, FashionData.classes(), train.inputShape());
        Trainer trainer = new Trainer(model, adam, schedule, device, out, terminal);
        List<Trainer.Epoch> history = trainer.fit(train, test, epochs, o.batchSize(), o.seed(), (h, points) -> {
            Trainer.Epoch last = h.get(h.size() - 1);
            description.save(model, Map.of("epoch", String.valueOf(last.epoch()),
                    "test_accuracy", String.format(Locale.ROOT, "%.4f", last.testAccuracy())), checkpoint);
            Chart.write(h, points, "fashion-cnn on " + (data.subset() ? "the Fashion-MNIST subset" : "Fashion-MNIST"), chart);
        });
        Trainer.Epoch last = history.get(history.size() - 1);
        out.printf(Locale.ROOT, "checkpoint: %s%nchart: %s%n", checkpoint, chart);

        int status = 0;
        try (var scope = Torch.scope()) {
            Tensor sample = test.batches((int) Math.min(256, test.size()), false, null).next()[0];
            OnnxCheck.Result r = OnnxCheck.exportAndCompare(model, sample, o.out().resolve(DemoCnn.NAME + ".onnx"));
            boolean ok = r.maxAbsDiff() < OnnxCheck.TOLERANCE;
            out.printf(Locale.ROOT, "onnx: %s; ONNX Runtime vs torch4j on %d test images: max |difference| %.3g (%s %.0e)%n",
                    r.file(), r.outputShape()[0], r.maxAbsDiff(), ok ? "below" : "NOT below", OnnxCheck.TOLERANCE);
            if (!ok) status = 1;
        } catch (RuntimeException | java.io.IOException e) {
            err.println("torch4j demo: the ONNX step failed: " + e.getMessage());
            status = 1;
        }
        out.printf(Locale.ROOT, "test accuracy %.2f%% after %d epoch%s; demo finished in %.1f s%n", 100 * last.testAccuracy(), epochs,
                epochs == 1 ? "" : "s", (System.nanoTime() - start) / 1e9);
        return status;
    }
}
