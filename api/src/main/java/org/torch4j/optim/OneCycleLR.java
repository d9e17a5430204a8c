package org.torch4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 1cycle policy ({@code OneCycleLR}): the learning rate rises from {@code maxLr / divFactor} to
 * {@code maxLr} over {@code pctStart} of the steps, then anneals to {@code initial_lr /
 * finalDivFactor} (with {@code threePhase}, first back to the initial rate), by cosine or linear
 * annealing. With {@code cycleMomentum} the momentum (SGD, RMSprop) or beta1 (Adam, AdamW) moves
 * inversely between {@code maxMomentum} and {@code baseMomentum}. Step it after every batch; stepping
 * past the total number of steps is an error.
 *
 * <pre>{@code
 * var sched = new OneCycleLR(opt, OneCycleLR.options(0.1).totalSteps(1000));
 * }</pre>
 */
public class OneCycleLR extends LRScheduler {

    /** Options for {@code maxLr} (one value for all groups, or one per group). */
    public static Options options(double... maxLr) {
        return new Options(maxLr);
    }

    /** OneCycleLR's options (PyTorch's defaults). */
    public static final class Options {
        final double[] maxLr;
        Integer totalSteps, epochs, stepsPerEpoch;
        double pctStart = 0.3, divFactor = 25., finalDivFactor = 1e4;
        String annealStrategy = "cos";
        boolean cycleMomentum = true, threePhase;
        double[] baseMomentum = {0.85}, maxMomentum = {0.95};
        int lastEpoch = -1;

        Options(double[] maxLr) {
            this.maxLr = maxLr.clone();
        }

        /** The number of steps in the cycle. */
        public Options totalSteps(int v) {
            totalSteps = v;
            return this;
        }

        /** With {@link #stepsPerEpoch}, the cycle length when total steps is not given. */
        public Options epochs(int v) {
            epochs = v;
            return this;
        }

        /** With {@link #epochs}, the cycle length when total steps is not given. */
        public Options stepsPerEpoch(int v) {
            stepsPerEpoch = v;
            return this;
        }

        /** The fraction of the cycle spent increasing the learning rate (default 0.3). */
        public Options pctStart(double v) {
            pctStart = v;
            return this;
        }

        /** {@code "cos"} (default) or {@code "linear"}. */
        public Options annealStrategy(String v) {
            annealStrategy = v;
            return this;
        }

        /** Whether the momentum cycles inversely to the learning rate (default true). */
        public Options cycleMomentum(boolean v) {
            cycleMomentum = v;
            return this;
        }

        /** The lower momentum bound (default 0.85), one value or one per group. */
        public Options baseMomentum(double... v) {
            baseMomentum = v.clone();
            return this;
        }

        /** The upper momentum bound (default 0.95), one value or one per group. */
        public Options maxMomentum(double... v) {
            maxMomentum = v.clone();
            return this;
        }

        /** The initial learning rate is {@code maxLr / divFactor} (default 25). */
        public Options divFactor(double v) {
            divFactor = v;
            return this;
        }

        /** The final learning rate is {@code initial_lr / finalDivFactor} (default 1e4). */
        public Options finalDivFactor(double v) {
            finalDivFactor = v;
            return this;
        }

        /** Three phases: up, back down to the initial rate, then down to the final rate. */
        public Options threePhase(boolean v) {
            threePhase = v;
            return this;
        }

        /** The last step taken, when resuming (default -1). */
        public Options lastEpoch(int v) {
            lastEpoch = v;
            return this;
        }
    }

    private record Phase(double endStep, String startLr, String endLr, String startMomentum, String endMomentum) {}

    private int totalSteps;
    private List<Phase> phases;
    private String annealStrategy;
    private boolean cycleMomentum, useBeta1;

    /** A 1cycle schedule for {@code optimizer}. */
    public OneCycleLR(Optimizer optimizer, Options o) {
        super(prepare(optimizer, o), o.lastEpoch);
        totalSteps = totalSteps(o);
        phases = phases(o.threePhase, o.pctStart, totalSteps);
        annealStrategy = o.annealStrategy;
        cycleMomentum = o.cycleMomentum;
        useBeta1 = cycleMomentum && optimizer.defaults().containsKey("betas");
        initialStep();
    }

    private static int totalSteps(Options o) {
        if (o.totalSteps == null && o.epochs == null && o.stepsPerEpoch == null) {
            throw new IllegalArgumentException("You must define either total_steps OR (epochs AND steps_per_epoch)");
        } else if (o.totalSteps != null) {
            if (o.totalSteps <= 0) {
                throw new IllegalArgumentException("Expected positive integer total_steps, but got " + o.totalSteps);
            }
            return o.totalSteps;
        }
        if (o.epochs == null || o.epochs <= 0) {
            throw new IllegalArgumentException("Expected positive integer epochs, but got " + Py.str(o.epochs));
        }
        if (o.stepsPerEpoch == null || o.stepsPerEpoch <= 0) {
            throw new IllegalArgumentException("Expected positive integer steps_per_epoch, but got " + Py.str(o.stepsPerEpoch));
        }
        return o.epochs * o.stepsPerEpoch;
    }

