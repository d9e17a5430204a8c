package org.torch4j.nn;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.internal.Internals;

/**
 * The module state {@link Stateless#functionalCall} swaps in: each named parameter or buffer object made to
 * stand for the given tensor (see {@link Internals#rebind}) between {@link #enter()} and {@link #close()},
 * which gives it back its own values, autograd identity and {@code .grad}. Every name is resolved when this is
 * built, before anything changes, so a bad name leaves the module as it was. It can be entered again: the
 * backward of the call's graph re-enters it ({@link SealedCall}).
 */
final class Reparametrization implements AutoCloseable {

    /** A named tensor: the object the module reads, and the parametrization that computes it, if any. */
    private record Target(Tensor tensor, ParametrizationList list) {}

    /** One swapped tensor's own state, kept in {@code alias}, and its gradient. */
    private record Saved(Tensor target, Tensor alias, Tensor grad) {}

    /** The module's tensor objects, each with the value it stands for during the call. */
    private final Map<Tensor, Tensor> values = new IdentityHashMap<>();
    private final Map<Tensor, ParametrizationList> parametrized = new IdentityHashMap<>();
    private final List<Saved> saved = new ArrayList<>();

    /** Resolves {@code names} in {@code module}, failing as PyTorch does on a missing submodule; changes nothing. */
    Reparametrization(Module module, Map<String, Tensor> names) {
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
    }

    /** The given tensors, once each. */
    List<Tensor> replacements() {
        return new ArrayList<>(values.values());
    }

    /** Whether {@code t} is one of the module's tensors this replaces. */
    boolean replaces(Tensor t) {
        return values.containsKey(t);
    }

    /** Makes each named tensor object stand for its value; returns this, for try-with-resources. */
    Reparametrization enter() {
        if (!saved.isEmpty()) throw new IllegalStateException("functional_call's state is already swapped in");
        for (Map.Entry<Tensor, Tensor> e : values.entrySet()) {
            Tensor target = e.getKey(), value = e.getValue();
            Tensor alias = target.detach();
            Internals.get().rebind(alias, target); // alias now holds target's values and place in the graph
            saved.add(new Saved(target, alias, target.grad()));
            ParametrizationList list = parametrized.get(target);
            if (list != null) list.suspend(true);
            // through a view, so that a leaf value receives the gradients (target's own accumulator would not)
            Internals.get().rebind(target, value.requiresGrad() ? value.viewAs(value) : value);
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
            ParametrizationList list = parametrized.get(s.target);
            if (list != null) list.suspend(false);
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
