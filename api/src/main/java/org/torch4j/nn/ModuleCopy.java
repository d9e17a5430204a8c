package org.torch4j.nn;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Records;

/**
 * {@code copy.deepcopy} of a module tree ({@link Module#deepCopy}). Each module is cloned field by field and
 * every reference it holds is replaced by its copy, with one memo by identity as Python's deepcopy keeps, so a
 * tensor or module reached twice (a field and its registration, tied weights, a shared submodule) is copied once
 * and stays shared in the copy. Tensors are copied with their values, dtype, device, {@code requires_grad} and
 * gradient; the JDK's mutable collections, arrays and records are rebuilt around copied elements; immutable
 * values, enums and functions (hooks, lambdas) are shared, as Python shares them. An object of another class that
 * holds a tensor or module cannot be copied faithfully and is refused rather than shared.
 */
final class ModuleCopy {
    private final Map<Object, Object> memo = new IdentityHashMap<>();

    private ModuleCopy() {}

    static <M extends Module> M of(M module) {
        refuseReparametrized(module);
        @SuppressWarnings("unchecked")
        M copy = (M) new ModuleCopy().copy(module);
        return copy;
    }

    /**
     * PyTorch 1.13 cannot deepcopy a module whose weight is computed by a parametrization, weight norm, spectral
     * norm or pruning (the computed weight is not a graph leaf, or parametrized modules refuse to be pickled);
     * torch4j refuses the same modules, with PyTorch's advice, before copying anything.
     */
    private static void refuseReparametrized(Module module) {
        for (Map.Entry<String, Module> e : module.namedModules().entrySet()) {
            Module m = e.getValue();
            boolean parametrized = Parametrize.isParametrized(m);
            boolean hooked = m.forwardPreHooks().stream()
                    .anyMatch(h -> h instanceof WeightNorm || h instanceof SpectralNorm || h instanceof PruningMethod);
            if (parametrized || hooked) {
                String where = e.getKey().isEmpty() ? m.getClass().getSimpleName() : "'" + e.getKey() + "'";
                throw new IllegalStateException("deepCopy: " + where + " is reparametrized (" + (parametrized ? "parametrize" : "weight norm, "
                        + "spectral norm or pruning") + "); copy such modules through state_dict(): build a new model and load the state dict");
            }
        }
    }

