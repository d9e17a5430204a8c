package org.torch4j.onnx.importer;

import java.util.HashMap;
import java.util.Map;

/** Values by name while a graph runs; a subgraph's environment sees its enclosing graph's values. */
final class Env {
    private final Env parent;
    private final Map<String, Object> values = new HashMap<>();

    Env(Env parent) {
        this.parent = parent;
    }

    Object get(String name) {
        for (Env e = this; e != null; e = e.parent) {
            Object v = e.values.get(name);
            if (v != null) return v;
        }
        return null;
    }

    /** A value of this environment itself, not of an enclosing one. */
    Object getLocal(String name) {
        return values.get(name);
    }

    void put(String name, Object value) {
        values.put(name, value);
    }
}
