package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.torch4j.DType;
import org.torch4j.MemoryFormat;
import org.torch4j.Device;
import org.torch4j.Hook;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.ProfilerHook;
import org.torch4j.profiler.ProfilerEvent;

/**
 * The base of every layer and model ({@code torch.nn.Module}): parameters, buffers and submodules
 * registered by name, training mode, device and dtype moves, state dicts with PyTorch's key names,
 * and hooks.
 *
 * <p>Subclasses register what they own in their constructor and override {@link #forward(Tensor)}.
 * As in PyTorch, {@code forward} runs the computation alone, while {@link #call(Tensor)} (Python's
 * {@code module(x)}) also runs the hooks; containers call their children through {@code call}. A
 * module whose forward takes other arguments has a {@code call} for each public {@code forward}
 * overload, made with {@link #callWithHooks}.
 *
 * <p>Hooks as PyTorch 1.13's: forward pre-hooks and forward hooks
 * ({@link #registerForwardPreHook(ForwardPreHook)}, {@link #registerForwardHook(ForwardHook)}) and
 * full backward hooks ({@link #registerFullBackwardHook}, plus PyTorch 2.0's
 * {@link #registerFullBackwardPreHook}). They see the arguments of the {@code call} overload used:
 * where a PyTorch layer passes an argument by keyword (the masks of attention), which its hooks do
 * not see, the Java call passes it positionally and the hooks see it.
 *
 * <p>{@link Stateless#functionalCall} runs a module once with other tensors in place of its parameters and
 * buffers, leaving it as it was. With {@link Parametrize parametrized} tensors it follows PyTorch 1.13: a value
 * given under the tensor's own name ({@code "weight"}) replaces the parametrization's result for that call (the
 * parametrization does not run); a value given for {@code "parametrizations.weight.original"} goes through the
 * parametrizations.
 */
public abstract class Module implements Cloneable {
    /** A module with nothing registered: subclasses register their parameters, buffers and submodules next. */
    protected Module() {}

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final java.util.Set<String> nonPersistent = new java.util.HashSet<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final HookList<ForwardPreHook> forwardPreHooks = new HookList<>();
    private final HookList<ForwardHook> forwardHooks = new HookList<>();
    private final HookList<BackwardHook> backwardHooks = new HookList<>();
    private final HookList<BackwardPreHook> backwardPreHooks = new HookList<>();
    /** Whether the module is in training mode (true on creation); set through {@link #train(boolean)} and {@link #eval()}. */
    protected boolean training = true;

    // ---- forward ---------------------------------------------------------------------------------

