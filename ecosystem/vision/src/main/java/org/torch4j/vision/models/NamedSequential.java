package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * Modules applied in order under chosen names, as {@code nn.Sequential(OrderedDict(...))}: torchvision
 * names children this way ({@code encoder.layers.encoder_layer_0}, {@code heads.head}), so state-dict
 * keys match.
 */
public class NamedSequential extends Module {
    /** An empty container; blocks are added by name. */
    public NamedSequential() {}

    /** Appends {@code module} under {@code name}; returns this. */
    public NamedSequential add(String name, Module module) {
        registerModule(name, module);
        return this;
    }

    /** The child registered under {@code name}, or null. */
    public Module get(String name) {
        return namedChildren().get(name);
    }

    /** Prints as {@code nn.Sequential}, the class torchvision builds it from (a subclass by its own name). */
    @Override
    protected String typeName() {
        return getClass() == NamedSequential.class ? "Sequential" : super.typeName();
    }

    /** Each child in registration order. */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : children()) x = m.call(x);
        return x;
    }
}
