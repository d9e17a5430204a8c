package org.torch4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Steps several schedulers of one optimizer together, their effects multiplying ({@code ChainedScheduler}). */
public class ChainedScheduler extends LRScheduler {
    private final List<LRScheduler> schedulers;

    /** Chains {@code schedulers}, which must share an optimizer. */
    public ChainedScheduler(List<? extends LRScheduler> schedulers) {
        super(schedulers.get(0).optimizer);
        for (int i = 1; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer != schedulers.get(0).optimizer) {
                throw new IllegalArgumentException("ChainedScheduler expects all schedulers to belong to the same optimizer, but "
                        + "got schedulers at index 0 and " + i + " to be different");
            }
        }
        this.schedulers = List.copyOf(schedulers);
        setLastLr(currentLrs());
    }

    @Override
    protected List<Double> getLr() {
        throw new UnsupportedOperationException("ChainedScheduler delegates to its schedulers");
    }

    @Override
    public void step() {
        for (LRScheduler s : schedulers) s.step();
        setLastLr(currentLrs());
    }

    /** Not supported (PyTorch's ChainedScheduler.step takes no epoch). */
    @Override
    public void step(int epoch) {
        throw new UnsupportedOperationException("ChainedScheduler.step() takes no epoch");
    }

    /** {@code _last_lr} and the children's state dicts. */
    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_last_lr", new ArrayList<>(getLastLr()));
        List<Object> children = new ArrayList<>();
        for (LRScheduler s : schedulers) children.add(s.stateDict());
        m.put("_schedulers", children);
        return m;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void loadStateDict(Map<String, Object> state) {
        if (state.get("_last_lr") instanceof List<?> l) setLastLr(doubles(l));
        if (state.get("_schedulers") instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) schedulers.get(i).loadStateDict((Map<String, Object>) l.get(i));
        }
    }
}
