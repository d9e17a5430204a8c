package org.torch4j.nn;

import java.util.Map;
import org.torch4j.Tensor;

/**
 * What every {@link LazyModule} shares: whether its first forward has run (from then on it prints as the
 * ordinary module, PyTorch's change of class to {@code cls_to_become}), and the checks and state-dict
 * pre-hook on its own uninitialised tensors.
 */
final class LazyState {
    private boolean inferred;

    /** The same state, for a copy of its module ({@link Module#deepCopy}). */
    LazyState copy() {
        LazyState copy = new LazyState();
        copy.inferred = inferred;
        return copy;
    }

    /** Before each forward: the first one initialises the parameters from the input. */
    void beforeForward(LazyModule m, Tensor input) {
        if (inferred) return;
        m.initializeParameters(input);
        inferred = true;
    }

    /** The lazy class's name before the first forward, the ordinary class's (its superclass) after. */
    String typeName(Module m) {
        Class<?> c = m.getClass();
        while (!c.getSimpleName().startsWith("Lazy")) c = c.getSuperclass();
        return inferred ? c.getSuperclass().getSimpleName() : c.getSimpleName();
    }

    /** Whether any of {@code m}'s own parameters or buffers is uninitialised (a lazy module has no children). */
    static boolean hasUninitialized(Module m) {
        for (Parameter p : m.namedParameters().values()) if (p.isUninitialized()) return true;
        for (Tensor b : m.namedBuffers().values()) if (b instanceof UninitializedBuffer u && u.isUninitialized()) return true;
        return false;
    }

    /**
     * PyTorch's {@code _lazy_load_hook}: each uninitialised parameter or buffer of {@code m} whose key is in
     * {@code state} with an initialised value takes that value's shape, so that loading then copies into it.
     */
    static void materializeFrom(Module m, String prefix, Map<String, Tensor> state) {
        for (Map.Entry<String, Parameter> p : m.namedParameters().entrySet()) {
            Tensor src = state.get(prefix + p.getKey());
            if (p.getValue().isUninitialized() && src != null && !uninitialized(src)) p.getValue().materialize(src.shape());
        }
        for (Map.Entry<String, Tensor> b : m.namedBuffers().entrySet()) {
            Tensor src = state.get(prefix + b.getKey());
            if (b.getValue() instanceof UninitializedBuffer u && u.isUninitialized() && src != null && !uninitialized(src)) {
                u.materialize(src.shape());
            }
        }
    }

    private static boolean uninitialized(Tensor t) {
        return t instanceof Parameter p ? p.isUninitialized() : t instanceof UninitializedBuffer u && u.isUninitialized();
    }

    /** The first dim of {@code input} as Python's {@code input.shape[dim]} reads it (IndexError past the end). */
    static long size(Tensor input, int dim) {
        if (dim >= input.dim() || dim < -input.dim()) throw new IndexOutOfBoundsException("tuple index out of range");
        return input.size(dim);
    }
}
