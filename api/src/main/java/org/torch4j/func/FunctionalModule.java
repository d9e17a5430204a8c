package org.torch4j.func;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;
import org.torch4j.nn.Stateless;

/**
 * A module as a function of its parameters and buffers, what functorch's {@code make_functional} and
 * {@code make_functional_with_buffers} return: {@code call(params, buffers, x)} runs the module with the given
 * tensors in place of its own ({@link Stateless#functionalCall}), leaving it unchanged. Tensors the module was
 * not made functional over (its buffers, after {@code make_functional}) are the module's own.
 *
 * <p>Unlike functorch, which calls a deep copy, this calls the module itself: changing its training mode or
 * its own tensors afterwards changes what {@code call} computes.
 */
public final class FunctionalModule {
    private final Module module;
    private final List<String> paramNames;
    private final List<String> bufferNames;

    FunctionalModule(Module module, List<String> paramNames, List<String> bufferNames) {
        this.module = module;
        this.paramNames = List.copyOf(paramNames);
        this.bufferNames = List.copyOf(bufferNames);
    }

    /** The module this calls. */
    public Module module() {
        return module;
    }

    /** The parameters' dotted names, in the order {@code call} takes them. */
    public List<String> paramNames() {
        return paramNames;
    }

    /** The buffers' dotted names, in the order {@code call} takes them (empty after {@code make_functional}). */
    public List<String> bufferNames() {
        return bufferNames;
    }

    /** {@code fmodel(params, *args)}: the module called on {@code args} with {@code params} (for {@code make_functional}). */
    public Tensor call(List<Tensor> params, Tensor... args) {
        return call(params, List.of(), args);
    }

    /** {@code fmodel(params, buffers, *args)}: the module called on {@code args} with {@code params} and {@code buffers}. */
    public Tensor call(List<Tensor> params, List<Tensor> buffers, Tensor... args) {
        return Stateless.functionalCall(module, state(params, buffers), args);
    }

    /** The same for any call of the module ({@link Stateless#functionalCall(Module, Map, List, BiFunction)}). */
    public <R> R call(List<Tensor> params, List<Tensor> buffers, List<Tensor> args, BiFunction<Module, List<Tensor>, R> call) {
        return Stateless.functionalCall(module, state(params, buffers), args, call);
    }

    /**
     * This module as a function of one flat list, for {@link Func#vmap}: the parameters, then the buffers, then
     * the call's arguments, to a one-element list holding the output.
     */
    public Function<List<Tensor>, List<Tensor>> asFunction() {
        int p = paramNames.size(), b = bufferNames.size();
        return in -> List.of(call(in.subList(0, p), in.subList(p, p + b), in.subList(p + b, in.size()).toArray(new Tensor[0])));
    }

    /**
     * vmap's in_dims for {@link #asFunction()}: functorch's {@code (params_dim, buffers_dim, *arg_dims)}, where one
     * dim (or null) stands for every parameter, and one for every buffer.
     */
    public List<Integer> inDims(Integer paramsDim, Integer buffersDim, Integer... argDims) {
        List<Integer> r = new ArrayList<>(Collections.nCopies(paramNames.size(), paramsDim));
        r.addAll(Collections.nCopies(bufferNames.size(), buffersDim));
        r.addAll(Arrays.asList(argDims));
        return r;
    }

    private Map<String, Tensor> state(List<Tensor> params, List<Tensor> buffers) {
        check("parameters", paramNames, params);
        check("buffers", bufferNames, buffers);
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) m.put(paramNames.get(i), params.get(i));
        for (int i = 0; i < buffers.size(); i++) m.put(bufferNames.get(i), buffers.get(i));
        return m;
    }

    /** functorch zips silently; a count that does not match the names is refused here. */
    private static void check(String what, List<String> names, List<Tensor> given) {
        if (given.size() != names.size()) {
            throw new IllegalArgumentException("FunctionalModule expected " + names.size() + " " + what + ", got " + given.size());
        }
    }
}
