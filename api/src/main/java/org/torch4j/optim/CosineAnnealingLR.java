package org.torch4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cosine annealing from the base learning rate to {@code etaMin} over {@code tMax} epochs
 * ({@code CosineAnnealingLR}). Like PyTorch it steps by the recursive form, which follows the
 * cosine during the first {@code tMax} epochs and then rises and falls again (it is not the closed
 * form {@code etaMin + (base - etaMin)(1 + cos(pi t / tMax)) / 2} after the first period once the
 * learning rate was changed from outside).
 */
public class CosineAnnealingLR extends LRScheduler {
    private int tMax;
    private double etaMin;

    /** Anneals to 0 over {@code tMax} epochs. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0, -1);
    }

    /** Anneals to {@code etaMin} over {@code tMax} epochs. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        this(optimizer, tMax, etaMin, -1);
    }

    /** Anneals to {@code etaMin} over {@code tMax} epochs, resuming after {@code lastEpoch}. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin, int lastEpoch) {
        // PyTorch divides by zero at the first step; torch4j refuses before touching the optimizer (flexible constructor body)
        if (tMax == 0) throw new IllegalArgumentException("T_max must not be zero");
        super(optimizer, lastEpoch);
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected List<Double> getLr() {
        List<ParamGroup> groups = optimizer.paramGroups();
        List<Double> out = new ArrayList<>();
        if (lastEpoch == 0) return currentLrs();
        if (stepCount == 1 && lastEpoch > 0) {
            for (double base : baseLrs) out.add(etaMin + (base - etaMin) * (1 + Math.cos(lastEpoch * Math.PI / tMax)) / 2);
            return out;
        }
        if ((lastEpoch - 1 - tMax) % (2 * tMax) == 0) {
            for (int i = 0; i < groups.size(); i++) {
                out.add(groups.get(i).lr() + (baseLrs.get(i) - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2);
            }
            return out;
        }
        for (ParamGroup g : groups) {
            out.add((1 + Math.cos(Math.PI * lastEpoch / tMax)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / tMax))
                    * (g.lr() - etaMin) + etaMin);
        }
        return out;
    }

    @Override
    protected List<Double> closedFormLr() {
        List<Double> out = new ArrayList<>();
        for (double base : baseLrs) out.add(etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * lastEpoch / tMax)) / 2);
        return out;
    }

    @Override
    protected void saveState(Map<String, Object> state) {
        state.put("T_max", tMax);
        state.put("eta_min", etaMin);
    }

    @Override
    protected void loadState(Map<String, Object> state) {
        tMax = integer(state, "T_max", tMax);
        etaMin = number(state, "eta_min", etaMin);
    }
}
