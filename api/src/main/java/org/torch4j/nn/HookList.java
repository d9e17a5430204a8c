package org.torch4j.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.torch4j.Hook;

/**
 * The hooks of one kind on one module, in registration order (PyTorch's ordered dict of hooks keyed by
 * handle id): each registration has its own key, so registering a hook twice runs it twice and each
 * handle removes its own registration.
 */
final class HookList<H> {
    private final Map<Object, H> hooks = new LinkedHashMap<>();

    Hook add(H hook) {
        Objects.requireNonNull(hook, "hook");
        Object key = new Object();
        hooks.put(key, hook);
        return () -> hooks.remove(key);
    }

    /** A new list with the same hooks in the same order (for {@link Module#deepCopy}); its handles are new. */
    HookList<H> copy() {
        HookList<H> copy = new HookList<>();
        for (H h : hooks.values()) copy.add(h);
        return copy;
    }

    boolean isEmpty() {
        return hooks.isEmpty();
    }

    /**
     * The hooks registered now. Callers iterate over this copy, so a hook may remove itself or others
     * while running: as in PyTorch, the removal takes effect from the next call.
     */
    List<H> snapshot() {
        return List.copyOf(hooks.values());
    }
}
