package org.torch4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;

/**
 * Reduces the learning rate by {@code factor} when a metric stops improving for more than
 * {@code patience} epochs ({@code ReduceLROnPlateau}). Improvement is relative
 * ({@code threshold_mode "rel"}: better than {@code best * (1 -+ threshold)}) or absolute; after a
 * reduction {@code cooldown} epochs pass before bad epochs count again; rates never fall below
 * {@code min_lr}, and changes smaller than {@code eps} are skipped.
 *
 * <pre>{@code
 * var sched = new ReduceLROnPlateau(opt, ReduceLROnPlateau.options().patience(5).factor(0.5));
 * sched.step(validationLoss);
 * }</pre>
 */
public class ReduceLROnPlateau {

    /** Options with PyTorch's defaults: mode min, factor 0.1, patience 10, threshold 1e-4 rel. */
    public static Options options() {
        return new Options();
    }

    /** ReduceLROnPlateau's options. */
    public static final class Options {
        String mode = "min", thresholdMode = "rel";
        double factor = 0.1, threshold = 1e-4, eps = 1e-8;
        int patience = 10, cooldown;
        double[] minLr = {0};

        Options() {}

        /** {@code "min"} (the metric should fall, default) or {@code "max"}. */
        public Options mode(String v) {
            mode = v;
            return this;
        }

        /** The factor applied to the learning rate (default 0.1; must be below 1). */
        public Options factor(double v) {
            factor = v;
            return this;
        }

        /** Epochs without improvement tolerated before reducing (default 10). */
        public Options patience(int v) {
            patience = v;
            return this;
        }

        /** The least change that counts as improvement (default 1e-4). */
        public Options threshold(double v) {
            threshold = v;
            return this;
        }

        /** {@code "rel"} (default) or {@code "abs"}. */
        public Options thresholdMode(String v) {
            thresholdMode = v;
            return this;
        }

        /** Epochs to wait after a reduction (default 0). */
        public Options cooldown(int v) {
            cooldown = v;
            return this;
        }

        /** The lower bound of the learning rate: one value, or one per group (default 0). */
        public Options minLr(double... v) {
            minLr = v.clone();
            return this;
        }

        /** Reductions smaller than this are skipped (default 1e-8). */
        public Options eps(double v) {
            eps = v;
            return this;
        }
    }

    private final Optimizer optimizer;
    private double factor, threshold, eps, best, modeWorse;
    private List<Double> minLrs;
    private int patience, cooldown, cooldownCounter, numBadEpochs, lastEpoch;
    private String mode, thresholdMode;
    private List<Double> lastLr;

