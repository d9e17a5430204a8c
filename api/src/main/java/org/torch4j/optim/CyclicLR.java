package org.torch4j.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The cyclical learning rate policy ({@code CyclicLR}): the rate moves linearly from
 * {@code base_lr} up to {@code max_lr} over {@code stepSizeUp} steps and back over
 * {@code stepSizeDown}, the amplitude scaled per cycle ({@code "triangular"}: constant,
 * {@code "triangular2"}: halved each cycle) or per step ({@code "exp_range"}: {@code gamma^step}), or
 * by a scale function of your own. With {@code cycleMomentum} (the default) the momentum moves
 * inversely between {@code maxMomentum} and {@code baseMomentum}; as in PyTorch 1.13 that needs an
 * optimizer with a {@code momentum} option (SGD, RMSprop). Step it after every batch.
 *
 * <pre>{@code
 * SGD opt = new SGD(model.parameters(), SGD.options(0.01).momentum(0.9));
 * var sched = new CyclicLR(opt, CyclicLR.options(0.01, 0.1).stepSizeUp(2000).mode("triangular2"));
 * // or a custom amplitude, a function of the cycle number (scaleMode "cycle") or of the step ("iterations")
 * var custom = new CyclicLR(opt, CyclicLR.options(0.01, 0.1).scaleFn(x -> 1 / (1 + 0.1 * x)).scaleMode("iterations"));
 * }</pre>
 *
 * <p>The state dict holds PyTorch's attributes except the scale function (a custom one stays the one
 * this scheduler was built with).
 */
public class CyclicLR extends LRScheduler {

    /** Options cycling every group between {@code baseLr} and {@code maxLr}. */
    public static Options options(double baseLr, double maxLr) {
        return new Options(new double[] {baseLr}, new double[] {maxLr}, false);
    }

    /** Options with one lower and one upper bound per group (each array as long as the optimizer's groups). */
    public static Options options(double[] baseLrs, double[] maxLrs) {
        return new Options(baseLrs.clone(), maxLrs.clone(), true);
    }

    /** CyclicLR's options (PyTorch's defaults). */
    public static final class Options {
        final double[] baseLr, maxLr;
        final boolean lrsPerGroup;
        double stepSizeUp = 2000, gamma = 1.0;
        Double stepSizeDown;
        String mode = "triangular", scaleMode = "cycle";
        DoubleUnaryOperator scaleFn;
        boolean cycleMomentum = true;
        double[] baseMomentum = {0.8}, maxMomentum = {0.9};
        int lastEpoch = -1;

        Options(double[] baseLr, double[] maxLr, boolean lrsPerGroup) {
            this.baseLr = baseLr;
            this.maxLr = maxLr;
            this.lrsPerGroup = lrsPerGroup;
        }

        /** Steps in the increasing half of a cycle (default 2000). */
        public Options stepSizeUp(double v) {
            stepSizeUp = v;
            return this;
        }

        /** Steps in the decreasing half of a cycle (default: the same as {@link #stepSizeUp}). */
        public Options stepSizeDown(double v) {
            stepSizeDown = v;
            return this;
        }

        /** {@code "triangular"} (default), {@code "triangular2"} or {@code "exp_range"}; ignored with a {@link #scaleFn}. */
        public Options mode(String v) {
            mode = v;
            return this;
        }

        /** The base of {@code "exp_range"}'s scale {@code gamma^step} (default 1.0). */
        public Options gamma(double v) {
            gamma = v;
            return this;
        }

        /** A custom amplitude scale, applied to the cycle number or the step (see {@link #scaleMode}); replaces the mode's. */
        public Options scaleFn(DoubleUnaryOperator v) {
            scaleFn = v;
            return this;
        }

        /** With a {@link #scaleFn}: {@code "cycle"} (default) evaluates it at the cycle number, anything else at the step. */
        public Options scaleMode(String v) {
            scaleMode = v;
            return this;
        }

        /** Whether the momentum cycles inversely to the learning rate (default true). */
        public Options cycleMomentum(boolean v) {
            cycleMomentum = v;
            return this;
        }

        /** The lower momentum bound (default 0.8), one value or one per group. */
        public Options baseMomentum(double... v) {
            baseMomentum = v.clone();
            return this;
        }

        /** The upper momentum bound (default 0.9), one value or one per group. */
        public Options maxMomentum(double... v) {
            maxMomentum = v.clone();
            return this;
        }

        /** The last step taken, when resuming (default -1). */
        public Options lastEpoch(int v) {
            lastEpoch = v;
            return this;
        }
    }

    private List<Double> maxLrs, baseMomentums, maxMomentums;
    private double totalSize, stepRatio, gamma;
    private String mode, scaleMode;
    private final DoubleUnaryOperator customScaleFn;
    private boolean cycleMomentum;

