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
 * each named parameter or buffer object stands for the given tensor (see {@link Internals#rebind}), as
 * {@link Parametrize} makes a parametrized tensor stand for its computed value; {@code close} gives every object
 * back its own values, autograd identity and {@code .grad}. Nothing else is needed for gradients: autograd
 * records with each node the bindings in force when it was made and puts them back while that node's backward
 * runs (its rebinding era), so a backward after the call, at any order, reads the call's values and sends their
 * gradients to the given tensors. Every name is resolved when this is built, before anything changes, so a bad
 * name leaves the module as it was.
 */
final class Reparametrization implements AutoCloseable {

    /** A named tensor: the object the module reads, and the parametrization that computes it, if any. */
    private record Target(Tensor tensor, ParametrizationList list) {}

    /** One module tensor object, what it stands for during the call, and the parametrization switched off meanwhile. */
    private record Swap(Tensor target, Tensor bound, ParametrizationList list) {}

    /** One swapped tensor's own state, kept in {@code alias}, its gradient, and whether its parametrization was off. */
    private record Saved(Tensor target, Tensor alias, Tensor grad, ParametrizationList list, boolean wasSuspended) {}

    private final List<Swap> swaps = new ArrayList<>();
    private final List<Saved> saved = new ArrayList<>();
    /** Parametrized tensors not named: their pre-hooks rebind them in the call, so they are restored as well. */
    private final List<Tensor> computed = new ArrayList<>();

    /** Resolves {@code names} in {@code module}, failing as PyTorch does on a missing submodule; changes nothing. */
    Reparametrization(Module module, Map<String, Tensor> names) {
        Map<Tensor, Tensor> values = new IdentityHashMap<>();
        Map<Tensor, ParametrizationList> parametrized = new IdentityHashMap<>();
        List<Tensor> order = new ArrayList<>(); // the targets in the order of the names given
        for (Map.Entry<String, Tensor> e : names.entrySet()) {
            if (e.getValue() == null) throw new IllegalArgumentException("functional_call got None for '" + e.getKey() + "'");
            Target t = resolve(module, e.getKey());
            if (t == null) continue;
            Tensor previous = values.putIfAbsent(t.tensor, e.getValue());
            if (previous == null) order.add(t.tensor);
            if (previous != null && previous != e.getValue()) {
                // PyTorch 1.13 warns and gives each name its value; here tied names are one Java object
                throw new IllegalArgumentException("functional_call was passed multiple values for tied weights ('" + e.getKey()
                        + "' is tied to another name given). torch4j's tied weights are one tensor object, which can stand for one"
                        + " value only");
            }
            if (t.list != null) parametrized.put(t.tensor, t.list);
        }
        for (Tensor t : order) swaps.add(new Swap(t, bound(values.get(t)), parametrized.get(t)));
        for (Module m : module.modules()) {
            if (!(m.namedChildren().get("parametrizations") instanceof ModuleDict d)) continue;
            for (Module l : d.children()) {
                if (l instanceof ParametrizationList list && !values.containsKey(list.target)) computed.add(list.target);
            }
        }
    }

    /**
     * What a module tensor is bound to for {@code value}: the value itself (sharing its storage, so that in-place
     * updates of the forward land in it), or, when it requires grad, a view of it, so that the module's object
     * becomes a non-leaf whose gradient flows into {@code value} rather than into an accumulator of its own.
     */
    private static Tensor bound(Tensor value) {
        if (!value.requiresGrad()) return value;
        try (Torch.Mode m = Torch.enableGrad()) {
            return value.viewAs(value);
        }
    }

    /** Makes each named module tensor object stand for its value; returns this, for try-with-resources. */
    Reparametrization enter() {
        if (!saved.isEmpty()) throw new IllegalStateException("functional_call's state is already swapped in");
        try {
            for (Tensor t : computed) saved.add(new Saved(t, Internals.get().stateOf(t), t.grad(), null, false));
            for (Swap s : swaps) {
                Tensor alias = Internals.get().stateOf(s.target);
                boolean was = s.list != null && s.list.suspend(true);
                saved.add(new Saved(s.target, alias, s.target.grad(), s.list, was));
                Internals.get().rebind(s.target, s.bound); // throws for a closed value
            }
        } catch (RuntimeException | Error e) {
            close(); // what was swapped so far goes back
            throw e;
        }
        return this;
    }

    /** Gives every swapped tensor back its own values, graph identity and gradient. */
    @Override
    public void close() {
        for (int i = saved.size() - 1; i >= 0; i--) {
            Saved s = saved.get(i);
            Internals.get().rebind(s.target, s.alias);
            if (s.grad != null) s.target.setGrad(s.grad);
            if (s.list != null) s.list.suspend(s.wasSuspended); // an enclosing call may have switched it off
        }
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