    /** With PyTorch's defaults. */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this(optimizer, options());
    }

    /** With the given options. */
    public ReduceLROnPlateau(Optimizer optimizer, Options o) {
        if (o.factor >= 1.0) throw new IllegalArgumentException("Factor should be < 1.0.");
        this.factor = o.factor;
        this.optimizer = optimizer;
        int n = optimizer.paramGroups().size();
        minLrs = new ArrayList<>();
        if (o.minLr.length == 1) {
            for (int i = 0; i < n; i++) minLrs.add(o.minLr[0]);
        } else if (o.minLr.length != n) {
            throw new IllegalArgumentException("expected " + n + " min_lrs, got " + o.minLr.length);
        } else {
            for (double v : o.minLr) minLrs.add(v);
        }
        patience = o.patience;
        cooldown = o.cooldown;
        cooldownCounter = 0;
        eps = o.eps;
        lastEpoch = 0;
        initIsBetter(o.mode, o.threshold, o.thresholdMode);
        reset();
    }

    private void initIsBetter(String mode, double threshold, String thresholdMode) {
        if (!"min".equals(mode) && !"max".equals(mode)) throw new IllegalArgumentException("mode " + mode + " is unknown!");
        if (!"rel".equals(thresholdMode) && !"abs".equals(thresholdMode)) {
            throw new IllegalArgumentException("threshold mode " + thresholdMode + " is unknown!");
        }
        modeWorse = "min".equals(mode) ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        this.mode = mode;
        this.threshold = threshold;
        this.thresholdMode = thresholdMode;
    }

    private void reset() {
        best = modeWorse;
        cooldownCounter = 0;
        numBadEpochs = 0;
    }

    /** Records the metric of one epoch (a 0-dim tensor is read with {@code item()}). */
    public void step(Tensor metric) {
        step(metric.item());
    }

    /** Records the metric of one epoch and reduces the learning rates when it has stalled. */
    public void step(double metric) {
        double current = metric;
        int epoch = lastEpoch + 1;
        lastEpoch = epoch;
        if (isBetter(current, best)) {
            best = current;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (inCooldown()) {
            cooldownCounter--;
            numBadEpochs = 0; // bad epochs in cooldown do not count
        }
        if (numBadEpochs > patience) {
            reduceLr();
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        lastLr = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) lastLr.add(g.lr());
        lastLr = List.copyOf(lastLr);
    }

    private void reduceLr() {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size(); i++) {
            double oldLr = groups.get(i).lr();
            double reduced = oldLr * factor, min = minLrs.get(i);
            double newLr = min > reduced ? min : reduced;
            if (oldLr - newLr > eps) groups.get(i).setLr(newLr);
        }
    }

    /** Whether the cooldown after a reduction is still running. */
    public boolean inCooldown() {
        return cooldownCounter > 0;
    }

    /** Whether {@code a} improves on {@code best} under the mode and threshold. */
    public boolean isBetter(double a, double best) {
        if (mode.equals("min") && thresholdMode.equals("rel")) return a < best * (1. - threshold);
        if (mode.equals("min")) return a < best - threshold;
        if (thresholdMode.equals("rel")) return a > best * (threshold + 1.);
        return a > best + threshold;
    }

    /** The learning rates after the last {@link #step}, one per group (null before the first). */
    public List<Double> getLastLr() {
        return lastLr;
    }

    /** The best metric seen so far. */
    public double best() {
        return best;
    }

    /** The number of epochs since the last improvement (reset by reductions and cooldown). */
    public int numBadEpochs() {
        return numBadEpochs;
    }

    /** The optimizer whose learning rates this scheduler reduces. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The state by PyTorch's attribute names ({@code best}, {@code num_bad_epochs}, ...). */
    public Map<String, Object> stateDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("factor", factor);
        m.put("min_lrs", new ArrayList<>(minLrs));
        m.put("patience", patience);
        m.put("cooldown", cooldown);
        m.put("cooldown_counter", cooldownCounter);
        m.put("mode", mode);
        m.put("threshold", threshold);
        m.put("threshold_mode", thresholdMode);
        m.put("best", best);
        m.put("num_bad_epochs", numBadEpochs);
        m.put("mode_worse", modeWorse);
        m.put("eps", eps);
        m.put("last_epoch", lastEpoch);
        if (lastLr != null) m.put("_last_lr", new ArrayList<>(lastLr));
        return m;
    }

    /** Restores a {@link #stateDict()} (entries present replace the current values). */
    public void loadStateDict(Map<String, Object> s) {
        factor = LRScheduler.number(s, "factor", factor);
        if (s.get("min_lrs") instanceof List<?> l) minLrs = LRScheduler.doubles(l);
        patience = LRScheduler.integer(s, "patience", patience);
        cooldown = LRScheduler.integer(s, "cooldown", cooldown);
        cooldownCounter = LRScheduler.integer(s, "cooldown_counter", cooldownCounter);
        String m = s.get("mode") instanceof String x ? x : mode;
        double th = LRScheduler.number(s, "threshold", threshold);
        String tm = s.get("threshold_mode") instanceof String x ? x : thresholdMode;
        best = LRScheduler.number(s, "best", best);
        numBadEpochs = LRScheduler.integer(s, "num_bad_epochs", numBadEpochs);
        eps = LRScheduler.number(s, "eps", eps);
        lastEpoch = LRScheduler.integer(s, "last_epoch", lastEpoch);
        if (s.get("_last_lr") instanceof List<?> l) lastLr = List.copyOf(LRScheduler.doubles(l));
        initIsBetter(m, th, tm);
    }
}
