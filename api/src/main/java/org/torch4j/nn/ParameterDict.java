package org.torch4j.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.torch4j.Tensor;

/**
 * Parameters registered under names ({@code torch.nn.ParameterDict}), in insertion order; plain
 * tensors become parameters. As PyTorch sorts the keys of a plain dict (but keeps an OrderedDict's
 * order), a map given to the constructor is sorted unless it is a {@link LinkedHashMap}.
 */
public class ParameterDict extends Module {
    private final Map<String, Parameter> items = new LinkedHashMap<>();

    /** An empty dict. */
    public ParameterDict() {}

    /** The given entries: sorted by key unless {@code values} is a LinkedHashMap (ordered, as an OrderedDict). */
    public ParameterDict(Map<String, ? extends Tensor> values) {
        Map<String, ? extends Tensor> ordered = values instanceof LinkedHashMap ? values : new TreeMap<>(values);
        ordered.forEach(this::put);
    }

    /** Adds (or replaces) a tensor, as a parameter. */
    public ParameterDict put(String name, Tensor value) {
        Parameter p = value instanceof Parameter q ? q : new Parameter(value);
        registerParameter(name, p);
        items.put(name, p);
        return this;
    }

    /** The parameter under {@code name}, or null. */
    public Parameter get(String name) {
        return items.get(name);
    }

    /** Whether {@code name} is present. */
    public boolean containsKey(String name) {
        return items.containsKey(name);
    }

    /** The names in order. */
    public Set<String> keySet() {
        return java.util.Collections.unmodifiableSet(items.keySet());
    }

    /** The number of parameters. */
    public int size() {
        return items.size();
    }

    /** A container has no forward. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ParameterDict should not be called.");
    }

    @Override
    protected String extraRepr() {
        List<String> lines = new ArrayList<>();
        items.forEach((k, p) -> lines.add("  (" + k + "): " + describe(p, true)));
        return String.join("\n", lines);
    }

    /**
     * PyTorch's one-line description of a parameter in these containers: {@code Parameter containing:
     * [torch.float32 of size 3x4]}, or with the legacy type name ({@code torch.FloatTensor}) as
     * ParameterDict prints it; a device other than the CPU is named as PyTorch names a GPU.
     */
    static String describe(Parameter p, boolean legacyTypeName) {
        StringBuilder size = new StringBuilder();
        for (int i = 0; i < p.dim(); i++) size.append(i > 0 ? "x" : "").append(p.size(i));
        boolean cpu = p.device().type().equals("cpu");
        String type = legacyTypeName
                ? "torch." + (cpu ? "" : "cuda.") + org.torch4j.internal.Internals.get().cppName(p.dtype()) + "Tensor"
                : p.dtype().toString();
        String device = cpu || legacyTypeName ? "" : " (GPU " + p.device().index() + ")";
        return "Parameter containing: [" + type + " of size " + size + device + "]";
    }
}
