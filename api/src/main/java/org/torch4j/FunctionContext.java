package org.torch4j;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/** What a custom {@link Function} keeps between forward and backward ({@code ctx} in PyTorch). */
public final class FunctionContext {

    Tensor[] saved = new Tensor[0];
    final boolean[] needs;
    final Set<Tensor> nonDifferentiable = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Object> values = new HashMap<>();
    boolean materializeGrads = true;
    Node node;

    FunctionContext(int inputs) {
        this.needs = new boolean[inputs];
    }

    /** Saves tensors for backward; in-place changes to them afterwards make backward fail. */
    public void saveForBackward(Tensor... tensors) {
        saved = tensors.clone();
    }

    /** The tensors saved in forward; fails once the graph was freed. */
    public Tensor[] savedTensors() {
        if (node != null) node.checkSaved();
        return saved.clone();
    }

    /** Whether input {@code i} needs a gradient. */
    public boolean needsInputGrad(int i) {
        return needs[i];
    }

    /** Marks outputs that have no gradient (for example integer indices). */
    public void markNonDifferentiable(Tensor... outputs) {
        Collections.addAll(nonDifferentiable, outputs);
    }

    /**
     * Whether backward gets zeros (the default) or null for the gradients of outputs that received
     * none ({@code ctx.set_materialize_grads} in PyTorch).
     */
    public void setMaterializeGrads(boolean materialize) {
        materializeGrads = materialize;
    }

    /** Stores a non-tensor value for backward (a shape, a flag, ...). */
    public void put(String key, Object value) {
        values.put(key, value);
    }

    /** A value stored with {@link #put}, cast to the caller's type; null when none was stored. */
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        return (T) values.get(key);
    }
}
