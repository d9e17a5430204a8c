package org.torch4j.optim;

import java.util.ArrayList;
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

    protected final List<ParamGroup> paramGroups = new ArrayList<>();
    /** Per-parameter state (momentum buffers, moments, step counts). */
    protected final Map<Tensor, Map<String, Object>> state = new IdentityHashMap<>();
    private final Map<String, Object> defaults;

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
            if (!p.isLeaf()) throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
            for (ParamGroup other : paramGroups) {
                for (Tensor q : other.params()) {
                    if (q == p) throw new IllegalArgumentException("some parameters appear in more than one parameter group");
                }
            }
        }
        paramGroups.add(group);
    }

    public List<ParamGroup> paramGroups() {
        return paramGroups;
    }

    /** Performs one optimisation step (without recording gradients). */
    public final void step() {
        try (var g = Torch.noGrad()) {
            for (ParamGroup group : paramGroups) update(group);
        }
    }

    /** Updates the parameters of one group in place. */
    protected abstract void update(ParamGroup group);

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
            for (Tensor p : g.params()) {
                Tensor grad = p.grad();
                if (grad == null) continue;
                if (setToNone) {
                    p.setGrad(null);
                } else {
                    try (var m = Torch.noGrad()) {
                        grad.detach_().zero_();
                    }
                }
            }
        }
    }

    /**
     * {@code {"state": {index: {name: value}}, "param_groups": [{options..., "params": [indices]}]}},
     * parameters numbered across groups in order, as PyTorch's {@code state_dict()}.
     */
    public Map<String, Object> stateDict() {
        Map<String, Object> st = new LinkedHashMap<>();
        List<Object> groups = new ArrayList<>();
        int index = 0;
        for (ParamGroup g : paramGroups) {
            Map<String, Object> gd = new LinkedHashMap<>(g.options());
            List<Integer> ids = new ArrayList<>();
            for (Tensor p : g.params()) {
                Map<String, Object> s = state.get(p);
                if (s != null) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    s.forEach((k, v) -> copy.put(k, v instanceof Tensor t ? t.detach().clone() : v));
                    st.put(Integer.toString(index), copy);
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

    /** Restores a {@link #stateDict()}: group options and per-parameter state, matched by position. */
    @SuppressWarnings("unchecked")
    public void loadStateDict(Map<String, Object> dict) {
        List<Object> groups = (List<Object>) dict.get("param_groups");
        Map<String, Object> st = (Map<String, Object>) dict.get("state");
        if (groups == null || st == null) throw new IllegalArgumentException("optimizer state dict needs 'state' and 'param_groups'");
        if (groups.size() != paramGroups.size()) {
            throw new IllegalArgumentException("loaded state dict has a different number of parameter groups");
        }
        List<Tensor> ordered = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Map<String, Object> gd = (Map<String, Object>) groups.get(i);
            List<Object> ids = (List<Object>) gd.get("params");
            ParamGroup g = paramGroups.get(i);
            if (ids.size() != g.params().size()) {
                throw new IllegalArgumentException("loaded state dict contains a parameter group that doesn't match the size "
                        + "of optimizer's group");
            }
            ordered.addAll(g.params());
        }
        state.clear();
        for (int i = 0; i < groups.size(); i++) {
            Map<String, Object> gd = new LinkedHashMap<>((Map<String, Object>) groups.get(i));
            gd.remove("params");
            paramGroups.get(i).options().putAll(gd);
        }
        for (Map.Entry<String, Object> e : st.entrySet()) {
            int idx = Integer.parseInt(e.getKey());
            Tensor p = ordered.get(idx);
            Map<String, Object> s = new LinkedHashMap<>();
            ((Map<String, Object>) e.getValue()).forEach((k, v) -> s.put(k, v instanceof Tensor t
                    ? (t.isFloatingPoint() && k.contains("step") == false ? t.to(p.dtype()).to(p.device()) : t).clone().keep() : v));
            state.put(p, s);
        }
    }
}
