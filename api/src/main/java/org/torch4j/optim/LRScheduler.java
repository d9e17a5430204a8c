package org.torch4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of the learning-rate schedulers ({@code torch.optim.lr_scheduler._LRScheduler}, PyTorch
 * 1.13 semantics). Build a scheduler after its optimizer and call {@link #step()} once per epoch (or
 * iteration) after {@code optimizer.step()}:
 *
 * <pre>{@code
 * SGD opt = new SGD(params, 0.1);
 * LRScheduler sched = new StepLR(opt, 30, 0.1);
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     train(opt);          // calls opt.step()
 *     sched.step();
 * }
 * }</pre>
 *
 * <p>Construction with {@code lastEpoch == -1} records each group's {@code lr} as its
 * {@code initial_lr} (unless set) and takes the first step, so the learning rate is the schedule's
 * value for epoch 0. With another {@code lastEpoch} (resuming), every group must have an
 * {@code initial_lr}. Subclasses compute the chainable form in {@link #getLr()} and, where PyTorch
 * has one, the closed form in {@link #closedFormLr()}.
 */
public abstract class LRScheduler {

    private static final System.Logger LOG = System.getLogger(LRScheduler.class.getName());

    /** The optimizer whose groups' {@code lr} this scheduler sets. */
    protected final Optimizer optimizer;
    /** Each group's {@code initial_lr}. */
    protected List<Double> baseLrs;
    /** The index of the last epoch (step) taken; -1 before the first. */
    protected int lastEpoch;
    /** How often {@link #step()} ran ({@code _step_count}). */
    protected int stepCount;
    private List<Double> lastLr;

    /**
     * Attaches to {@code optimizer}: sets or checks {@code initial_lr} and reads the base learning
     * rates. Subclass constructors set their fields and then call {@link #initialStep()}.
     */
    protected LRScheduler(Optimizer optimizer, int lastEpoch) {
        this.optimizer = optimizer;
        List<ParamGroup> groups = optimizer.paramGroups();
        if (lastEpoch == -1) {
            for (ParamGroup g : groups) g.options().putIfAbsent("initial_lr", g.lr());
        } else {
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i).get("initial_lr") == null) {
                    throw new IllegalArgumentException("param 'initial_lr' is not specified in param_groups[" + i
                            + "] when resuming an optimizer");
                }
            }
        }
        baseLrs = new ArrayList<>();
        for (ParamGroup g : groups) baseLrs.add(g.getDouble("initial_lr"));
        this.lastEpoch = lastEpoch;
    }

    /** For schedulers that manage other schedulers and have no base learning rates of their own. */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        this.baseLrs = new ArrayList<>();
        this.lastEpoch = -1;
    }

    /** The first step, taken at construction ({@code _initial_step}). */
    protected final void initialStep() {
        optimizer.resetStepCount();
        stepCount = 0;
        step();
    }

    /** The optimizer this scheduler drives. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The learning rates this scheduler set last, one per group ({@code get_last_lr()}). */
    public List<Double> getLastLr() {
        return lastLr;
    }

    /** The index of the last epoch taken ({@code last_epoch}). */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** The groups' {@code initial_lr} values ({@code base_lrs}). */
    public List<Double> baseLrs() {
        return List.copyOf(baseLrs);
    }

    /** The chainable form: the learning rates for {@link #lastEpoch}, usually from the current ones. */
    protected abstract List<Double> getLr();

    /** The closed form for {@link #lastEpoch}, or null where PyTorch has none. */
    protected List<Double> closedFormLr() {
        return null;
    }

    /** Advances one epoch and sets each group's learning rate. */
    public void step() {
        warnIfBeforeOptimizer();
        stepCount++;
        lastEpoch++;
        apply(getLr());
    }

    /**
     * Jumps to {@code epoch}, using the closed form where there is one (PyTorch's deprecated
     * {@code step(epoch)}; {@link SequentialLR} uses it at its milestones).
     */
    public void step(int epoch) {
        warnIfBeforeOptimizer();
        stepCount++;
        lastEpoch = epoch;
        List<Double> closed = closedFormLr();
        apply(closed != null ? closed : getLr());
    }

    private void warnIfBeforeOptimizer() {
        if (stepCount == 1 && optimizer.stepCount() < 1) {
            LOG.log(System.Logger.Level.WARNING, "Detected call of `lr_scheduler.step()` before `optimizer.step()`. "
                    + "In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before "
                    + "`lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the "
                    + "learning rate schedule.");
        }
    }

    /** Sets the groups' learning rates and records them. */
    protected void apply(List<Double> values) {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size(); i++) groups.get(i).setLr(values.get(i));
        lastLr = currentLrs();
    }

    /** The groups' current learning rates. */
    protected List<Double> currentLrs() {
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) out.add(g.lr());
        return out;
    }

    /** Sets the recorded last learning rates (for schedulers that step others). */
    protected void setLastLr(List<Double> lrs) {
        lastLr = lrs == null ? null : List.copyOf(lrs);
    }

    /** Each current learning rate multiplied by {@code factor}. */
    protected List<Double> scaled(double factor) {
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) out.add(g.lr() * factor);
        return out;
    }

    /**
     * The scheduler's state, as PyTorch's {@code state_dict()}: its settings and counters by
     * PyTorch's attribute names ({@code base_lrs}, {@code last_epoch}, {@code _step_count},
     * {@code _last_lr} and the subclass's own).
     */
    public Map<String, Object> stateDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        saveState(m);
        m.put("base_lrs", new ArrayList<>(baseLrs));
        m.put("last_epoch", lastEpoch);
        m.put("_step_count", stepCount);
        m.put("_last_lr", lastLr == null ? null : new ArrayList<>(lastLr));
        return m;
    }

    /** Restores a {@link #stateDict()}: entries present replace the current values. */
    @SuppressWarnings("unchecked")
    public void loadStateDict(Map<String, Object> state) {
        if (state.containsKey("base_lrs")) baseLrs = doubles((List<Object>) state.get("base_lrs"));
        if (state.containsKey("last_epoch")) lastEpoch = ((Number) state.get("last_epoch")).intValue();
        if (state.containsKey("_step_count")) stepCount = ((Number) state.get("_step_count")).intValue();
        if (state.containsKey("_last_lr")) {
            Object l = state.get("_last_lr");
            lastLr = l == null ? null : List.copyOf(doubles((List<Object>) l));
        }
        loadState(state);
    }

    /** Adds the subclass's settings and counters to a state dict. */
    protected void saveState(Map<String, Object> state) {}

    /** Reads the subclass's settings and counters from a state dict (those present). */
    protected void loadState(Map<String, Object> state) {}

    static List<Double> doubles(List<?> l) {
        List<Double> out = new ArrayList<>(l.size());
        for (Object o : l) out.add(((Number) o).doubleValue());
        return out;
    }

    static double number(Map<String, Object> state, String key, double current) {
        Object v = state.get(key);
        return v == null ? current : ((Number) v).doubleValue();
    }

    static int integer(Map<String, Object> state, String key, int current) {
        Object v = state.get(key);
        return v == null ? current : ((Number) v).intValue();
    }
}
