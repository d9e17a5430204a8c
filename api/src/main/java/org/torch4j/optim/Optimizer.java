package org.torch4j.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The base of the optimizers ({@code torch.optim.Optimizer}): parameter groups with options, state
 * per parameter, {@link #zeroGrad()}, {@link #step()} and state dicts in PyTorch's layout.
 */
public abstract class Optimizer {

    /** The parameter groups, in order. */
    protected final List<ParamGroup> paramGroups = new ArrayList<>();
    /** Per-parameter state (momentum buffers, moments, step counts). */
    protected final Map<Tensor, Map<String, Object>> state = new IdentityHashMap<>();
    private final Map<String, Object> defaults;
    private int stepCount;

    /** Builds an optimizer over one group of {@code params} with the given default options. */
    protected Optimizer(List<? extends Tensor> params, Map<String, Object> defaults) {
        this.defaults = new LinkedHashMap<>(defaults);
        if (params.isEmpty()) throw new IllegalArgumentException("optimizer got an empty parameter list");
        addParamGroup(new ParamGroup(params));
    }

    /** Builds an optimizer from explicit groups (each may override the defaults). */
    protected Optimizer(Map<String, Object> defaults, List<ParamGroup> groups) {
        this.defaults = new LinkedHashMap<>(defaults);
        for (ParamGroup g : groups) addParamGroup(g);
    }

    /** Adds a group; options it leaves unset take the defaults. */
    public void addParamGroup(ParamGroup group) {
        for (Map.Entry<String, Object> d : defaults.entrySet()) group.options().putIfAbsent(d.getKey(), d.getValue());
        for (Tensor p : group.params()) {
            if (!p.isLeaf() && !p.retainsGrad()) throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
            for (ParamGroup other : paramGroups) {
                for (Tensor q : other.params()) {
                    if (q == p) throw new IllegalArgumentException("some parameters appear in more than one parameter group");
                }
            }
        }
        paramGroups.add(group);
    }

    /** The parameter groups, in order ({@code optimizer.param_groups}); schedulers change their {@code lr}. */
    public List<ParamGroup> paramGroups() {
        return paramGroups;
    }

    /** The options a group takes when it leaves them unset (PyTorch's {@code optimizer.defaults}). */
    public Map<String, Object> defaults() {
        return Collections.unmodifiableMap(defaults);
    }

    /**
     * Re-evaluates the model for optimizers that need the loss more than once per step
     * ({@link LBFGS}): clears the gradients, computes the loss, calls {@code backward()} on it and
     * returns it. {@link #step(Closure)} runs it with gradients enabled.
     */
    @FunctionalInterface
    public interface Closure {
        /** Computes the loss with its gradients and returns the loss. */
        Tensor evaluate();
    }

    /** Performs one optimisation step (without recording gradients). */
    public final void step() {
        step(null);
    }

    /**
     * Performs one optimisation step; a non-null {@code closure} is evaluated first (with gradients
     * enabled) and its loss returned, as PyTorch's {@code step(closure)}. Returns null without one.
     */
    public final Tensor step(Closure closure) {
        stepCount++;
        return doStep(closure);
    }

    /** The step itself: by default the closure, then {@link #update} of each group without grad. */
    protected Tensor doStep(Closure closure) {
        Tensor loss = null;
        if (closure != null) {
            try (var g = Torch.enableGrad()) {
                loss = closure.evaluate();
            }
        }
        checkSparseGradients();
        try (var g = Torch.noGrad()) {
            for (ParamGroup group : paramGroups) update(group);
        }
        return loss;
    }

    /**
     * Whether {@link #update} takes sparse gradients ({@link Tensor#sparseGrad()}): SGD, Adagrad and SparseAdam
     * do; the others refuse a parameter that has one, as PyTorch's do.
     */
    protected boolean supportsSparseGradients() {
        return false;
    }

    /** PyTorch's message of an optimizer that takes no sparse gradients. */
    protected String sparseGradientsMessage() {
        return getClass().getSimpleName() + " does not support sparse gradients";
    }

    /** Refuses a sparse gradient unless {@link #supportsSparseGradients()}. */
    protected final void checkSparseGradients() {
        if (supportsSparseGradients()) return;
        for (ParamGroup group : paramGroups) {
            for (Tensor p : group.params()) {
                if (p.sparseGrad() != null) throw new IllegalStateException(sparseGradientsMessage());
            }
        }
    }

    /** Updates the parameters of one group in place (optimizers that override {@link #doStep} need not). */
    protected void update(ParamGroup group) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not update group by group");
    }

    /** How often {@link #step} ran since a scheduler attached ({@code optimizer._step_count}). */
    int stepCount() {
        return stepCount;
    }

    void resetStepCount() {
        stepCount = 0;
    }

    /** The real view of a complex tensor ({@code torch.view_as_real}); a real tensor itself. */
    protected static Tensor asReal(Tensor t) {
        return t.isComplex() ? Torch.viewAsReal(t) : t;
    }

    /** The state of one parameter, created on first use. */
    protected Map<String, Object> stateOf(Tensor p) {
        return state.computeIfAbsent(p, k -> new LinkedHashMap<>());
    }

    /** Zeroes the gradients in place (PyTorch 1.13's default). */
    public void zeroGrad() {
        zeroGrad(false);
    }

    /** Zeroes the gradients, or with {@code setToNone} drops them. */
    public void zeroGrad(boolean setToNone) {
        for (ParamGroup g : paramGroups) {
            for (Tensor p : g.params()) org.torch4j.internal.ZeroGrad.of(p, setToNone);
        }
    }

    /**
     * {@code {"state": {index: {name: value}}, "param_groups": [{options..., "params": [indices]}]}},
     * parameters numbered across groups in order, as PyTorch's {@code state_dict()}: the state's keys are
     * {@link Integer}s, as PyTorch's are ints, so that a dict written with
     * {@link org.torch4j.io.PyTorchCheckpoint#saveObject} loads into a PyTorch optimizer. Tensors in the
     * state (also inside lists, as LBFGS keeps them) are copies.
     */
    public Map<String, Object> stateDict() {
        Map<Integer, Object> st = new LinkedHashMap<>();
        List<Object> groups = new ArrayList<>();
        int index = 0;
        for (ParamGroup g : paramGroups) {
            Map<String, Object> gd = new LinkedHashMap<>();
            g.options().forEach((k, v) -> gd.put(k, copy(v, false)));
            List<Integer> ids = new ArrayList<>();
            for (Tensor p : g.params()) {
                Map<String, Object> s = state.get(p);
                if (s != null) {
                    Map<String, Object> c = new LinkedHashMap<>();
                    s.forEach((k, v) -> c.put(k, copy(v, false)));
                    st.put(index, c);
                }
                ids.add(index++);
            }
            gd.put("params", ids);
            groups.add(gd);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", st);
        out.put("param_groups", groups);
        return out;
    }

    /** A deep copy of a state value: tensors cloned (and kept when {@code keep}), lists and maps copied. */
    private static Object copy(Object v, boolean keep) {
        if (v instanceof Tensor t) {
            Tensor c = t.detach().clone();
            return keep ? c.keep() : c;
        }
        if (v instanceof List<?> l) {
            List<Object> c = new ArrayList<>(l.size());
            for (Object o : l) c.add(copy(o, keep));
            return c;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> c = new LinkedHashMap<>();
            m.forEach((k, o) -> c.put(k, copy(o, keep)));
            return c;
        }
        if (v instanceof double[] a) return a.clone();
        return v;
    }

    /**
     * PyTorch's cast on loading: floating-point tensors take the parameter's dtype, every tensor its
     * device, except under the key {@code step}; lists are cast element by element.
     */
    private static Object cast(Tensor p, Object v, String key) {
        if (v instanceof Tensor t) {
            Tensor c = t.detach();
            if (!"step".equals(key)) {
                if (p.isFloatingPoint()) c = c.to(p.dtype());
                c = c.to(p.device());
            }
            return c.clone().keep();
        }
        if (v instanceof List<?> l) {
            List<Object> c = new ArrayList<>(l.size());
            for (Object o : l) c.add(cast(p, o, null));
            return c;
        }
        return copy(v, true);
    }

    /**
     * Restores a {@link #stateDict()}: group options and per-parameter state, matched by position
     * (the dict is not changed, and later steps do not change it). State keys may be integers or their
     * decimal strings (a PyTorch checkpoint read with {@link org.torch4j.io.PyTorchCheckpoint#loadDict}
     * has the latter).
     */
    @SuppressWarnings("unchecked")
    public void loadStateDict(Map<String, Object> dict) {
        List<Object> groups = (List<Object>) dict.get("param_groups");
        Map<?, ?> st = (Map<?, ?>) dict.get("state");
        if (groups == null || st == null) throw new IllegalArgumentException("optimizer state dict needs 'state' and 'param_groups'");
        if (groups.size() != paramGroups.size()) {
            throw new IllegalArgumentException("loaded state dict has a different number of parameter groups");
        }
        Map<Object, Tensor> idMap = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            Map<String, Object> gd = (Map<String, Object>) groups.get(i);
            List<Object> ids = (List<Object>) gd.get("params");
            ParamGroup g = paramGroups.get(i);
            if (ids.size() != g.params().size()) {
                throw new IllegalArgumentException("loaded state dict contains a parameter group that doesn't match the size "
                        + "of optimizer's group");
            }
            for (int j = 0; j < ids.size(); j++) idMap.put(ids.get(j).toString(), g.params().get(j));
        }
        state.clear();
        for (int i = 0; i < groups.size(); i++) {
            Map<String, Object> options = paramGroups.get(i).options();
            options.clear();
            ((Map<String, Object>) groups.get(i)).forEach((k, v) -> {
                if (!k.equals("params")) options.put(k, copy(v, true));
            });
        }
        for (Map.Entry<?, ?> e : st.entrySet()) {
            Tensor p = idMap.get(String.valueOf(e.getKey()));
            if (p == null) continue;
            Map<String, Object> s = new LinkedHashMap<>();
            ((Map<String, Object>) e.getValue()).forEach((k, v) -> s.put(k, cast(p, v, k)));
            state.put(p, s);
        }
    }
}