    /** The computation of a single-input module. */
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not implement forward(Tensor)");
    }

    /** {@code module(x)}: {@link #forward(Tensor)} with the hooks around it (see {@link #callWithHooks}). */
    public final Tensor call(Tensor input) {
        return callWithHooks(args -> forward((Tensor) args.get(0)), input);
    }

    /**
     * Runs {@code forward} on {@code args} with this module's hooks around it, as PyTorch's
     * {@code Module.__call__}: the forward pre-hooks (each may replace the arguments), the backward
     * hooks' wrapping of the tensor arguments, forward, the forward hooks (each may replace the result),
     * then the wrapping of the result's tensors. Each kind of hook runs in registration order, as
     * registered when the call starts. Every public {@code call} overload of a module is this around its
     * {@code forward} overload; a module with another {@code forward} adds its {@code call} the same way:
     *
     * <pre>{@code
     * public Tensor call(Tensor input1, Tensor input2) {
     *     return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input1, input2);
     * }
     * }</pre>
     *
     * @param forward the computation, reading its arguments from the list it gets
     * @param args the call's arguments (null for absent optional ones), which the hooks see
     * @return forward's result, or the replacement a forward hook returned
     */
    protected final <R> R callWithHooks(java.util.function.Function<List<Object>, R> forward, Object... args) {
        ProfilerHook.Sink profiler = ProfilerHook.sink();
        if (profiler != null && profiler.recordsModules()) {
            try (ProfilerHook.Range r = profiler.begin(ProfilerEvent.Kind.MODULE, "nn.Module: " + getClass().getSimpleName())) {
                return callWithHooksUnprofiled(forward, args);
            }
        }
        return callWithHooksUnprofiled(forward, args);
    }

    @SuppressWarnings("unchecked")
    private <R> R callWithHooksUnprofiled(java.util.function.Function<List<Object>, R> forward, Object... args) {
        List<Object> in = Collections.unmodifiableList(Arrays.asList(args.clone()));
        if (forwardPreHooks.isEmpty() && forwardHooks.isEmpty() && backwardHooks.isEmpty() && backwardPreHooks.isEmpty()) {
            return forward.apply(in);
        }
        for (ForwardPreHook h : forwardPreHooks.snapshot()) {
            List<Object> r = h.apply(this, in);
            if (r == null) continue;
            if (r.size() != in.size()) {
                throw new IllegalArgumentException("a forward pre-hook of " + getClass().getSimpleName() + " returned " + r.size()
                        + " arguments for a call with " + in.size());
            }
            in = Collections.unmodifiableList(new ArrayList<>(r));
        }
        BackwardHookCall backward = backwardHooks.isEmpty() && backwardPreHooks.isEmpty()
                ? null : new BackwardHookCall(this, backwardHooks.snapshot(), backwardPreHooks.snapshot());
        if (backward != null) in = backward.wrapInputs(in);
        Object out = forward.apply(in);
        for (ForwardHook h : forwardHooks.snapshot()) {
            Object r = h.apply(this, in, out);
            if (r != null) out = r;
        }
        if (backward != null) out = backward.wrapOutput(out);
        return (R) out;
    }

    /**
     * A hook run before forward ({@code register_forward_pre_hook}); it may replace the arguments.
     * Hooks of every kind may remove themselves or others while running; removals apply from the
     * next call.
     *
     * @return the handle that removes it
     */
    public Hook registerForwardPreHook(ForwardPreHook hook) {
        return forwardPreHooks.add(hook);
    }

    /**
     * A hook run after forward with its arguments and result ({@code register_forward_hook}); it may
     * replace the result.
     *
     * @return the handle that removes it
     */
    public Hook registerForwardHook(ForwardHook hook) {
        return forwardHooks.add(hook);
    }

    /**
     * A single-tensor forward pre-hook: {@link #registerForwardPreHook(ForwardPreHook)} for calls with
     * one tensor argument, which it sees and may replace (or return null). It runs in registration order
     * among the general ones, and fails on a call with other arguments.
     *
     * @return the handle that removes it
     */
    public Hook registerForwardPreHook(UnaryOperator<Tensor> hook) {
        return registerForwardPreHook((module, args) -> {
            Tensor r = hook.apply(singleTensor(args, "ForwardPreHook"));
            return r == null ? null : List.of(r);
        });
    }

    /**
     * A single-tensor forward hook: {@link #registerForwardHook(ForwardHook)} for calls with one tensor
     * argument and a tensor result; it sees (input, output) and may return a replacement output (or
     * null). It fails on a call with other arguments or results.
     *
     * @return the handle that removes it
     */
    public Hook registerForwardHook(BiFunction<Tensor, Tensor, Tensor> hook) {
        return registerForwardHook((module, args, output) -> {
            if (output != null && !(output instanceof Tensor)) {
                throw new IllegalStateException(getClass().getSimpleName() + "'s forward returned a " + output.getClass().getSimpleName()
                        + ", which a single-tensor hook cannot take: register a ForwardHook");
            }
            return hook.apply(singleTensor(args, "ForwardHook"), (Tensor) output);
        });
    }

    private Tensor singleTensor(List<Object> args, String generalHook) {
        if (args.size() != 1 || (args.get(0) != null && !(args.get(0) instanceof Tensor))) {
            throw new IllegalStateException(getClass().getSimpleName() + " was called with " + args.size()
                    + " arguments, which a single-tensor hook cannot take: register a " + generalHook);
        }
        return (Tensor) args.get(0);
    }

    /**
     * A hook run when the gradients with respect to this module's inputs are computed
     * ({@code register_full_backward_hook}); it may replace them. See {@link BackwardHook} for what it
     * sees. It needs the module to be called through {@code call}, and fires once per backward through
     * each call made while it was registered; it does not fire when no output requires grad.
     *
     * @return the handle that removes it (calls already made keep it)
     */
    public Hook registerFullBackwardHook(BackwardHook hook) {
        return backwardHooks.add(hook);
    }

    /**
     * A hook run when the gradients with respect to this module's outputs are known, before they flow
     * into it ({@code register_full_backward_pre_hook}, from PyTorch 2.0); it may replace them.
     *
     * @return the handle that removes it (calls already made keep it)
     */
    public Hook registerFullBackwardPreHook(BackwardPreHook hook) {
        return backwardPreHooks.add(hook);
    }

    // ---- registration ------------------------------------------------------------------------------

    /** Registers a parameter (null registers the name with no value, as an absent bias). */
    protected <P extends Parameter> P registerParameter(String name, P parameter) {
        checkName("parameter", name);
        parameters.put(name, parameter);
        return parameter;
    }

    /** Registers a buffer: state that is not a parameter (running statistics); saved in state dicts. */
    protected Tensor registerBuffer(String name, Tensor buffer) {
        return registerBuffer(name, buffer, true);
    }

    /** A non-persistent buffer moves with the module but is left out of state dicts. */
    protected Tensor registerBuffer(String name, Tensor buffer, boolean persistent) {
        checkName("buffer", name);
        if (buffer != null) buffer.keep();
        buffers.put(name, buffer);
        if (!persistent) nonPersistent.add(name);
        return buffer;
    }

    /** Registers a submodule; its parameters appear under {@code name.}. */
    protected <M extends Module> M registerModule(String name, M module) {
        checkName("module", name);
        children.put(name, module);
        return module;
    }

    /**
     * Registers {@code module} as the submodule {@code name} ({@code add_module}), replacing one registered under
     * that name in place (its position in the children's order kept). A subclass whose forward calls a submodule
     * through a field reads the field, not this registration: replacing such a submodule also takes the field.
     */
    public void addModule(String name, Module module) {
        registerModule(name, module);
    }

    /**
     * Unregisters this module's own parameter {@code name} ({@code del module._parameters[name]}), for
     * {@link Utils}' reparametrisations.
     *
     * @return the parameter, or null when there is none of that name
     */
    Parameter removeParameter(String name) {
        return parameters.remove(name);
    }

    /** Unregisters this module's own submodule {@code name}; returns it, or null when there is none. */
    Module removeModule(String name) {
        return children.remove(name);
    }

    /** Unregisters this module's own buffer {@code name}; returns it, or null when there is none. */
    Tensor removeBuffer(String name) {
        nonPersistent.remove(name);
        return buffers.remove(name);
    }

    /** This module's own parameter {@code name}, or null. */
    Parameter ownParameter(String name) {
        return parameters.get(name);
    }

    /** Whether {@code name} is registered as this module's own parameter or buffer, also as None (for {@link Stateless}). */
    boolean hasOwnTensorName(String name) {
        return parameters.containsKey(name) || buffers.containsKey(name);
    }

    /** The forward pre-hooks registered now, in order (for {@link Utils} to find its own). */
    List<ForwardPreHook> forwardPreHooks() {
        return forwardPreHooks.snapshot();
    }

    /** Replaces a registered buffer's value (for running statistics). */
    protected void setBuffer(String name, Tensor value) {
        if (!buffers.containsKey(name)) throw new IllegalArgumentException("no buffer named '" + name + "'");
        if (value != null) value.keep();
        buffers.put(name, value);
    }

    /**
     * This module's own buffer {@code name} (not a descendant's), as registered or last set.
     *
     * @param name the buffer's name
     * @return the buffer, or null when none of that name is registered (or it was registered as null)
     */
    protected Tensor buffer(String name) {
        return buffers.get(name);
    }

    /** PyTorch's checks of a registered name, worded per kind ("parameter", "buffer", "module"). */
    private void checkName(String kind, String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException(kind + " name can't be empty string \"\"");
        if (name.contains(".")) {
            throw new IllegalArgumentException(kind + " name can't contain \".\"" + (kind.equals("module") ? ", got: " + name : ""));
        }
    }

    /**
     * A deep copy of {@code module} and everything it owns ({@code copy.deepcopy(module)}): new parameters,
     * buffers and submodules with the same values, dtypes, devices, {@code requires_grad}, gradients and training
     * mode, and the same registered names; a tensor or submodule reached twice (tied weights, a shared layer) is
     * copied once and stays shared in the copy, as Python's deepcopy keeps it. Hooks are carried over (the hook
     * functions themselves are shared, as Python shares functions), and later changes to either module do not
     * reach the other. Used for target networks, exponential moving averages and {@code AveragedModel}.
     *
     * <p>Fields of a module subclass are copied generically: tensors and modules, arrays, records and the JDK's
     * collections of them are copied; immutable values, enums and functions are shared.
     *
     * @throws IllegalStateException for what PyTorch 1.13 cannot deepcopy either: a module under a
     *     parametrization, weight norm, spectral norm or pruning, or one holding a tensor that is not a graph leaf;
     *     and for a field of another class that holds a tensor or module, which cannot be copied faithfully
     */
    public static <M extends Module> M deepCopy(M module) {
        return ModuleCopy.of(java.util.Objects.requireNonNull(module, "module"));
    }

    /** A field-by-field copy of this module sharing everything it references: {@link ModuleCopy} replaces those. */
    Module shallowCopy() {
        try {
            return (Module) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
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

    /** Every buffer of this module and its descendants, in the order of {@link #namedBuffers()} ({@code module.buffers()}). */
    public List<Tensor> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    /**
     * Buffers (persistent or not) by dotted name ({@code layer1.0.bn1.running_mean}), this module's first, then each
     * descendant's in registration order ({@code module.named_buffers()}); null buffers are left out.
     */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        java.util.Set<Tensor> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Map.Entry<String, Module> m : namedModules().entrySet()) {
            String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
            for (Map.Entry<String, Tensor> b : m.getValue().buffers.entrySet()) {
                // a buffer registered under several names is listed once, as PyTorch's named_buffers does
                if (b.getValue() != null && seen.add(b.getValue())) out.put(prefix + b.getKey(), b.getValue());
            }
        }
        return out;
    }

    /** The direct submodules. */
    public List<Module> children() {
        return new ArrayList<>(children.values());
    }

    /** The direct submodules by name, in registration order ({@code module.named_children()}); a copy. */
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

    /** Sets training mode on this module and every descendant ({@code module.train()}); returns this. */
    public Module train() {
        return train(true);
    }

    /** Sets training mode on this module and every descendant (dropout, batch norm behave differently). */
    public Module train(boolean mode) {
        for (Module m : modules()) m.training = mode;
        return this;
    }

    /** Sets evaluation mode on this module and every descendant, as {@code train(false)} ({@code module.eval()}); returns this. */
    public Module eval() {
        return train(false);
    }

    /** Whether this module is in training mode ({@code module.training}). */
    public boolean isTraining() {
        return training;
    }

    /** Moves every parameter and buffer to {@code device}; parameters keep their identity. */
    public Module to(Device device) {
        return convert(t -> t.to(device), false);
    }

    /**
     * Moves every parameter and buffer to the device named {@code device} ("cpu", "cuda:0", ...), as
     * {@link #to(Device)}; returns this.
     */
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

    /**
     * Lays out every 4-d and 5-d parameter, gradient and buffer in {@code format} ({@code module.to(memory_format=...)}):
     * {@code model.to(MemoryFormat.CHANNELS_LAST)} stores 2-d convolution weights as [O, KH, KW, C]; tensors of other
     * ranks stay as they are. Parameters keep their identity; values are unchanged. {@link MemoryFormat#PRESERVE}
     * changes nothing.
     *
     * @throws IllegalArgumentException as PyTorch, when a 4-d or 5-d tensor does not have the format's rank (a 3-d
     *     convolution's weight under {@link MemoryFormat#CHANNELS_LAST}); nothing is converted then
     */
    public Module to(MemoryFormat format) {
        if (format == MemoryFormat.PRESERVE) return this;
        // every rank checked first (on an empty tensor of that rank), so that a mismatch leaves the module as it was
        java.util.List<Tensor> all = new java.util.ArrayList<>(buffers());
        for (Parameter p : parameters()) {
            all.add(p);
            if (p.grad() != null) all.add(p.grad());
        }
        for (Tensor t : all) if (t.dim() == 4 || t.dim() == 5) Torch.empty(new long[t.dim()], t.dtype(), Device.CPU, format);
        return convert(t -> t.dim() == 4 || t.dim() == 5 ? t.to(format) : t, false);
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
                    Tensor moved = fn.apply(t);
                    // a lazy module's buffer stays uninitialised, in the new dtype or on the new device
                    if (t instanceof UninitializedBuffer u && u.isUninitialized() && moved != t) {
                        moved = new UninitializedBuffer(moved.dtype(), moved.device());
                    }
                    b.setValue(moved.keep());
                }
            }
        }
        return this;
    }

    /** Clears the gradients: zeroed in place (PyTorch 1.13's default) or, with {@code setToNone}, dropped. */
    public void zeroGrad(boolean setToNone) {
        for (Parameter p : parameters()) org.torch4j.internal.ZeroGrad.of(p, setToNone);
    }

    /** Zeroes every parameter's gradient in place ({@code zero_grad(set_to_none=False)}, PyTorch 1.13's default). */
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
                // an uninitialised parameter is listed as itself, as PyTorch lists its UninitializedParameter
                if (p.getValue() != null) out.put(prefix + p.getKey(), p.getValue().isUninitialized() ? p.getValue() : p.getValue().detach());
            }
            for (Map.Entry<String, Tensor> b : mod.buffers.entrySet()) {
                if (b.getValue() != null && !mod.nonPersistent.contains(b.getKey())) out.put(prefix + b.getKey(), b.getValue());
            }
        }
        return out;
    }

    /**
     * What {@link #loadStateDict(Map, boolean)} could not match.
     *
     * @param missingKeys the module's parameter and persistent-buffer names the state dict did not hold
     * @param unexpectedKeys the state dict's keys the module has no parameter or persistent buffer for
     */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {}

    /** {@code loadStateDict(state, true)}. */
    public LoadResult loadStateDict(Map<String, Tensor> state) {
        return loadStateDict(state, true);
    }

    /**
     * Copies values into the parameters and buffers with the same names (converting dtype and device).
     * With {@code strict}, missing or unexpected keys fail with PyTorch's message; shape mismatches
     * always fail. Nothing is modified when it fails, except that a lazy module's uninitialised tensors first
     * take the shapes of the values for them (PyTorch's lazy load hook runs before its checks too). Loading an
     * uninitialised tensor into an initialised one fails with PyTorch's message.
     */
    public LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            Tensor target = isUninitialized(e.getValue()) ? ownTensor(e.getKey()) : null;
            if (target != null && !isUninitialized(target)) {
                throw new IllegalArgumentException("Can't access the shape of an uninitialized parameter or buffer. This error usually "
                        + "happens in `load_state_dict` when trying to load an uninitialized parameter into an initialized one. Call "
                        + "`forward` to initialize the parameters before accessing their attributes.");
            }
        }
        Map<String, Tensor> own = new LinkedHashMap<>();
        for (Map.Entry<String, Module> m : namedModulesWithRepeats().entrySet()) {
            String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
            Module mod = m.getValue();
            mod.beforeLoad(prefix, state);
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
            throw new IllegalArgumentException("Error(s) in loading state_dict for " + printedName() + ":\n\t"
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

    /**
     * Called on each module, with its key prefix, before {@link #loadStateDict} matches keys and shapes
     * (PyTorch's load-state-dict pre-hooks): the lazy modules give their uninitialised tensors the shapes
     * of the values about to be loaded. It must not fail for what loading then reports.
     */
    void beforeLoad(String prefix, Map<String, Tensor> state) {}

    private static boolean isUninitialized(Tensor t) {
        return t instanceof Parameter p ? p.isUninitialized() : t instanceof UninitializedBuffer b && b.isUninitialized();
    }

    /** This module's parameter or buffer under a dotted {@code key}, or null. */
    private Tensor ownTensor(String key) {
        int dot = key.lastIndexOf('.');
        Module m = dot < 0 ? this : namedModulesWithRepeats().get(key.substring(0, dot));
        if (m == null) return null;
        String name = key.substring(dot + 1);
        return m.parameters.containsKey(name) ? m.parameters.get(name) : m.buffers.get(name);
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

    /**
     * The class name PyTorch would print for this module: the simple class name, except where a module
     * becomes another (an initialised lazy module prints as the module it became).
     */
    protected String typeName() {
        return getClass().getSimpleName();
    }

    /** {@link #typeName()}, prefixed as PyTorch's class of a module with parametrizations ({@link Parametrize}). */
    private String printedName() {
        return Parametrize.isParametrized(this) ? "Parametrized" + typeName() : typeName();
    }

    /** The part inside the parentheses of this module's print form, e.g. {@code in_features=3}. */
    protected String extraRepr() {
        return "";
    }

    /** PyTorch's module tree print form. */
    @Override
    public String toString() {
        String name = printedName();
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
