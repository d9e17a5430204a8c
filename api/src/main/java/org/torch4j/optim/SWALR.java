package org.torch4j.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The learning-rate schedule of stochastic weight averaging ({@code torch.optim.swa_utils.SWALR}):
 * each group's rate anneals from its current value to its {@code swa_lr} over {@code annealEpochs}
 * steps, by a cosine ({@code "cos"}, the default) or linearly, and then stays there. The target is
 * kept in each group as the option {@code "swa_lr"}, as in PyTorch.
 *
 * <pre>{@code
 * var swa = new SWALR(opt, 0.05, 5, "cos");
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     train(opt);                     // calls opt.step()
 *     if (epoch >= 75) swa.step();    // the SWA phase
 * }
 * }</pre>
 *
 * <p>Like PyTorch 1.13 it counts its position with its own step count ({@code _step_count}), so a
 * scheduler built with {@code lastEpoch} to resume starts annealing anew.
 */
public class SWALR extends LRScheduler {
    private int annealEpochs;
    private String annealStrategy;

    /** Anneals every group to {@code swaLr} over 10 steps by a cosine. */
    public SWALR(Optimizer optimizer, double swaLr) {
        this(optimizer, swaLr, 10, "cos");
    }

    /** Anneals every group to {@code swaLr} over {@code annealEpochs} steps, {@code "cos"} or {@code "linear"}. */
    public SWALR(Optimizer optimizer, double swaLr, int annealEpochs, String annealStrategy) {
        this(optimizer, filled(swaLr, optimizer), annealEpochs, annealStrategy, -1);
    }

    /**
     * One target per group (as many as the optimizer has groups), resuming after {@code lastEpoch}
     * when it is not -1.
     */
    public SWALR(Optimizer optimizer, double[] swaLrs, int annealEpochs, String annealStrategy, int lastEpoch) {
        super(prepare(optimizer, swaLrs, annealEpochs, annealStrategy), lastEpoch);
        this.annealEpochs = annealEpochs;
        this.annealStrategy = annealStrategy;
        initialStep();
    }

    private static double[] filled(double v, Optimizer optimizer) {
        double[] out = new double[optimizer.paramGroups().size()];
        Arrays.fill(out, v);
        return out;
    }

    /** Checks in PyTorch's order, and only then sets each group's {@code swa_lr} (PyTorch sets it before checking). */
    private static Optimizer prepare(Optimizer optimizer, double[] swaLrs, int annealEpochs, String annealStrategy) {
        List<ParamGroup> groups = optimizer.paramGroups();
        if (swaLrs.length != groups.size()) {
            throw new IllegalArgumentException("swa_lr must have the same length as optimizer.param_groups: swa_lr has "
                    + swaLrs.length + ", optimizer.param_groups has " + groups.size());
        }
        if (!"cos".equals(annealStrategy) && !"linear".equals(annealStrategy)) {
            throw new IllegalArgumentException("anneal_strategy must by one of 'cos' or 'linear', instead got " + annealStrategy);
        }
        if (annealEpochs < 0) throw new IllegalArgumentException("anneal_epochs must be equal or greater than 0, got " + annealEpochs);
        for (int i = 0; i < groups.size(); i++) groups.get(i).set("swa_lr", swaLrs[i]);
        return optimizer;
    }

    private double anneal(double t) {
        return "linear".equals(annealStrategy) ? t : (1 - Math.cos(Math.PI * t)) / 2;
    }

    @Override
    protected List<Double> getLr() {
        int step = stepCount - 1;
        if (annealEpochs == 0) step = Math.max(1, step);
        double prevT = Math.max(0, Math.min(1, (step - 1) / (double) Math.max(1, annealEpochs)));
        double prevAlpha = anneal(prevT);
        double t = Math.max(0, Math.min(1, step / (double) Math.max(1, annealEpochs)));
        double alpha = anneal(t);
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) {
            double swaLr = g.getDouble("swa_lr");
            // the rate the previous step started from, recovered from the current one
            double prevLr = prevAlpha == 1 ? swaLr : (g.lr() - prevAlpha * swaLr) / (1 - prevAlpha);
            out.add(swaLr * alpha + prevLr * (1 - alpha));
        }
        return out;
    }

    /** Adds {@code anneal_epochs}, and {@code anneal_strategy} standing for PyTorch's {@code anneal_func}. */
    @Override
    protected void saveState(Map<String, Object> state) {
        state.put("anneal_epochs", annealEpochs);
        state.put("anneal_strategy", annealStrategy);
    }

    @Override
    protected void loadState(Map<String, Object> state) {
        annealEpochs = integer(state, "anneal_epochs", annealEpochs);
        if (state.get("anneal_strategy") instanceof String s) annealStrategy = s;
    }
}