    private Object copy(Object value) {
        if (value == null || shared(value)) return value;
        Object done = memo.get(value);
        if (done != null) return done;
        if (value instanceof Tensor t) return copyTensor(t);
        if (value instanceof Module m) return copyModule(m);
        if (value instanceof HookList<?> h) return remember(value, h.copy());
        if (value instanceof LazyState s) return remember(value, s.copy());
        if (value.getClass().isArray()) return copyArray(value);
        if (value instanceof Record r) return copyRecord(r);
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) return copyCollection(value);
        refuseIfHoldsState(value);
        return value;
    }

    private Object remember(Object original, Object copy) {
        memo.put(original, copy);
        return copy;
    }

    /** Values Python's deepcopy returns as themselves: immutable JDK values, enums, classes and functions. */
    private static boolean shared(Object v) {
        Class<?> c = v.getClass();
        boolean jdkValue = c.getName().startsWith("java.") && !(v instanceof Collection<?>) && !(v instanceof Map<?, ?>);
        return jdkValue || v instanceof Enum<?> || c.isSynthetic() || c.isHidden();
    }

    private Tensor copyTensor(Tensor t) {
        if (t.requiresGrad() && !t.isLeaf()) {
            // PyTorch's Tensor.__deepcopy__ refuses the same
            throw new IllegalStateException("Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment");
        }
        Tensor copy;
        try (var g = Torch.noGrad()) {
            if (t instanceof UninitializedBuffer u && u.isUninitialized()) {
                copy = new UninitializedBuffer(t.dtype(), t.device());
            } else if (t instanceof Parameter p) {
                Parameter q = new Parameter(p.detach().clone(), p.requiresGrad());
                if (p.isUninitialized()) q.uninitialize();
                copy = q;
            } else {
                copy = t.detach().clone().keep();
                if (t.requiresGrad()) copy.requiresGrad_(true);
            }
        }
        memo.put(t, copy);
        if (t.grad() != null) copy.setGrad((Tensor) copy(t.grad()));
        return copy;
    }

    private Module copyModule(Module m) {
        Module copy = m.shallowCopy();
        memo.put(m, copy);
        for (Class<?> c = m.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) continue;
                try {
                    f.setAccessible(true);
                    Object value = f.get(m);
                    Object replaced = copy(value);
                    if (replaced != value) f.set(copy, replaced);
                } catch (ReflectiveOperationException | java.lang.reflect.InaccessibleObjectException e) {
                    throw new IllegalStateException("deepCopy: cannot copy field " + c.getName() + "." + f.getName() + ": " + e, e);
                }
            }
        }
        return copy;
    }

    private Object copyArray(Object array) {
        Class<?> component = array.getClass().getComponentType();
        int n = Array.getLength(array);
        if (component.isPrimitive()) {
            Object copy = Array.newInstance(component, n);
            System.arraycopy(array, 0, copy, 0, n);
            return remember(array, copy);
        }
        Object[] copy = (Object[]) Array.newInstance(component, n);
        memo.put(array, copy);
        for (int i = 0; i < n; i++) copy[i] = copy(((Object[]) array)[i]);
        return copy;
    }

    /** A record is rebuilt through its canonical constructor from its copied components. */
    private Object copyRecord(Record r) {
        Object[] values = Records.values(r);
        for (int i = 0; i < values.length; i++) values[i] = copy(values[i]);
        try {
            return remember(r, Records.create(r.getClass(), values));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("deepCopy: cannot copy record " + r.getClass().getName() + ": " + e, e);
        }
    }

    /**
     * The JDK's collections: one of the usual mutable classes is rebuilt as that class, an unmodifiable one
     * ({@code List.of}, {@code Collections.unmodifiableList}) as an unmodifiable copy; another class is shared
     * when it holds no tensor or module, and refused when it does.
     */
    private Object copyCollection(Object value) {
        boolean immutable = immutable(value.getClass().getName());
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = switch (value) {
                case LinkedHashMap<?, ?> x -> new LinkedHashMap<>();
                case TreeMap<?, ?> x -> new TreeMap<>(castComparator(x.comparator()));
                case IdentityHashMap<?, ?> x -> new IdentityHashMap<>();
                case HashMap<?, ?> x -> new HashMap<>();
                default -> immutable ? new LinkedHashMap<>() : null;
            };
            if (copy == null) return sharedIfStateless(map.values(), value);
            memo.put(value, immutable ? Collections.unmodifiableMap(copy) : copy);
            for (Map.Entry<?, ?> e : map.entrySet()) copy.put(copy(e.getKey()), copy(e.getValue()));
            return memo.get(value);
        }
        Collection<?> items = (Collection<?>) value;
        Collection<Object> copy = switch (value) {
            case ArrayList<?> x -> new ArrayList<>();
            case LinkedList<?> x -> new LinkedList<>();
            case TreeSet<?> x -> new TreeSet<>(castComparator(x.comparator()));
            case LinkedHashSet<?> x -> new LinkedHashSet<>();
            case HashSet<?> x -> new HashSet<>();
            default -> immutable ? (value instanceof Set<?> ? new LinkedHashSet<>() : new ArrayList<>()) : null;
        };
        if (copy == null) return sharedIfStateless(items, value);
        Object result = !immutable ? copy : copy instanceof Set<Object> s ? Collections.unmodifiableSet(s)
                : Collections.unmodifiableList((List<Object>) copy);
        memo.put(value, result);
        for (Object o : items) copy.add(copy(o));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static java.util.Comparator<Object> castComparator(java.util.Comparator<?> c) {
        return (java.util.Comparator<Object>) c;
    }

    /** {@code List.of}, {@code Map.of}, {@code Collections.unmodifiable*} and the like. */
    private static boolean immutable(String className) {
        return className.startsWith("java.util.ImmutableCollections") || className.startsWith("java.util.Collections$Unmodifiable");
    }

    private static Object sharedIfStateless(Collection<?> items, Object container) {
        for (Object o : items) {
            if (o instanceof Tensor || o instanceof Module) {
                throw new IllegalStateException("deepCopy: cannot copy a " + container.getClass().getName() + " holding tensors or modules");
            }
        }
        return container;
    }

    /** An object of another class is shared; if it holds a tensor or module, sharing would tie the copy to the original. */
    private static void refuseIfHoldsState(Object value) {
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) continue;
                if (!Tensor.class.isAssignableFrom(f.getType()) && !Module.class.isAssignableFrom(f.getType())) continue;
                throw new IllegalStateException("deepCopy: cannot copy a " + value.getClass().getName() + ": its field " + f.getName()
                        + " holds a " + f.getType().getSimpleName() + " (make it a registered submodule, parameter or buffer)");
            }
        }
    }
}
