package org.torch4j.nn;

import java.util.IdentityHashMap;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * {@code torch.nn.utils.parametrize}: a parameter of a module computed from an unconstrained original by
 * one or more parametrization modules (a symmetric or orthogonal weight, a positive scale, ...). After
 * {@link #registerParametrization} the module's state dict holds {@code parametrizations.<name>.original}
 * in place of {@code <name>}, its print form is {@code Parametrized<Class>(...)}, and before each forward the
 * module's own tensor object (the field its forward reads, such as {@code Linear.weight}) is made to stand
 * for the parametrized value, so gradients flow to the original. Outside a forward, read the value with
 * {@link #get} (PyTorch's {@code module.weight}); the field holds what the last forward or {@code get} computed.
 *
 * <p>Unlike PyTorch, where the module's parameter object becomes the original, the original here is a new
 * parameter ({@link ParametrizationList#original()}): build optimizers after registering. Only parameters can
 * be parametrized (not buffers), and a right inverse returns one tensor.
 */
public final class Parametrize {
    private Parametrize() {}

    /** The depth of open {@link #cached()} scopes and what they computed, per thread. */
    private static final ThreadLocal<Map<ParametrizationList, Tensor>> CACHE = new ThreadLocal<>();
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    /** {@code register_parametrization(module, name, parametrization)} with the consistency checks. */
    public static <M extends Module> M registerParametrization(M module, String name, Module parametrization) {
        return registerParametrization(module, name, parametrization, false);
    }

    /**
     * Parametrizes {@code module}'s parameter {@code name} by {@code parametrization}, or appends it to the
     * parametrizations already there. The first one's {@link RightInverse} (when it has one) turns the current
     * value into the original. Unless {@code unsafe}, the parametrization may not change the tensor's shape or
     * dtype (checked, with PyTorch's messages, before anything changes).
     *
     * @return the module
     */
    public static <M extends Module> M registerParametrization(M module, String name, Module parametrization, boolean unsafe) {
        ParametrizationList list = list(module, name);
        if (list != null) {
            if (!unsafe) checkAppend(module, name, list, parametrization);
            list.add(parametrization);
            return module;
        }
        Parameter target = module.ownParameter(name);
        if (target == null) {
            throw new IllegalArgumentException("Module '" + module + "' does not have a parameter, a buffer, or a parametrized "
                    + "element with name '" + name + "'");
        }
        Tensor start;
        try (var g = Torch.noGrad()) {
            start = target.detach();
            // as PyTorch, a right inverse that is not implemented counts as the identity
            if (parametrization instanceof RightInverse r) {
                try {
                    start = r.rightInverse(start);
                } catch (UnsupportedOperationException e) {
                    start = target.detach();
                }
            }
            if (start.dtype() != target.dtype()) {
                throw new IllegalArgumentException("When `right_inverse` outputs one tensor, it may not change the dtype.\n"
                        + "original.dtype: " + target.dtype() + "\nright_inverse(original).dtype: " + start.dtype());
            }
            if (!unsafe) {
                Tensor z = parametrization.call(start);
                checkSame("Registering a parametrization may not change the", "unless `unsafe` flag is enabled.", "unparametrized",
                        target, "parametrized", z);
            }
        }
        Parameter original = new Parameter(start, target.requiresGrad());
        module.removeParameter(name);
        ModuleDict dict = (ModuleDict) module.namedChildren().get("parametrizations");
        if (dict == null) dict = module.registerModule("parametrizations", new ModuleDict());
        list = new ParametrizationList(original, parametrization, target);
        dict.put(name, list);
        // PyTorch evaluates a parametrization when the tensor is read (here: before each forward, or by get), not
        // on registering: a stateful one (spectral norm's power iteration) must not run an extra time
        list.attach(module);
        return module;
    }

    /** PyTorch's checks of a parametrization appended to a parametrized tensor (and of its right inverse). */
    private static void checkAppend(Module module, String name, ParametrizationList list, Module parametrization) {
        try (var g = Torch.noGrad()) {
            Tensor y = list.value();
            Tensor x = parametrization.call(y);
            checkSame("Registering a parametrization may not change the", "unless the `unsafe` flag is enabled.",
                    "module." + name, y, "parametrization(module." + name + ")", x);
            if (parametrization instanceof RightInverse r) {
                Tensor z = r.rightInverse(x);
                String what = "The tensor returned by parametrization.right_inverse must have the same ";
                if (z.dtype() != y.dtype()) {
                    throw new IllegalArgumentException(what + "dtype as module." + name + ", unless the `unsafe` flag is enabled.\n"
                            + "module." + name + ".dtype: " + y.dtype() + "\nreturned dtype: " + z.dtype());
                }
                if (!java.util.Arrays.equals(z.shape(), y.shape())) {
                    throw new IllegalArgumentException(what + "shape as module." + name + ", unless the `unsafe` flag is enabled.\n"
                            + "module." + name + ".shape: " + Py.size(y.shape()) + "\nreturned shape: " + Py.size(z.shape()));
                }
            }
        }
    }

    private static void checkSame(String lead, String unless, String beforeName, Tensor before, String afterName, Tensor after) {
        boolean registering = beforeName.equals("unparametrized");
        if (after.dtype() != before.dtype()) {
            throw new IllegalArgumentException(lead + " dtype of the tensor, " + unless + "\n" + beforeName + (registering ? " dtype: " : ".dtype: ")
                    + before.dtype() + "\n" + afterName + (registering ? " dtype: " : ".dtype: ") + after.dtype());
        }
        if (!java.util.Arrays.equals(after.shape(), before.shape())) {
            throw new IllegalArgumentException(lead + " shape of the tensor, " + unless + "\n" + beforeName + (registering ? " shape: " : ".shape: ")
                    + Py.size(before.shape()) + "\n" + afterName + (registering ? " shape: " : ".shape: ") + Py.size(after.shape()));
        }
    }

    /** {@code remove_parametrizations(module, name)}: the parameter left holding its parametrized value. */
    public static <M extends Module> M removeParametrizations(M module, String name) {
        return removeParametrizations(module, name, true);
    }

    /**
     * Removes every parametrization of {@code name}: the module's parameter {@code name} is registered again
     * (the same object its field holds), holding the parametrized value ({@code leaveParametrized}) or the
     * original's. With no parametrization left the module prints as its own class again.
     *
     * @return the module
     */
    public static <M extends Module> M removeParametrizations(M module, String name, boolean leaveParametrized) {
        ParametrizationList list = list(module, name);
        if (list == null) throw new IllegalArgumentException("Module " + module + " does not have a parametrization on " + name);
        Tensor value;
        try (var g = Torch.noGrad()) {
            value = leaveParametrized ? list.value() : list.original().detach();
        }
        Parameter target = list.target;
        Internals.get().rebind(target, value);
        if (list.original().requiresGrad()) target.requiresGrad_();
        list.detach();
        ModuleDict dict = (ModuleDict) module.namedChildren().get("parametrizations");
        dict.removeModule(name);
        if (dict.size() == 0) module.removeModule("parametrizations");
        module.registerParameter(name, target);
        return module;
    }

    /** {@code is_parametrized(module)}: whether any tensor of {@code module} has a parametrization. */
    public static boolean isParametrized(Module module) {
        return module.namedChildren().get("parametrizations") instanceof ModuleDict d && d.size() > 0
                && d.children().get(0) instanceof ParametrizationList;
    }

    /** {@code is_parametrized(module, name)}: whether {@code name} has a parametrization. */
    public static boolean isParametrized(Module module, String name) {
        return list(module, name) != null;
    }

    /** The parametrizations of {@code name} ({@code module.parametrizations[name]}), or null. */
    public static ParametrizationList list(Module module, String name) {
        return module.namedChildren().get("parametrizations") instanceof ModuleDict d && d.get(name) instanceof ParametrizationList l
                ? l : null;
    }

    /** The current parametrized value of {@code name} ({@code getattr(module, name)}), also rebinding the module's tensor. */
    public static Tensor get(Module module, String name) {
        ParametrizationList list = requireList(module, name);
        list.bind();
        return list.target;
    }

    /**
     * {@code setattr(module, name, value)} on a parametrized tensor: the original set by the right inverses (the
     * module's field follows at the next forward or {@link #get}).
     */
    public static void set(Module module, String name, Tensor value) {
        ParametrizationList list = requireList(module, name);
        list.rightInverse(value);
    }

    private static ParametrizationList requireList(Module module, String name) {
        ParametrizationList list = list(module, name);
        if (list == null) throw new IllegalArgumentException("Module " + module + " does not have a parametrization on " + name);
        return list;
    }

    /**
     * {@code with parametrize.cached():}: until closed, each parametrized tensor is computed once and reused
     * by every forward (for a parametrization costly to evaluate, used several times per step). Scopes nest.
     */
    public static Cached cached() {
        if (DEPTH.get()[0]++ == 0) CACHE.set(new IdentityHashMap<>());
        return new Cached() {
            private boolean closed;

            @Override
            public void close() {
                if (closed) return;
                closed = true;
                if (--DEPTH.get()[0] == 0) CACHE.remove();
            }
        };
    }

    /** An open {@link #cached()} scope; closing it (once) ends it. */
    public interface Cached extends AutoCloseable {
        @Override
        void close();
    }

    /** The parametrized value of {@code list}: computed, or taken from the open cache. */
    static Tensor evaluate(ParametrizationList list) {
        Map<ParametrizationList, Tensor> cache = CACHE.get();
        if (cache == null) return list.value();
        Tensor t = cache.get(list);
        if (t == null) {
            t = list.value();
            cache.put(list, t);
        }
        return t;
    }
}
