package org.torch4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scales the learning rate by a factor going linearly from {@code startFactor} to
 * {@code endFactor} over {@code totalIters} epochs ({@code LinearLR}; defaults 1/3, 1.0, 5).
 */
public class LinearLR extends LRScheduler {
    private double startFactor, endFactor;
    private int totalIters;

    /** PyTorch's defaults: from 1/3 to 1 over 5 epochs. */
    public LinearLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 1.0, 5, -1);
    }

    /** From {@code startFactor} to {@code endFactor} over {@code totalIters} epochs. */
    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        this(optimizer, startFactor, endFactor, totalIters, -1);
    }

    /** As {@link #LinearLR(Optimizer, double, double, int)}, resuming after {@code lastEpoch}. */
    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters, int lastEpoch) {
        super(checked(optimizer, startFactor, endFactor), lastEpoch);
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        initialStep();
    }

    private static Optimizer checked(Optimizer optimizer, double startFactor, double endFactor) {
        if (startFactor > 1.0 || startFactor < 0) {
            throw new IllegalArgumentException("Starting multiplicative factor expected to be between 0 and 1.");
        }
        if (endFactor > 1.0 || endFactor < 0) {
            throw new IllegalArgumentException("Ending multiplicative factor expected to be between 0 and 1.");
        }
        return optimizer;
    }

    @Override
    protected List<Double> getLr() {
        if (lastEpoch == 0) return scaled(startFactor);
        if (lastEpoch > totalIters) return currentLrs();
        return scaled(1. + (endFactor - startFactor)
                / (totalIters * startFactor + (lastEpoch - 1) * (endFactor - startFactor)));
    }

    @Override
    protected List<Double> closedFormLr() {
        List<Double> out = new ArrayList<>();
        for (double base : baseLrs) {
            out.add(base * (startFactor + (endFactor - startFactor) * Math.min(totalIters, lastEpoch) / totalIters));
        }
        return out;
    }

    @Override
    protected void saveState(Map<String, Object> state) {
        state.put("start_factor", startFactor);
        state.put("end_factor", endFactor);
        state.put("total_iters", totalIters);
    }

    @Override
    protected void loadState(Map<String, Object> state) {
        startFactor = number(state, "start_factor", startFactor);
        endFactor = number(state, "end_factor", endFactor);
        totalIters = integer(state, "total_iters", totalIters);
    }
}
