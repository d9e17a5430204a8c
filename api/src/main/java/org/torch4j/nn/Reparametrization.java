package org.torch4j.nn;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * The module state {@link Stateless#functionalCall} swaps in: between {@link #enter()} and {@link #close()}
 * each named parameter or buffer object stands for the given tensor (see {@link Internals#rebind}), and each
 * other tensor of the module that requires grad for a stand-in of itself; {@code close} gives every object back
 * its own values, autograd identity and {@code .grad}. What requires grad is reached through detached
 * stand-ins (leaves sharing the values' storage), so that the call's graph ends at independent leaves that
 * {@link SealedCall} differentiates with respect to. Every name is resolved when this is built, before anything
 * changes, so a bad name leaves the module as it was. The window can be entered again, as the call's backward does.
 */
final class Reparametrization implements AutoCloseable {

    /** A named tensor: the object the module reads, and the parametrization that computes it, if any. */
    private record Target(Tensor tensor, ParametrizationList list) {}

    /** One module tensor object: what it stands for in the window, and the real tensor and stand-in behind that. */
    private record Swap(Tensor target, Tensor bound, Tensor real, Tensor standIn, ParametrizationList list) {}

    /** One swapped tensor's own state, kept in {@code alias}, and its gradient. */
    private record Saved(Tensor target, Tensor alias, Tensor grad) {}

    private final List<Swap> swaps = new ArrayList<>();
    private final List<Saved> saved = new ArrayList<>();
    /** Parametrized tensors not named: their pre-hooks compute them in the call, which re-entries must see again. */
    private final Map<Tensor, Tensor> computed = new IdentityHashMap<>();

    /** Resolves {@code names} in {@code module}, failing as PyTorch does on a missing submodule; changes nothing. */
    Reparametrization(Module module, Map<String, Tensor> names) {
        Map<Tensor, Tensor> values = new IdentityHashMap<>();
        Map<Tensor, ParametrizationList> parametrized = new IdentityHashMap<>();
        for (Map.Entry<String, Tensor> e : names.entrySet()) {
            if (e.getValue() == null) throw new IllegalArgumentException("functional_call got None for '" + e.getKey() + "'");
            Target t = resolve(module, e.getKey());
            if (t == null) continue;
            Tensor previous = values.putIfAbsent(t.tensor, e.getValue());
            if (previous != null && previous != e.getValue()) {
                // PyTorch 1.13 warns and gives each name its value; here tied names are one Java object
                throw new IllegalArgumentException("functional_call was passed multiple values for tied weights ('" + e.getKey()
                        + "' is tied to another name given). torch4j's tied weights are one tensor object, which can stand for one"
                        + " value only");
            }
            if (t.list != null) parametrized.put(t.tensor, t.list);
        }
        // the module's other tensors that require grad stand for themselves, through stand-ins
        for (Tensor t : module.namedParameters().values()) if (t.requiresGrad()) values.putIfAbsent(t, t);
        for (Tensor t : module.namedBuffers().values()) if (t.requiresGrad()) values.putIfAbsent(t, t);
        for (Map.Entry<Tensor, Tensor> e : values.entrySet()) {
            Tensor value = e.getValue();
            Tensor standIn = standIn(value);
            Tensor bound = value.requiresGrad() ? view(standIn) : value;
            swaps.add(new Swap(e.getKey(), bound, value, standIn, parametrized.get(e.getKey())));
        }
        for (Module m : module.modules()) {
            if (!(m.namedChildren().get("parametrizations") instanceof ModuleDict d)) continue;
            for (Module l : d.children()) {
                if (l instanceof ParametrizationList list && !values.containsKey(list.target)) computed.put(list.target, null);
            }
        }
    }

    /** A detached leaf over {@code t}'s values that requires grad as {@code t} does (itself when it does not). */
    static Tensor standIn(Tensor t) {
        return t.requiresGrad() ? t.detach().requiresGrad_() : t;
    }

    /** A view of a leaf, so that the graph through the module's object ends at that leaf (not at the object's own accumulator). */
    private static Tensor view(Tensor leaf) {
        try (Torch.Mode m = Torch.enableGrad()) {
            return leaf.viewAs(leaf);
        }
    }

    /** The real tensors behind the window that require grad (given values and the module's own), in {@link #standIns()} order. */
    List<Tensor> reals() {
        List<Tensor> r = new ArrayList<>();
        for (Swap s : swaps) if (s.real.requiresGrad()) r.add(s.real);
        return r;
    }

    /** The stand-ins the call's graph ends at, one per {@link #reals()} entry. */
    List<Tensor> standIns() {
        List<Tensor> r = new ArrayList<>();
        for (Swap s : swaps) if (s.real.requiresGrad()) r.add(s.standIn);
        return r;
    }

    /** Makes each module tensor object stand for its value; returns this, for try-with-resources. */
    Reparametrization enter() {
        if (!saved.isEmpty()) throw new IllegalStateException("functional_call's state is already swapped in");
        for (Swap s : swaps) {
            Tensor alias = Internals.get().stateOf(s.target); // target's values and place in the graph
            saved.add(new Saved(s.target, alias, s.target.grad()));
            if (s.list != null) s.list.suspend(true);
            Internals.get().rebind(s.target, s.bound);
        }
        for (Map.Entry<Tensor, Tensor> e : computed.entrySet()) {
            Tensor alias = Internals.get().stateOf(e.getKey());
            saved.add(new Saved(e.getKey(), alias, e.getKey().grad()));
            if (e.getValue() != null) Internals.get().rebind(e.getKey(), e.getValue());
        }
        return this;
    }

    /** Gives every swapped tensor back its own values, graph identity and gradient. */
    @Override
    public void close() {
        for (Map.Entry<Tensor, Tensor> e : computed.entrySet()) {
            if (e.getValue() == null) {
                Tensor during = Internals.get().stateOf(e.getKey()); // what the call's pre-hook computed
                e.setValue(during);
            }
        }
        for (int i = saved.size() - 1; i >= 0; i--) {
            Saved s = saved.get(i);
            Internals.get().rebind(s.target, s.alias);
            if (s.grad != null) s.target.setGrad(s.grad);
        }
        for (Swap s : swaps) if (s.list != null) s.list.suspend(false);
        saved.clear();
    }

    /**
     * The tensor object {@code path} names: a parameter, a buffer, or a parametrized tensor (1.13: giving the
     * parametrized name replaces the parametrization's result). Null for a name the module does not have,
     * which PyTorch 1.13 accepts and ignores; a missing submodule is an error, as in PyTorch.
     */
    private static Target resolve(Module module, String path) {
        String[] parts = path.split("\\.", -1);
        Module m = module;
        for (int i = 0; i < parts.length - 1; i++) {
            Module child = m.namedChildren().get(parts[i]);
            if (child == null) {
                throw new IllegalArgumentException("'" + m.getClass().getSimpleName() + "' object has no attribute '" + parts[i] + "'");
            }
            m = child;
        }
        String leaf = parts[parts.length - 1];
        Tensor t = m.ownParameter(leaf);
        if (t == null) t = m.buffer(leaf);
        if (t != null) return new Target(t, null);
        ParametrizationList list = Parametrize.list(m, leaf);
        if (list != null) return new Target(list.target, list);
        if (m.hasOwnTensorName(leaf)) {
            throw new IllegalArgumentException("functional_call cannot set '" + path + "': " + m.getClass().getSimpleName()
                    + " registered it as None, and a torch4j module reads a missing tensor as absent");
        }
        return null;
    }
}
