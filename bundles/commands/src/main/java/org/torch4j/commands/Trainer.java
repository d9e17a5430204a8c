package org.torch4j.commands;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.torch4j.Device;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.optim.LRScheduler;
import org.torch4j.optim.Optimizer;

/**
 * The classification training loop shared by {@code torch4j demo} and {@code torch4j train}: one
 * optimiser step per batch (cross-entropy loss), an optional scheduler stepped per batch, a progress
 * bar per epoch, and test loss and accuracy after each epoch (and once before training, as epoch 0).
 */
final class Trainer {

    /** One row of the history: mean training loss of the epoch (NaN for epoch 0), then test loss and accuracy. */
    record Epoch(int epoch, double trainLoss, double testLoss, double testAccuracy, double seconds) {}

    /** The mean training loss over a stretch of batches ending at {@code epoch} (fractional: 1.5 is halfway through epoch 2). */
    record LossPoint(double epoch, double loss) {}

    /** What happens after each optimiser step: {@code step} counts from 1 over all epochs. */
    interface StepListener {
        void after(long step, double loss);
    }

    /** What happens after each epoch (checkpoint, chart); it may throw to stop training. */
    interface EpochListener {
        void after(List<Epoch> history, List<LossPoint> trainLoss) throws Exception;
    }

    private final Module model;
    private final Optimizer optimizer;
    private final LRScheduler scheduler;
    private final Device device;
    private final PrintStream out;
    private final boolean terminal;
    private final List<StepListener> stepListeners = new ArrayList<>();

    Trainer(Module model, Optimizer optimizer, LRScheduler scheduler, Device device, PrintStream out, boolean terminal) {
        this.model = model;
        this.optimizer = optimizer;
        this.scheduler = scheduler;
        this.device = device;
        this.out = out;
        this.terminal = terminal;
    }

    /** Runs {@code hook} after each optimiser step (a profiler's {@code step()}, a TensorBoard scalar), after those added before. */
    Trainer afterEachStep(StepListener hook) {
        stepListeners.add(hook);
        return this;
    }

    /** Trains for {@code epochs} epochs; returns the history, epoch 0 (the untrained model) first. */
    List<Epoch> fit(LabelledData train, LabelledData test, int epochs, int batchSize, long seed, EpochListener listener)
            throws Exception {
        List<Epoch> history = new ArrayList<>();
        double[] initial = evaluate(test, Math.max(batchSize, 500));
        history.add(new Epoch(0, Double.NaN, initial[0], initial[1], 0));
        List<LossPoint> curve = new ArrayList<>();
        Generator shuffle = new Generator().manualSeed(seed);
        long batches = train.batchCount(batchSize);
        long stretch = Math.max(1, (batches + 9) / 10);   // ten stretches at most; the last is not a tiny remainder
        long step = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long t0 = System.nanoTime();
            model.train();
            ProgressBar bar = new ProgressBar(out, terminal, String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs), batches,
                    System::nanoTime);
            double total = 0, stretchTotal = 0, l = 0;
            long done = 0;
            for (Iterator<Tensor[]> it = train.batches(batchSize, true, shuffle); it.hasNext(); ) {
                try (var scope = Torch.scope()) {
                    Tensor[] b = it.next();
                    Tensor loss = F.crossEntropy(model.call(b[0].to(device)), b[1].to(device));
                    optimizer.zeroGrad();
                    loss.backward();
                    optimizer.step();
                    if (scheduler != null) scheduler.step();
                    l = loss.item();
                    if (!Double.isFinite(l)) {
                        throw new IllegalStateException("the loss became " + l + " at epoch " + epoch + ", batch " + (done + 1)
                                + "; lower the learning rate (--lr)");
                    }
                    total += l;
                    stretchTotal += l;
                }
                bar.update(++done, total / done);
                step++;
                for (StepListener h : stepListeners) h.after(step, l);
                if (done % stretch == 0 || done == batches) {
                    long n = done % stretch == 0 ? stretch : done % stretch;
                    curve.add(new LossPoint(epoch - 1 + (double) done / batches, stretchTotal / n));
                    stretchTotal = 0;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double[] eval = evaluate(test, Math.max(batchSize, 500));
            Epoch e = new Epoch(epoch, total / done, eval[0], eval[1], seconds);
            history.add(e);
            out.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  test loss %.4f  test accuracy %.2f%%  (%.1f s, %.0f images/s)%n",
                    epoch, epochs, e.trainLoss(), e.testLoss(), 100 * e.testAccuracy(), seconds, train.size() / seconds);
            if (listener != null) listener.after(history, curve);
        }
        return history;
    }

    /** Mean cross-entropy and accuracy of the model on {@code data}, in eval mode without gradients. */
    double[] evaluate(LabelledData data, int batchSize) {
        model.eval();
        double loss = 0;
        long correct = 0;
        try (var g = Torch.noGrad()) {
            for (Iterator<Tensor[]> it = data.batches(batchSize, false, null); it.hasNext(); ) {
                try (var scope = Torch.scope()) {
                    Tensor[] b = it.next();
                    Tensor y = b[1].to(device);
                    Tensor logits = model.call(b[0].to(device));
                    loss += F.crossEntropy(logits, y).item() * y.size(0);
                    correct += (long) logits.argmax(1, false).eq(y).sum().item();
                }
            }
        }
        return new double[] {loss / data.size(), (double) correct / data.size()};
    }
}
