package org.torch4j.nn;

import java.util.Map;

/** Submodules by name, in insertion order ({@code torch.nn.ModuleDict}). */
public class ModuleDict extends Module {

    /** An empty dict. */
    public ModuleDict() {}

    /** A dict holding {@code modules}, registered in the map's iteration order. */
    public ModuleDict(Map<String, ? extends Module> modules) {
        modules.forEach(this::put);
    }

    /**
     * Registers {@code m} under {@code name} ({@code dict[name] = m}); an existing entry of that name is replaced in place.
     *
     * @param name the key
     * @param m the module
     * @return this dict
     * @throws IllegalArgumentException if the name is empty or contains ".", as PyTorch words it
     */
    public ModuleDict put(String name, Module m) {
        registerModule(name, m);
        return this;
    }

    /** The module under {@code name}, or null when there is none. */
    public Module get(String name) {
        return namedChildren().get(name);
    }

    /** Whether a module is registered under {@code name} ({@code name in dict}). */
    public boolean containsKey(String name) {
        return namedChildren().containsKey(name);
    }

    /** The number of modules ({@code len(dict)}). */
    public int size() {
        return children().size();
    }
}
