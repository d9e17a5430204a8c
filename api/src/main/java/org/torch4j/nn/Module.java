package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Hook;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The base of every layer and model ({@code torch.nn.Module}): parameters, buffers and submodules
 * registered by name, training mode, device and dtype moves, state dicts with PyTorch's key names,
 * and forward hooks.
 *
 * <p>Subclasses register what they own in their constructor and override {@link #forward(Tensor)}.
 * As in PyTorch, {@code forward} runs the computation alone, while {@link #call(Tensor)} (Python's
 * {@code module(x)}) also runs the hooks; containers call their children through {@code call}.
 */
public abstract class Module {

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final java.util.Set<String> nonPersistent = new java.util.HashSet<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final List<UnaryOperator<Tensor>> preHooks = new ArrayList<>();
    private final List<BiFunction<Tensor, Tensor, Tensor>> hooks = new ArrayList<>();
    protected boolean training = true;

    // ---- forward ---------------------------------------------------------------------------------

    /** The computation of a single-input module. */
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not implement forward(Tensor)");
    }

    /** {@code module(x)}: forward pre-hooks, {@link #forward}, then forward hooks. */
    public final Tensor call(Tensor input) {
        Tensor x = input;
        for (UnaryOperator<Tensor> h : preHooks) {
            Tensor r = h.apply(x);
            if (r != null) x = r;
        }
        Tensor out = forward(x);
        for (BiFunction<Tensor, Tensor, Tensor> h : hooks) {
            Tensor r = h.apply(x, out);
            if (r != null) out = r;
        }
        return out;
    }

    /** A hook run before forward with the input; it may return a replacement input (or null). */
    public Hook registerForwardPreHook(UnaryOperator<Tensor> hook) {
        preHooks.add(hook);
        return () -> preHooks.remove(hook);
    }

    /** A hook run after forward with (input, output); it may return a replacement output (or null). */
    public Hook registerForwardHook(BiFunction<Tensor, Tensor, Tensor> hook) {
        hooks.add(hook);
        return () -> hooks.remove(hook);
    }

    // ---- registration ------------------------------------------------------------------------------

    /** Registers a parameter (null registers the name with no value, as an absent bias). */
    protected <P extends Parameter> P registerParameter(String name, P parameter) {
        checkName(name);
        parameters.put(name, parameter);
        return parameter;
    }

    /** Registers a buffer: state that is not a parameter (running statistics); saved in state dicts. */
    protected Tensor registerBuffer(String name, Tensor buffer) {
        return registerBuffer(name, buffer, true);
    }

    /** A non-persistent buffer moves with the module but is left out of state dicts. */
    protected Tensor registerBuffer(String name, Tensor buffer, boolean persistent) {
        checkName(name);
        if (buffer != null) buffer.keep();
        buffers.put(name, buffer);
        if (!persistent) nonPersistent.add(name);
        return buffer;
    }

    /** Registers a submodule; its parameters appear under {@code name.}. */
    protected <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    /** Replaces a registered buffer's value (for running statistics). */
    protected void setBuffer(String name, Tensor value) {
        if (!buffers.containsKey(name)) throw new IllegalArgumentException("no buffer named '" + name + "'");
        if (value != null) value.keep();
        buffers.put(name, value);
    }

    protected Tensor buffer(String name) {
        return buffers.get(name);
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("name can't be empty string \"\"");
        if (name.contains(".")) throw new IllegalArgumentException("name can't contain \".\"");
    }

    // ---- traversal ---------------------------------------------------------------------------------

    /** Every parameter of this module and its descendants, each once. */
    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters by dotted name ({@code layer1.0.conv1.weight}), in registration order. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        java.util.Set<Parameter> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Map.Entry<String, Module> m : namedModules().entrySet()) {
            String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
            for (Map.Entry<String, Parameter> p : m.getValue().parameters.entrySet()) {
                if (p.getValue() != null && seen.add(p.getValue())) out.put(prefix + p.getKey(), p.getValue());
            }
        }
        return out;
    }

    public List<Tensor> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> m : namedModules().entrySet()) {
            String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
            for (Map.Entry<String, Tensor> b : m.getValue().buffers.entrySet()) {
                if (b.getValue() != null) out.put(prefix + b.getKey(), b.getValue());
            }
        }
        return out;
    }

    /** The direct submodules. */
    public List<Module> children() {
        return new ArrayList<>(children.values());
    }

    public Map<String, Module> namedChildren() {
        return new LinkedHashMap<>(children);
    }

    /** This module and every descendant, depth first. */
    public List<Module> modules() {
        return new ArrayList<>(namedModules().values());
    }

    /** This module (name "") and every descendant by dotted name, each once. */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        java.util.Set<Module> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        collect("", this, out, seen);
        return out;
    }

    /**
     * Every module by dotted name without dropping repeats: state dicts list a module shared under
     * several names once per name, as PyTorch's {@code state_dict} and {@code load_state_dict} do.
     */
    private Map<String, Module> namedModulesWithRepeats() {
        Map<String, Module> out = new LinkedHashMap<>();
        collect("", this, out, null);
        return out;
    }

    private static void collect(String prefix, Module m, Map<String, Module> out, java.util.Set<Module> seen) {
        if (seen != null && !seen.add(m)) return;
        out.put(prefix, m);
        for (Map.Entry<String, Module> c : m.children.entrySet()) {
            if (c.getValue() != null) collect(prefix.isEmpty() ? c.getKey() : prefix + "." + c.getKey(), c.getValue(), out, seen);
        }
    }

    /** Runs {@code fn} on every submodule, then on this one (for weight initialisation). */
    public Module apply(Consumer<Module> fn) {
        for (Module c : children.values()) if (c != null) c.apply(fn);
        fn.accept(this);
        return this;
    }

    // ---- modes and moves --------------------------------------------------------------------------

    public Module train() {
        return train(true);
    }

    /** Sets training mode on this module and every descendant (dropout, batch norm behave differently). */
    public Module train(boolean mode) {
        for (Module m : modules()) m.training = mode;
        return this;
    }

    public Module eval() {
        return train(false);
    }

    public boolean isTraining() {
        return training;
    }

    /** Moves every parameter and buffer to {@code device}; parameters keep their identity. */
    public Module to(Device device) {
        return convert(t -> t.to(device), false);
    }

    public Module to(String device) {
        return to(Device.of(device));
    }

    /** Casts floating parameters and buffers to {@code dtype}. */
    public Module to(DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("nn.Module.to only accepts floating point dtypes, but got desired dtype=" + dtype);
        }
        return convert(t -> t.to(dtype), true);
    }

    private Module convert(UnaryOperator<Tensor> fn, boolean floatingOnly) {
        try (var g = Torch.noGrad()) {
            for (Module m : modules()) {
                for (Parameter p : m.parameters.values()) {
                    if (p == null || (floatingOnly && !p.isFloatingPoint())) continue;
                    Tensor grad = p.grad();
                    p.setData(fn.apply(p.data()));
                    if (grad != null) p.setGrad(fn.apply(grad));
                }
                for (Map.Entry<String, Tensor> b : m.buffers.entrySet()) {
                    Tensor t = b.getValue();
                    if (t == null || (floatingOnly && !t.isFloatingPoint())) continue;
                    b.setValue(fn.apply(t).keep());
                }
            }
        }
        return this;
    }

    /** Clears the gradients: zeroed in place (PyTorch 1.13's default) or, with {@code setToNone}, dropped. */
    public void zeroGrad(boolean setToNone) {
        for (Parameter p : parameters()) {
            Tensor g = p.grad();
            if (g == null) continue;
            if (setToNone) {
                p.setGrad(null);
            } else {
                try (var m = Torch.noGrad()) {
                    g.detach_().zero_();
                }
            }
        }
    }

    public void zeroGrad() {
        zeroGrad(false);
    }

    // ---- state dicts -------------------------------------------------------------------------------

    /** Parameters and persistent buffers by dotted name, detached, as {@code state_dict()}. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> m : namedModulesWithRepeats().entrySet()) {
            String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
            Module mod = m.getValue();
            for (Map.Entry<String, Parameter> p : mod.parameters.entrySet()) {
                if (p.getValue() != null) out.put(prefix + p.getKey(), p.getValue().detach());
            }
            for (Map.Entry<String, Tensor> b : mod.buffers.entrySet()) {
                if (b.getValue() != null && !mod.nonPersistent.contains(b.getKey())) out.put(prefix + b.getKey(), b.getValue());
            }
        }
        return out;
    }

    /** What {@link #loadStateDict(Map, boolean)} could not match. */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {}

    /** {@code loadStateDict(state, true)}. */
    public LoadResult loadStateDict(Map<String, Tensor> state) {
        return loadStateDict(state, true);
    }

    /**
     * Copies values into the parameters and buffers with the same names (converting dtype and device).
     * With {@code strict}, missing or unexpected keys fail with PyTorch's message; shape mismatches
     * always fail. Nothing is modified when it fails.
     */
    public LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = new LinkedHashMap<>();
        for (Map.Entry<String, Module> m : namedModulesWithRepeats().entrySet()) {
            String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
            Module mod = m.getValue();
            for (Map.Entry<String, Parameter> p : mod.parameters.entrySet()) {
                if (p.getValue() != null) own.put(prefix + p.getKey(), p.getValue());
            }
            for (Map.Entry<String, Tensor> b : mod.buffers.entrySet()) {
                if (b.getValue() != null && !mod.nonPersistent.contains(b.getKey())) own.put(prefix + b.getKey(), b.getValue());
            }
        }
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), errors = new ArrayList<>();
        for (String k : own.keySet()) if (!state.containsKey(k)) missing.add(k);
        for (String k : state.keySet()) if (!own.containsKey(k)) unexpected.add(k);
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src != null && !Arrays.equals(src.shape(), e.getValue().shape())) {
                errors.add("size mismatch for " + e.getKey() + ": copying a param with shape " + size(src.shape())
                        + " from checkpoint, the shape in current model is " + size(e.getValue().shape()) + ".");
            }
        }
        if (strict) {
            if (!unexpected.isEmpty()) errors.add(0, "Unexpected key(s) in state_dict: " + quoted(unexpected) + ". ");
            if (!missing.isEmpty()) errors.add(0, "Missing key(s) in state_dict: " + quoted(missing) + ". ");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Error(s) in loading state_dict for " + getClass().getSimpleName() + ":\n\t"
                    + String.join("\n\t", errors));
        }
        try (var g = Torch.noGrad()) {
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                Tensor src = state.get(e.getKey());
                if (src != null) e.getValue().copy_(src);
            }
        }
        return new LoadResult(missing, unexpected);
    }

    private static String size(long[] shape) {
        StringBuilder sb = new StringBuilder("torch.Size([");
        for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? ", " : "").append(shape[i]);
        return sb.append("])").toString();
    }

    private static String quoted(List<String> keys) {
        List<String> q = new ArrayList<>();
        for (String k : keys) q.add("\"" + k + "\"");
        return String.join(", ", q);
    }

    // ---- printing ----------------------------------------------------------------------------------

    /** The part inside the parentheses of this module's print form, e.g. {@code in_features=3}. */
    protected String extraRepr() {
        return "";
    }

    /** PyTorch's module tree print form. */
    @Override
    public String toString() {
        String name = getClass().getSimpleName();
        List<String> lines = new ArrayList<>();
        String extra = extraRepr();
        if (!extra.isEmpty()) lines.addAll(Arrays.asList(extra.split("\n")));
        for (Map.Entry<String, Module> c : children.entrySet()) {
            String child = c.getValue() == null ? "None" : c.getValue().toString().replace("\n", "\n  ");
            lines.add("(" + c.getKey() + "): " + child);
        }
        if (lines.isEmpty()) return name + "()";
        if (children.isEmpty() && lines.size() == 1) return name + "(" + lines.get(0) + ")";
        return name + "(\n  " + String.join("\n  ", lines) + "\n)";
    }
}
