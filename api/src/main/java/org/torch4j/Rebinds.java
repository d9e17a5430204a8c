package org.torch4j;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * What rebound tensors stood for when each autograd node was made, so that a node's backward reads the values
 * its forward read.
 *
 * <p>A module's field (a parametrized {@code Linear.weight}, a weight-norm weight, a tensor of a
 * {@code functional_call}) is one Java object that {@link #rebind} makes stand for a new value before each
 * forward: PyTorch assigns a new tensor to the attribute instead. The ops of a forward keep that object for
 * their backward, so after a second forward (a module called twice before one backward: siamese networks, a
 * spectral-norm discriminator on real and fake batches) the first forward's backward would read the second
 * forward's values. Here every node records the bindings in force when it was made (its era), and the engine
 * puts each rebound tensor back into the state of a node's era while that node's backward runs, restoring the
 * present state afterwards.
 *
 * <p>The bookkeeping is per thread, as forwards are: a thread swaps only the tensors it rebound. An era maps
 * each rebound tensor to a tensor holding the state it had (the value it was rebound to, or an alias of its
 * state before its first rebind); maps are replaced, never changed, so a node's era stays as it was. Keys are
 * weak: a rebound tensor that is no longer reachable drops out.
 */
final class Rebinds {
    private Rebinds() {}

    /** The bindings applied now, and each rebound tensor's state before its first rebind, per thread. */
    private static final class State {
        Map<Tensor, Tensor> active = new WeakHashMap<>();
        final Map<Tensor, Tensor> initial = new WeakHashMap<>();
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    /** The era a node made now belongs to. */
    static Map<Tensor, Tensor> era() {
        return STATE.get().active;
    }

    /** Makes {@code target} stand for {@code value} (see {@link org.torch4j.internal.Internals#rebind}). */
    static void rebind(Tensor target, Tensor value) {
        State s = STATE.get();
        s.initial.computeIfAbsent(target, Rebinds::stateOf);
        Map<Tensor, Tensor> next = new WeakHashMap<>(s.active);
        next.put(target, value);
        s.active = next;
        apply(target, value);
        target.grad = null;
    }

    /** Puts every tensor this thread rebound into its state of {@code era}; returns the era that was in force. */
    static Map<Tensor, Tensor> enter(Map<Tensor, Tensor> era) {
        State s = STATE.get();
        Map<Tensor, Tensor> was = s.active;
        if (era == was) return was;
        for (Map.Entry<Tensor, Tensor> e : s.initial.entrySet()) {
            Tensor target = e.getKey();
            Tensor want = era.getOrDefault(target, e.getValue()), have = was.getOrDefault(target, e.getValue());
            if (want != have) apply(target, want);
        }
        s.active = era;
        return was;
    }

    /** A tensor holding {@code t}'s present state: its storage and layout, and its place in the graph. */
    static Tensor stateOf(Tensor t) {
        Tensor a = t.view(t.shape, t.strides, t.offset);
        a.gradFn = t.gradFn;
        a.outputNr = t.outputNr;
        a.requiresGrad = t.requiresGrad;
        a.viewBase = t.viewBase;
        a.seenBaseHistory = t.seenBaseHistory;
        a.madeWithoutGrad = t.madeWithoutGrad;
        a.inference = t.inference;
        return a;
    }

    private static void apply(Tensor target, Tensor state) {
        target.replaceData(state);
        target.gradFn = state.gradFn;
        target.outputNr = state.outputNr;
        target.requiresGrad = state.requiresGrad;
        target.viewBase = state.viewBase;
        target.seenBaseHistory = state.seenBaseHistory;
        target.madeWithoutGrad = state.madeWithoutGrad;
        target.inference = state.inference;
    }
}
