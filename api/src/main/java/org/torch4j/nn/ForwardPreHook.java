package org.torch4j.nn;

import java.util.List;

/**
 * A hook run before a module's forward ({@code register_forward_pre_hook} in PyTorch), registered with
 * {@link Module#registerForwardPreHook(ForwardPreHook)}.
 *
 * <pre>{@code
 * Hook h = model.registerForwardPreHook((module, args) -> {
 *     System.out.println(module.getClass().getSimpleName() + " called with " + args.size() + " arguments");
 *     return null;                                    // keeps the arguments
 * });
 * }</pre>
 */
@FunctionalInterface
public interface ForwardPreHook {

    /**
     * Sees the arguments of the {@code call} about to run forward: exactly the arguments of the
     * {@code call} overload used, in order, with null for absent optional ones (Java has no keyword
     * arguments, so a PyTorch keyword argument such as a mask is a positional one here).
     *
     * @param module the module being called
     * @param args the arguments, immutable
     * @return null to keep the arguments, or replacements (as many, of the types forward takes), which
     *     forward and the hooks after this one then see
     */
    List<Object> apply(Module module, List<Object> args);
}
