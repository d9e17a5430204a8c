package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.torch4j.Tensor;

/** A list of parameters registered as "0", "1", ... ({@code torch.nn.ParameterList}); plain tensors become parameters. */
public class ParameterList extends Module implements Iterable<Parameter> {
    private final List<Parameter> items = new ArrayList<>();

    /** A list of the given tensors (each wrapped as a {@link Parameter} unless it is one). */
    public ParameterList(Tensor... values) {
        for (Tensor v : values) add(v);
    }

    /** Appends a tensor, as a parameter. */
    public ParameterList add(Tensor value) {
        Parameter p = value instanceof Parameter q ? q : new Parameter(value);
        registerParameter(Integer.toString(items.size()), p);
        items.add(p);
        return this;
    }

    /** The i-th parameter (negative from the end). */
    public Parameter get(int i) {
        if (i < -items.size() || i >= items.size()) throw new IndexOutOfBoundsException("index " + i + " is out of range");
        return items.get(i < 0 ? i + items.size() : i);
    }

    /** The number of parameters. */
    public int size() {
        return items.size();
    }

    @Override
    public Iterator<Parameter> iterator() {
        return java.util.Collections.unmodifiableList(items).iterator();
    }

    /** A container has no forward. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ParameterList should not be called.");
    }

    @Override
    protected String extraRepr() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) lines.add("  (" + i + "): " + ParameterDict.describe(items.get(i), false));
        return String.join("\n", lines);
    }
}
