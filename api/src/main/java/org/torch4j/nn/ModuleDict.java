package org.torch4j.nn;

import java.util.Map;

/** Submodules by name, in insertion order ({@code torch.nn.ModuleDict}). */
public class ModuleDict extends Module {

    public ModuleDict() {}

    public ModuleDict(Map<String, ? extends Module> modules) {
        modules.forEach(this::put);
    }

    public ModuleDict put(String name, Module m) {
        registerModule(name, m);
        return this;
    }

    public Module get(String name) {
        return namedChildren().get(name);
    }

    public boolean containsKey(String name) {
        return namedChildren().containsKey(name);
    }

    public int size() {
        return children().size();
    }
}