    private static List<Phase> phases(boolean threePhase, double pctStart, int totalSteps) {
        if (threePhase) {
            return List.of(
                    new Phase(pctStart * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                    new Phase(2 * pctStart * totalSteps - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                    new Phase(totalSteps - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"));
        }
        return List.of(
                new Phase(pctStart * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                new Phase(totalSteps - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"));
    }

    private static double[] perGroup(String name, Optimizer optimizer, double[] values) {
        int n = optimizer.paramGroups().size();
        if (values.length == 1) {
            double[] out = new double[n];
            java.util.Arrays.fill(out, values[0]);
            return out;
        }
        if (values.length != n) {
            throw new IllegalArgumentException("expected " + n + " values for " + name + ", got " + values.length);
        }
        return values;
    }

    /** Validates in PyTorch's order and sets the groups' initial, max and min rates and momentum. */
    private static Optimizer prepare(Optimizer optimizer, Options o) {
        totalSteps(o);
        if (o.pctStart < 0 || o.pctStart > 1 || Double.isNaN(o.pctStart)) {
            throw new IllegalArgumentException("Expected float between 0 and 1 pct_start, but got " + Py.repr(o.pctStart));
        }
        if (!"cos".equals(o.annealStrategy) && !"linear".equals(o.annealStrategy)) {
            throw new IllegalArgumentException("anneal_strategy must by one of 'cos' or 'linear', instead got "
                    + Py.str(o.annealStrategy));
        }
        double[] maxLrs = perGroup("max_lr", optimizer, o.maxLr);
        List<ParamGroup> groups = optimizer.paramGroups();
        if (o.lastEpoch == -1) {
            for (int i = 0; i < groups.size(); i++) {
                ParamGroup g = groups.get(i);
                double initial = maxLrs[i] / o.divFactor;
                g.set("initial_lr", initial);
                g.set("max_lr", maxLrs[i]);
                g.set("min_lr", initial / o.finalDivFactor);
            }
        }
        if (o.cycleMomentum) {
            Map<String, Object> defaults = optimizer.defaults();
            if (!defaults.containsKey("momentum") && !defaults.containsKey("betas")) {
                throw new IllegalArgumentException("optimizer must support momentum with `cycle_momentum` option enabled");
            }
            boolean useBeta1 = defaults.containsKey("betas");
            double[] maxM = perGroup("max_momentum", optimizer, o.maxMomentum);
            double[] baseM = perGroup("base_momentum", optimizer, o.baseMomentum);
            if (o.lastEpoch == -1) {
                for (int i = 0; i < groups.size(); i++) {
                    ParamGroup g = groups.get(i);
                    setMomentum(g, useBeta1, maxM[i]);
                    g.set("max_momentum", maxM[i]);
                    g.set("base_momentum", baseM[i]);
                }
            }
        }
        return optimizer;
    }

    private static void setMomentum(ParamGroup g, boolean useBeta1, double m) {
        if (useBeta1) g.set("betas", List.of(m, g.getDouble("betas", 1)));
        else g.set("momentum", m);
    }

    private double anneal(double start, double end, double pct) {
        if ("cos".equals(annealStrategy)) {
            double cosOut = Math.cos(Math.PI * pct) + 1;
            return end + (start - end) / 2.0 * cosOut;
        }
        return (end - start) * pct + start;
    }

    @Override
    protected List<Double> getLr() {
        int stepNum = lastEpoch;
        if (stepNum > totalSteps) {
            throw new IllegalStateException("Tried to step " + (stepNum + 1) + " times. The specified number of total steps is "
                    + totalSteps);
        }
        List<Double> lrs = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) {
            double startStep = 0, lr = 0, momentum = 0;
            for (int i = 0; i < phases.size(); i++) {
                Phase phase = phases.get(i);
                double endStep = phase.endStep();
                if (stepNum <= endStep || i == phases.size() - 1) {
                    double pct = (stepNum - startStep) / (endStep - startStep);
                    lr = anneal(g.getDouble(phase.startLr()), g.getDouble(phase.endLr()), pct);
                    if (cycleMomentum) {
                        momentum = anneal(g.getDouble(phase.startMomentum()), g.getDouble(phase.endMomentum()), pct);
                    }
                    break;
                }
                startStep = phase.endStep();
            }
            lrs.add(lr);
            if (cycleMomentum) setMomentum(g, useBeta1, momentum);
        }
        return lrs;
    }

    @Override
    protected void saveState(Map<String, Object> state) {
        state.put("total_steps", totalSteps);
        List<Object> ps = new ArrayList<>();
        for (Phase p : phases) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("end_step", p.endStep());
            m.put("start_lr", p.startLr());
            m.put("end_lr", p.endLr());
            m.put("start_momentum", p.startMomentum());
            m.put("end_momentum", p.endMomentum());
            ps.add(m);
        }
        state.put("_schedule_phases", ps);
        state.put("anneal_strategy", annealStrategy);
        state.put("cycle_momentum", cycleMomentum);
        if (cycleMomentum) state.put("use_beta1", useBeta1);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void loadState(Map<String, Object> state) {
        totalSteps = integer(state, "total_steps", totalSteps);
        if (state.get("_schedule_phases") instanceof List<?> l) {
            List<Phase> ps = new ArrayList<>();
            for (Object o : l) {
                Map<String, Object> m = (Map<String, Object>) o;
                ps.add(new Phase(((Number) m.get("end_step")).doubleValue(), (String) m.get("start_lr"), (String) m.get("end_lr"),
                        (String) m.get("start_momentum"), (String) m.get("end_momentum")));
            }
            phases = List.copyOf(ps);
        }
        if (state.get("anneal_strategy") instanceof String s) annealStrategy = s;
        if (state.get("cycle_momentum") instanceof Boolean b) cycleMomentum = b;
        if (state.get("use_beta1") instanceof Boolean b) useBeta1 = b;
    }
}