    /** A cyclical schedule for {@code optimizer}. */
    public CyclicLR(Optimizer optimizer, Options o) {
        super(prepare(optimizer, o), o.lastEpoch);
        maxLrs = list(perGroup("max_lr", optimizer, o.maxLr, o.lrsPerGroup));
        double up = o.stepSizeUp, down = o.stepSizeDown != null ? o.stepSizeDown : up;
        totalSize = up + down;
        stepRatio = up / totalSize;
        mode = o.mode;
        gamma = o.gamma;
        customScaleFn = o.scaleFn;
        scaleMode = o.scaleFn != null ? o.scaleMode : "exp_range".equals(o.mode) ? "iterations" : "cycle";
        cycleMomentum = o.cycleMomentum;
        if (cycleMomentum) {
            baseMomentums = new ArrayList<>();
            for (ParamGroup g : optimizer.paramGroups()) baseMomentums.add(g.getDouble("momentum"));
            maxMomentums = list(perGroup("max_momentum", optimizer, o.maxMomentum, o.maxMomentum.length != 1));
        }
        initialStep();
        // as PyTorch, the given lower bounds replace the initial_lr values the first step used
        baseLrs = list(perGroup("base_lr", optimizer, o.baseLr, o.lrsPerGroup));
    }

    /** Validates everything in PyTorch's order, then sets the groups' lr (and momentum) to the lower bounds. */
    private static Optimizer prepare(Optimizer optimizer, Options o) {
        double[] baseLrs = perGroup("base_lr", optimizer, o.baseLr, o.lrsPerGroup);
        perGroup("max_lr", optimizer, o.maxLr, o.lrsPerGroup);
        if (o.scaleFn == null && !List.of("triangular", "triangular2", "exp_range").contains(o.mode)) {
            throw new IllegalArgumentException("mode is invalid and scale_fn is None");
        }
        double[] baseMomentums = null;
        if (o.cycleMomentum) {
            if (!optimizer.defaults().containsKey("momentum")) {
                throw new IllegalArgumentException("optimizer must support momentum with `cycle_momentum` option enabled");
            }
            baseMomentums = perGroup("base_momentum", optimizer, o.baseMomentum, o.baseMomentum.length != 1);
            perGroup("max_momentum", optimizer, o.maxMomentum, o.maxMomentum.length != 1);
        }
        if (o.lastEpoch == -1) {
            List<ParamGroup> groups = optimizer.paramGroups();
            for (int i = 0; i < groups.size(); i++) {
                groups.get(i).setLr(baseLrs[i]);
                if (baseMomentums != null) groups.get(i).set("momentum", baseMomentums[i]);
            }
        }
        return optimizer;
    }

    /** One value per group: PyTorch's list (which must have one per group), or a single value repeated. */
    private static double[] perGroup(String name, Optimizer optimizer, double[] values, boolean isList) {
        int n = optimizer.paramGroups().size();
        if (!isList) {
            double[] out = new double[n];
            Arrays.fill(out, values[0]);
            return out;
        }
        if (values.length != n) throw new IllegalArgumentException("expected " + n + " values for " + name + ", got " + values.length);
        return values;
    }

    private static List<Double> list(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) out.add(v);
        return out;
    }

    /** The amplitude scale at {@code x} (the cycle number or the step). */
    private double scale(double x) {
        if (customScaleFn != null) return customScaleFn.applyAsDouble(x);
        return switch (mode) {
            case "triangular2" -> 1 / Math.pow(2., x - 1);
            case "exp_range" -> Math.pow(gamma, x);
            default -> 1.;
        };
    }

    @Override
    protected List<Double> getLr() {
        double cycle = Math.floor(1 + lastEpoch / totalSize);
        double x = 1. + lastEpoch / totalSize - cycle;
        double scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
        double scale = scale("cycle".equals(scaleMode) ? cycle : lastEpoch);
        List<Double> lrs = new ArrayList<>();
        for (int i = 0; i < baseLrs.size(); i++) {
            double baseHeight = (maxLrs.get(i) - baseLrs.get(i)) * scaleFactor;
            lrs.add(baseLrs.get(i) + baseHeight * scale);
        }
        if (cycleMomentum) {
            List<ParamGroup> groups = optimizer.paramGroups();
            for (int i = 0; i < groups.size(); i++) {
                double baseHeight = (maxMomentums.get(i) - baseMomentums.get(i)) * scaleFactor;
                groups.get(i).set("momentum", maxMomentums.get(i) - baseHeight * scale);
            }
        }
        return lrs;
    }

    @Override
    protected void saveState(Map<String, Object> state) {
        state.put("max_lrs", new ArrayList<>(maxLrs));
        state.put("total_size", totalSize);
        state.put("step_ratio", stepRatio);
        state.put("mode", mode);
        state.put("gamma", gamma);
        state.put("scale_mode", scaleMode);
        state.put("cycle_momentum", cycleMomentum);
        if (cycleMomentum) {
            state.put("base_momentums", new ArrayList<>(baseMomentums));
            state.put("max_momentums", new ArrayList<>(maxMomentums));
        }
    }

    @Override
    protected void loadState(Map<String, Object> state) {
        if (state.get("max_lrs") instanceof List<?> l) maxLrs = doubles(l);
        totalSize = number(state, "total_size", totalSize);
        stepRatio = number(state, "step_ratio", stepRatio);
        if (state.get("mode") instanceof String s) mode = s;
        gamma = number(state, "gamma", gamma);
        if (state.get("scale_mode") instanceof String s) scaleMode = s;
        if (state.get("cycle_momentum") instanceof Boolean b) cycleMomentum = b;
        if (state.get("base_momentums") instanceof List<?> l) baseMomentums = doubles(l);
        if (state.get("max_momentums") instanceof List<?> l) maxMomentums = doubles(l);
    }
}
