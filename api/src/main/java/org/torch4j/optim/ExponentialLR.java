package org.torch4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Multiplies the learning rate by {@code gamma} every epoch ({@code ExponentialLR}). */
public class ExponentialLR extends LRScheduler {
    private double gamma;

    /** Decays by {@code gamma} every epoch. */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        this(optimizer, gamma, -1);
    }

    /** Decays by {@code gamma} every epoch, resuming after {@code lastEpoch}. */
    public ExponentialLR(Optimizer optimizer, double gamma, int lastEpoch) {
        super(optimizer, lastEpoch);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected List<Double> getLr() {
        if (lastEpoch == 0) return currentLrs();
        return scaled(gamma);
    }

    @Override
    protected List<Double> closedFormLr() {
        List<Double> out = new ArrayList<>();
        for (double base : baseLrs) out.add(base * Math.pow(gamma, lastEpoch));
        return out;
    }

    @Override
    protected void saveState(Map<String, Object> state) {
        state.put("gamma", gamma);
    }

    @Override
    protected void loadState(Map<String, Object> state) {
        gamma = number(state, "gamma", gamma);
    }
}
