package org.torch4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Multiplies the learning rate by {@code gamma} every {@code stepSize} epochs ({@code StepLR}). */
public class StepLR extends LRScheduler {
    private int stepSize;
    private double gamma;

    /** Decays by 0.1 every {@code stepSize} epochs. */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1, -1);
    }

    /** Decays by {@code gamma} every {@code stepSize} epochs. */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        this(optimizer, stepSize, gamma, -1);
    }

    /** Decays by {@code gamma} every {@code stepSize} epochs, resuming after {@code lastEpoch}. */
    public StepLR(Optimizer optimizer, int stepSize, double gamma, int lastEpoch) {
        // PyTorch divides by zero at the first step; torch4j refuses before touching the optimizer (flexible constructor body)
        if (stepSize == 0) throw new IllegalArgumentException("step_size must not be zero");
        super(optimizer, lastEpoch);
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected List<Double> getLr() {
        if (lastEpoch == 0 || lastEpoch % stepSize != 0) return currentLrs();
        return scaled(gamma);
    }

    @Override
    protected List<Double> closedFormLr() {
        List<Double> out = new ArrayList<>();
        for (double base : baseLrs) out.add(base * Math.pow(gamma, Math.floorDiv(lastEpoch, stepSize)));
        return out;
    }

    @Override
    protected void saveState(Map<String, Object> state) {
        state.put("step_size", stepSize);
        state.put("gamma", gamma);
    }

    @Override
    protected void loadState(Map<String, Object> state) {
        stepSize = integer(state, "step_size", stepSize);
        gamma = number(state, "gamma", gamma);
    }
}
