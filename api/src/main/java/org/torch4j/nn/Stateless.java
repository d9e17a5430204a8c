package org.torch4j.nn;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.torch4j.Tensor;

/**
 * {@code torch.nn.utils.stateless}: calling a module with other values for its parameters and buffers,
 * without changing the module ({@code functional_call}), as PyTorch 1.13 does it.
 *
 * <pre>{@code
 * Linear lin = new Linear(3, 2);
 * Map<String, Tensor> params = Map.of("weight", w, "bias", b);   // w, b may require grad
 * Tensor y = Stateless.functionalCall(lin, params, x);           // x @ w^T + b; lin keeps its own weight and bias
 * }</pre>
 *
 * <p>Semantics (1.13's):
 * <ul>
 *   <li>The named tensors replace the module's parameters and buffers of those dotted names (as
 *       {@link Module#namedParameters()} and {@link Module#namedBuffers()} spell them) for this one call;
 *       the names may be a subset, the others keep their values. Gradients flow to the given tensors, and
 *       in-place updates the forward makes (a batch norm's running statistics in training mode) land in
 *       the given tensors, not in the module's.</li>
 *   <li>A name whose submodule does not exist fails with PyTorch's {@code "'Sequential' object has no
 *       attribute '3'"} (an {@link IllegalArgumentException}); a last part the module does not have is
 *       ignored, as 1.13 ignores it (a Java module cannot read a tensor it does not have).</li>
 *   <li>Afterwards every tensor of the module is exactly as before (values, {@code requiresGrad}, graph
 *       identity, {@code .grad}), also when the forward throws.</li>
 *   <li>Parametrized modules ({@link Parametrize}): a value given for the parametrized name ({@code "weight"})
 *       replaces the parametrization's result for the call, switching the parametrization off; a value for
 *       {@code "parametrizations.weight.original"} goes through the parametrization, as in 1.13.</li>
 *   <li>Tied weights (one tensor reachable under several names) are one Java object, so a value given under
 *       any of the names replaces the tensor everywhere it is used: PyTorch 2.0's {@code tie_weights=True},
 *       not 1.13, which replaces only the use under the name given (a module's field cannot point elsewhere
 *       for one of its users). Giving different values for two names of one tied tensor, which 1.13 accepts
 *       with a deprecation warning, is refused.</li>
 * </ul>
 *
 * <p>How: the module's own tensor objects (the fields its forward reads) are made to stand for the given
 * tensors during the call ({@code Internals.rebind}, as parametrizations do) and get their own state back
 * afterwards. The ops of the call keep those objects for their backward; autograd records with each node the
 * bindings in force when it was made and puts them back while that node's backward runs, so a backward after the
 * call (at any order) reads the call's values, and gradients reach the given tensors, the arguments, the module's
 * other tensors and any other tensor the call used (one a lambda captured), as in PyTorch.
 * Forward pre-hooks that rebind tensors the module does not register (the old-style {@code weight_norm} and
 * {@code spectral_norm} of {@link Utils}) leave the value of the call in them until the next forward. As the
 * call changes the module's tensors while it runs, a module must not be used from another thread meanwhile.
 */
public final class Stateless {
    private Stateless() {}

    /**
     * {@code functional_call(module, parameters_and_buffers, args)}: {@code module.call(args...)} with the named
     * tensors in place of the module's. One argument calls {@link Module#call(Tensor)}; several call the
     * module's public {@code call} overload taking that many tensors ({@code Bilinear}, the losses, ...).
     *
     * @param module the module to call
     * @param parametersAndBuffers tensors by dotted name ({@code "0.weight"}); may name a subset
     * @param args the call's tensor arguments
     * @return the module's output
     */
    public static Tensor functionalCall(Module module, Map<String, Tensor> parametersAndBuffers, Tensor... args) {
        Method call = args.length == 1 ? null : tensorCall(module, args.length);
        return functionalCall(module, parametersAndBuffers, Arrays.asList(args),
                (m, in) -> call == null ? m.call(in.get(0)) : invoke(call, m, in.toArray(new Tensor[0])));
    }

    /**
     * {@code functional_call} for any call of the module (other argument types, keyword-like options, results
     * that are records such as {@code LSTM.Output}): {@code call} gets the module, with the named tensors in place
     * of its own, and the tensor arguments. Whatever it returns is differentiable at any order, with respect to the
     * given tensors, the arguments and anything else that requires grad and that the call used.
     *
     * <pre>{@code
     * Tensor y = Stateless.functionalCall(bilinear, params, List.of(x1, x2), (m, in) -> m.call(in.get(0), in.get(1)));
     * }</pre>
     *
     * @param module the module to call
     * @param parametersAndBuffers tensors by dotted name; may name a subset
     * @param args the call's tensor arguments, handed to {@code call} as an unmodifiable list
     * @param call what to do with the module and the arguments
     * @return what {@code call} returned
     */
    public static <M extends Module, R> R functionalCall(M module, Map<String, Tensor> parametersAndBuffers, List<Tensor> args,
                                                         BiFunction<? super M, List<Tensor>, R> call) {
        List<Tensor> in = java.util.Collections.unmodifiableList(new ArrayList<>(args));
        try (Reparametrization r = new Reparametrization(module, parametersAndBuffers).enter()) {
            return call.apply(module, in);
        }
    }

    private static Method tensorCall(Module module, int n) {
        Class<?>[] types = new Class<?>[n];
        Arrays.fill(types, Tensor.class);
        try {
            Method m = module.getClass().getMethod("call", types);
            if (Tensor.class.isAssignableFrom(m.getReturnType())) return m;
        } catch (NoSuchMethodException e) {
            // reported below
        }
        throw new IllegalArgumentException(module.getClass().getSimpleName() + " has no call taking " + n
                + " tensors: use functionalCall(module, parametersAndBuffers, args, (m, in) -> ...)");
    }

    private static Tensor invoke(Method call, Module module, Tensor[] args) {
        try {
            return (Tensor) call.invoke(module, (Object[]) args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
