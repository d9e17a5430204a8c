package org.torch4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scales the learning rate by {@code factor} until epoch {@code totalIters}, then restores it
 * ({@code ConstantLR}; defaults 1/3 and 5).
 */
public class ConstantLR extends LRScheduler {
    private double factor;
    private int totalIters;

    /** PyTorch's defaults: a third of the learning rate for 5 epochs. */
    public ConstantLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 5, -1);
    }

    /** {@code factor} times the learning rate for {@code totalIters} epochs. */
    public ConstantLR(Optimizer optimizer, double factor, int totalIters) {
        this(optimizer, factor, totalIters, -1);
    }

    /** As {@link #ConstantLR(Optimizer, double, int)}, resuming after {@code lastEpoch}. */
    public ConstantLR(Optimizer optimizer, double factor, int totalIters, int lastEpoch) {
        super(checked(optimizer, factor), lastEpoch);
        this.factor = factor;
        this.totalIters = totalIters;
        initialStep();
    }

    private static Optimizer checked(Optimizer optimizer, double factor) {
        if (factor > 1.0 || factor < 0) {
            throw new IllegalArgumentException("Constant multiplicative factor expected to be between 0 and 1.");
        }
        return optimizer;
    }

    @Override
    protected List<Double> getLr() {
        if (lastEpoch == 0) return scaled(factor);
        if (lastEpoch != totalIters) return currentLrs();
        return scaled(1.0 / factor);
    }

    @Override
    protected List<Double> closedFormLr() {
        List<Double> out = new ArrayList<>();
        for (double base : baseLrs) out.add(base * (factor + (lastEpoch >= totalIters ? 1 : 0) * (1 - factor)));
        return out;
    }

    @Override
    protected void saveState(Map<String, Object> state) {
        state.put("factor", factor);
        state.put("total_iters", totalIters);
    }

    @Override
    protected void loadState(Map<String, Object> state) {
        factor = number(state, "factor", factor);
        totalIters = integer(state, "total_iters", totalIters);
    }
}
