package org.torch4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs schedulers one after another, switching at the milestone epochs ({@code SequentialLR}); at
 * each milestone the next scheduler restarts from epoch 0 (its closed form where it has one). Build
 * the child schedulers on the same optimizer first.
 *
 * <pre>{@code
 * var warmup = new LinearLR(opt, 0.1, 1.0, 5);
 * var decay = new ExponentialLR(opt, 0.9);
 * var sched = new SequentialLR(opt, List.of(warmup, decay), 5);
 * }</pre>
 */
public class SequentialLR extends LRScheduler {
    private final List<LRScheduler> schedulers;
    private int[] milestones;

    /** Switches from {@code schedulers[i]} to {@code schedulers[i + 1]} at {@code milestones[i]}. */
    public SequentialLR(Optimizer optimizer, List<? extends LRScheduler> schedulers, int... milestones) {
        this(optimizer, schedulers, milestones, -1);
    }

    /** As {@link #SequentialLR(Optimizer, List, int...)}, resuming after {@code lastEpoch}. */
    public SequentialLR(Optimizer optimizer, List<? extends LRScheduler> schedulers, int[] milestones, int lastEpoch) {
        super(optimizer);
        for (int i = 0; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer != optimizer) {
                throw new IllegalArgumentException("Sequential Schedulers expects all schedulers to belong to the same optimizer, "
                        + "but got schedulers at index " + i + " to be different than the optimizer passed in.");
            }
        }
        if (milestones.length != schedulers.size() - 1) {
            throw new IllegalArgumentException("Sequential Schedulers expects number of schedulers provided to be one more than "
                    + "the number of milestone points, but got number of schedulers " + schedulers.size()
                    + " and the number of milestones to be equal to " + milestones.length);
        }
        this.schedulers = List.copyOf(schedulers);
        this.milestones = milestones.clone();
        this.lastEpoch = lastEpoch + 1;
        for (ParamGroup g : optimizer.paramGroups()) g.setLr(g.getDouble("initial_lr"));
        for (LRScheduler s : this.schedulers) s.lastEpoch -= 1; // undo the step the children took
        this.schedulers.get(0).initialStep();
        setLastLr(this.schedulers.get(0).getLastLr());
    }

    /** The child schedulers. */
    public List<LRScheduler> schedulers() {
        return schedulers;
    }

    @Override
    protected List<Double> getLr() {
        throw new UnsupportedOperationException("SequentialLR delegates to its schedulers");
    }

    @Override
    public void step() {
        lastEpoch++;
        int idx = bisectRight(milestones, lastEpoch);
        LRScheduler s = schedulers.get(idx);
        if (idx > 0 && milestones[idx - 1] == lastEpoch) s.step(0);
        else s.step();
        setLastLr(s.getLastLr());
    }

    /** Not supported (PyTorch's SequentialLR.step takes no epoch). */
    @Override
    public void step(int epoch) {
        throw new UnsupportedOperationException("SequentialLR.step() takes no epoch");
    }

    static int bisectRight(int[] sorted, int x) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x < sorted[mid]) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /** {@code _milestones}, {@code last_epoch}, {@code _last_lr} and the children's state dicts. */
    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Integer> ms = new ArrayList<>();
        for (int x : milestones) ms.add(x);
        m.put("_milestones", ms);
        m.put("last_epoch", lastEpoch);
        m.put("_last_lr", getLastLr() == null ? null : new ArrayList<>(getLastLr()));
        List<Object> children = new ArrayList<>();
        for (LRScheduler s : schedulers) children.add(s.stateDict());
        m.put("_schedulers", children);
        return m;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void loadStateDict(Map<String, Object> state) {
        if (state.get("_milestones") instanceof List<?> l) {
            milestones = l.stream().mapToInt(o -> ((Number) o).intValue()).toArray();
        }
        lastEpoch = integer(state, "last_epoch", lastEpoch);
        if (state.get("_last_lr") instanceof List<?> l) setLastLr(doubles(l));
        if (state.get("_schedulers") instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) schedulers.get(i).loadStateDict((Map<String, Object>) l.get(i));
        }
    }
}
