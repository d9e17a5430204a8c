package org.torch4j.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Multiplies the learning rate by {@code gamma} at each milestone epoch ({@code MultiStepLR}); a
 * milestone listed twice multiplies twice.
 */
public class MultiStepLR extends LRScheduler {
    private final TreeMap<Integer, Integer> milestones = new TreeMap<>();
    private double gamma;

    /** Decays by 0.1 at each milestone. */
    public MultiStepLR(Optimizer optimizer, int[] milestones) {
        this(optimizer, milestones, 0.1, -1);
    }

    /** Decays by {@code gamma} at each milestone. */
    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        this(optimizer, milestones, gamma, -1);
    }

    /** Decays by {@code gamma} at each milestone, resuming after {@code lastEpoch}. */
    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma, int lastEpoch) {
        super(optimizer, lastEpoch);
        for (int m : milestones) this.milestones.merge(m, 1, Integer::sum);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected List<Double> getLr() {
        Integer count = milestones.get(lastEpoch);
        if (count == null) return currentLrs();
        return scaled(Math.pow(gamma, count));
    }

    @Override
    protected List<Double> closedFormLr() {
        int passed = 0; // bisect_right over the sorted milestones, repeats included
        for (Map.Entry<Integer, Integer> e : milestones.headMap(lastEpoch, true).entrySet()) passed += e.getValue();
        List<Double> out = new ArrayList<>();
        for (double base : baseLrs) out.add(base * Math.pow(gamma, passed));
        return out;
    }

    @Override
    protected void saveState(Map<String, Object> state) {
        state.put("milestones", new TreeMap<>(milestones));
        state.put("gamma", gamma);
    }

    @Override
    protected void loadState(Map<String, Object> state) {
        Object m = state.get("milestones");
        if (m instanceof Map<?, ?> map) {
            milestones.clear();
            map.forEach((k, v) -> milestones.put(Integer.valueOf(k.toString()), ((Number) v).intValue()));
        } else if (m instanceof int[] a) {
            milestones.clear();
            Arrays.stream(a).forEach(x -> milestones.merge(x, 1, Integer::sum));
        }
        gamma = number(state, "gamma", gamma);
    }
}
