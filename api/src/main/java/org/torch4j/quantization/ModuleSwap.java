package org.torch4j.quantization;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.function.Function;
import org.torch4j.nn.Module;

/**
 * Replaces submodules in a module tree, as PyTorch's {@code setattr(parent, name, new_module)}: the parent's
 * registered child ({@link Module#addModule}) and every field of the parent that held the old module now hold the
 * new one (a Java module's forward reads its fields; they are rewritten by reflection, as {@code Module.deepCopy}
 * rewrites fields).
 */
final class ModuleSwap {
    private ModuleSwap() {}

    /** {@code root}, or its replacement, with every descendant for which {@code replace} gives a module replaced. */
    static Module swap(Module root, Function<Module, Module> replace) {
        Module r = replace.apply(root);
        if (r != null) return r;
        for (Map.Entry<String, Module> e : root.namedChildren().entrySet()) {
            Module child = e.getValue();
            if (child == null) continue;
            Module swapped = swap(child, replace);
            if (swapped != child) {
                replaceFields(root, child, swapped);
                root.addModule(e.getKey(), swapped);
            }
        }
        return root;
    }

    /** Replaces {@code parent}'s child {@code name} (registered child and the fields that held it). */
    static void replace(Module parent, String name, Module replacement) {
        Module old = parent.namedChildren().get(name);
        if (old != null) replaceFields(parent, old, replacement);
        parent.addModule(name, replacement);
    }

    private static void replaceFields(Module parent, Module old, Module replacement) {
        for (Class<?> c = parent.getClass(); c != Module.class && c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) continue;
                try {
                    f.setAccessible(true);
                    if (f.get(parent) != old) continue;
                    if (!f.getType().isInstance(replacement)) {
                        throw new IllegalStateException("quantization: " + c.getSimpleName() + "." + f.getName() + " is typed "
                                + f.getType().getSimpleName() + " and cannot hold a " + replacement.getClass().getSimpleName());
                    }
                    f.set(parent, replacement);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
