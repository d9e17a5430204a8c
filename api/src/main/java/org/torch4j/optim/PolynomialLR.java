package org.torch4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decays the learning rate polynomially to 0 over {@code totalIters} epochs ({@code PolynomialLR};
 * defaults 5 epochs, power 1).
 */
public class PolynomialLR extends LRScheduler {
    private int totalIters;
    private double power;

    /** PyTorch's defaults: linear decay over 5 epochs. */
    public PolynomialLR(Optimizer optimizer) {
        this(optimizer, 5, 1.0, -1);
    }

    /** Decay with exponent {@code power} over {@code totalIters} epochs. */
    public PolynomialLR(Optimizer optimizer, int totalIters, double power) {
        this(optimizer, totalIters, power, -1);
    }

    /** As {@link #PolynomialLR(Optimizer, int, double)}, resuming after {@code lastEpoch}. */
    public PolynomialLR(Optimizer optimizer, int totalIters, double power, int lastEpoch) {
        super(optimizer, lastEpoch);
        this.totalIters = totalIters;
        this.power = power;
        initialStep();
    }

    @Override
    protected List<Double> getLr() {
        if (lastEpoch == 0 || lastEpoch > totalIters) return currentLrs();
        double decay = Math.pow((1.0 - (double) lastEpoch / totalIters) / (1.0 - (double) (lastEpoch - 1) / totalIters), power);
        return scaled(decay);
    }

    @Override
    protected List<Double> closedFormLr() {
        List<Double> out = new ArrayList<>();
        for (double base : baseLrs) {
            out.add(base * Math.pow(1.0 - (double) Math.min(totalIters, lastEpoch) / totalIters, power));
        }
        return out;
    }

    @Override
    protected void saveState(Map<String, Object> state) {
        state.put("total_iters", totalIters);
        state.put("power", power);
    }

    @Override
    protected void loadState(Map<String, Object> state) {
        totalIters = integer(state, "total_iters", totalIters);
        power = number(state, "power", power);
    }
}
