package org.torch4j.func;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.torch4j.OutputAndProduct;
import org.torch4j.OutputsAndProducts;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * functorch 1.13 ({@code torch.func} from PyTorch 2.0) for Java: composable function transforms. Each
 * transform takes a function and returns a function, so they nest as in functorch:
 *
 * <pre>{@code
 * UnaryOperator<Tensor> d2 = Func.grad(Func.grad(x -> x.sin().sum()));      // second derivative
 * // per-sample gradients: vmap over grad, parameters unmapped, one sample per slice
 * Function<List<Tensor>, List<Tensor>> perSample = Func.vmap(Func.grad(loss, new int[] {0, 1}), Arrays.asList(null, null, 0, 0));
 * }</pre>
 *
 * <p>Java shapes for Python's calling conventions: a function of one tensor is a {@code UnaryOperator<Tensor>};
 * a function of several is a {@code Function<List<Tensor>, ...>} of its arguments in order (functorch's
 * {@code *args}, flattened: a tuple of parameters is one list entry per tensor). argnums index that list.
 * Results with several parts are small records ({@link GradAndValue}, {@link VjpResult}, {@link VjpWithAux},
 * {@link JvpWithAux}, {@link JacobiansWithAux}, {@link OutputAndProduct}, {@link FunctionalState}); a function for {@code has_aux=True}
 * returns a {@link WithAux}. The Jacobians of a function with several outputs are indexed {@code [output][argnum]}
 * ({@link #jacrevOutputs}, {@link #jacfwdOutputs}).
 *
 * <p>How they are computed, plainly: torch4j has one reverse-mode tape and no forward-mode AD or batching rules.
 * {@code grad}, {@code vjp} and {@code jacrev} are reverse passes; {@code jvp} and {@code jacfwd} use the
 * double-backward trick (two reverse passes, the same values as forward mode); {@code vmap} runs the function
 * once per index of the mapped dimension and stacks the results. Values and gradients equal functorch's; the
 * speed is that of loops. A transform's results keep an autograd graph when someone outside it may
 * differentiate them (an enclosing transform, an input or a captured tensor that requires grad), and are
 * detached otherwise, as functorch's are at the top level. Errors carry functorch's messages
 * ({@link IllegalArgumentException}, {@link IndexOutOfBoundsException} for argnums); Python's function name in
 * them is {@code f}.
 */
public final class Func {
    private Func() {}

    // ---- grad and grad_and_value ----

    /** {@code grad(f)}: the gradient of a function with a scalar (0-dim) output, shaped as its input. */
    public static UnaryOperator<Tensor> grad(UnaryOperator<Tensor> f) {
        return x -> Grads.gradAndValue(noAux(in -> f.apply(in.get(0))), new int[] {0}, List.of(x)).grad();
    }

    /** {@code grad(f, argnums=argnum)}: the gradient with respect to argument {@code argnum} (negative counts from the end). */
    public static Function<List<Tensor>, Tensor> grad(Function<List<Tensor>, Tensor> f, int argnum) {
        return args -> Grads.gradAndValue(noAux(f), new int[] {argnum}, args).grad();
    }

    /** {@code grad(f, argnums=(...))}: one gradient per argnum, in argnums order. */
    public static Function<List<Tensor>, List<Tensor>> grad(Function<List<Tensor>, Tensor> f, int[] argnums) {
        int[] nums = argnums.clone();
        return args -> Grads.gradAndValue(noAux(f), nums, args).grads();
    }

    /**
     * {@code grad(f, argnums, has_aux=True)}: f returns its scalar output with auxiliary data; the result holds
     * the gradients and the auxiliary data (and the value, which {@code grad_and_value} would also return).
     */
    public static <A> Function<List<Tensor>, GradAndValue<A>> gradWithAux(Function<List<Tensor>, WithAux<A>> f, int[] argnums) {
        int[] nums = argnums.clone();
        return args -> Grads.gradAndValue(f, nums, args);
    }

    /** {@code grad_and_value(f)}: the gradient and the value of a function with a scalar output. */
    public static Function<Tensor, GradAndValue<Void>> gradAndValue(UnaryOperator<Tensor> f) {
        return x -> Grads.gradAndValue(noAux(in -> f.apply(in.get(0))), new int[] {0}, List.of(x));
    }

    /** {@code grad_and_value(f, argnums=(...))}: the gradients with respect to the argnums, and the value. */
    public static Function<List<Tensor>, GradAndValue<Void>> gradAndValue(Function<List<Tensor>, Tensor> f, int[] argnums) {
        int[] nums = argnums.clone();
        return args -> Grads.gradAndValue(noAux(f), nums, args);
    }

    private static Function<List<Tensor>, WithAux<Void>> noAux(Function<List<Tensor>, Tensor> f) {
        return args -> new WithAux<>(f.apply(args), null);
    }

    // ---- vjp and jvp ----

    /** {@code vjp(f, primal)}: f's output at the primal, and the pullback of a cotangent ({@link VjpResult#vjp}). */
    public static VjpResult vjp(UnaryOperator<Tensor> f, Tensor primal) {
        return vjp(in -> Collections.singletonList(f.apply(in.get(0))), List.of(primal));
    }

    /** {@code vjp(f, *primals)} for a function of several tensors with several outputs. */
    public static VjpResult vjp(Function<List<Tensor>, List<Tensor>> f, List<Tensor> primals) {
        VjpWithAux<Void> r = Vjps.vjp(noAuxs(f), List.copyOf(primals));
        return new VjpResult(r.outputs(), r.vjpFn());
    }

    /**
     * {@code vjp(f, *primals, has_aux=True)}: f returns its outputs with auxiliary data; the result is functorch's
     * {@code (output, vjp_fn, aux)}.
     */
    public static <A> VjpWithAux<A> vjpWithAux(Function<List<Tensor>, WithAux<A>> f, List<Tensor> primals) {
        return Vjps.vjp(f, List.copyOf(primals));
    }

    private static Function<List<Tensor>, WithAux<Void>> noAuxs(Function<List<Tensor>, List<Tensor>> f) {
        return args -> {
            List<Tensor> outs = f.apply(args);
            return new WithAux<>(outs == null ? Collections.singletonList(null) : outs, null);
        };
    }

    /**
     * {@code jvp(f, (primal,), (tangent,))}: f's output and the Jacobian-vector product {@code J v}, computed by
     * the double-backward trick (torch4j has no forward-mode AD; the values are the same).
     */
    public static OutputAndProduct jvp(UnaryOperator<Tensor> f, Tensor primal, Tensor tangent) {
        JvpWithAux<Void> r = Jvps.jvp(noAux(in -> f.apply(in.get(0))), List.of(primal), List.of(tangent));
        return new OutputAndProduct(r.outputs().get(0), r.products().get(0));
    }

    /** {@code jvp(f, primals, tangents)}: one tangent per primal; one product per output. */
    public static OutputsAndProducts jvp(Function<List<Tensor>, List<Tensor>> f, List<Tensor> primals, List<Tensor> tangents) {
        JvpWithAux<Void> r = Jvps.jvp(noAuxs(f), List.copyOf(primals), List.copyOf(tangents));
        return new OutputsAndProducts(r.outputs(), r.products());
    }

    /**
     * {@code jvp(f, primals, tangents, has_aux=True)}: f returns its outputs with auxiliary data; the result is
     * functorch's {@code (output, jvp_out, aux)}.
     */
    public static <A> JvpWithAux<A> jvpWithAux(Function<List<Tensor>, WithAux<A>> f, List<Tensor> primals, List<Tensor> tangents) {
        return Jvps.jvp(f, List.copyOf(primals), List.copyOf(tangents));
    }

    // ---- jacobians and hessian ----

    /** {@code jacrev(f)}: the Jacobian {@code output.shape + input.shape}, one backward pass per output element. */
    public static UnaryOperator<Tensor> jacrev(UnaryOperator<Tensor> f) {
        return x -> jacobians(noAux(in -> f.apply(in.get(0))), new int[] {0}, List.of(x), false).jacobian();
    }

    /** {@code jacrev(f, argnums=argnum)}. */
    public static Function<List<Tensor>, Tensor> jacrev(Function<List<Tensor>, Tensor> f, int argnum) {
        return args -> jacobians(noAux(f), new int[] {argnum}, args, false).jacobian();
    }

    /** {@code jacrev(f, argnums=(...))}: one Jacobian per argnum. */
    public static Function<List<Tensor>, List<Tensor>> jacrev(Function<List<Tensor>, Tensor> f, int[] argnums) {
        int[] nums = argnums.clone();
        return args -> jacobians(noAux(f), nums, args, false).jacobians().get(0);
    }

    /**
     * {@code jacrev(f, argnums=(...))} for f with several outputs: the Jacobians indexed {@code [output][argnum]}
     * (functorch's nested tuples), each {@code output.shape + argument.shape}.
     */
    public static Function<List<Tensor>, List<List<Tensor>>> jacrevOutputs(Function<List<Tensor>, List<Tensor>> f, int[] argnums) {
        int[] nums = argnums.clone();
        return args -> jacobians(noAuxs(f), nums, args, false).jacobians();
    }

    /**
     * {@code jacrev(f, argnums=(...), has_aux=True)}: f returns its outputs (one or several) with auxiliary data;
     * the result is functorch's {@code (jacobian, aux)}, the Jacobians indexed {@code [output][argnum]}.
     */
    public static <A> Function<List<Tensor>, JacobiansWithAux<A>> jacrevWithAux(Function<List<Tensor>, WithAux<A>> f, int[] argnums) {
        int[] nums = argnums.clone();
        return args -> jacobians(f, nums, args, false);
    }

    /**
     * {@code jacfwd(f)}: the Jacobian by Jacobian-vector products, one per input element, each by the
     * double-backward trick (no forward-mode AD in torch4j; the values equal functorch's). Random ops in f are
     * refused, as under functorch's default randomness "error" (see {@link #jacfwdWithAux(Function, int[], String)}).
     */
    public static UnaryOperator<Tensor> jacfwd(UnaryOperator<Tensor> f) {
        return x -> jacobians(noAux(in -> f.apply(in.get(0))), new int[] {0}, List.of(x), true).jacobian();
    }

    /** {@code jacfwd(f, argnums=argnum)}. */
    public static Function<List<Tensor>, Tensor> jacfwd(Function<List<Tensor>, Tensor> f, int argnum) {
        return args -> jacobians(noAux(f), new int[] {argnum}, args, true).jacobian();
    }

    /** {@code jacfwd(f, argnums=(...))}: one Jacobian per argnum. */
    public static Function<List<Tensor>, List<Tensor>> jacfwd(Function<List<Tensor>, Tensor> f, int[] argnums) {
        int[] nums = argnums.clone();
        return args -> jacobians(noAux(f), nums, args, true).jacobians().get(0);
    }

    /** {@code jacfwd(f, argnums=(...))} for f with several outputs: indexed {@code [output][argnum]}, as {@link #jacrevOutputs}. */
    public static Function<List<Tensor>, List<List<Tensor>>> jacfwdOutputs(Function<List<Tensor>, List<Tensor>> f, int[] argnums) {
        int[] nums = argnums.clone();
        return args -> jacobians(noAuxs(f), nums, args, true).jacobians();
    }

    /** {@code jacfwd(f, argnums=(...), has_aux=True)}: functorch's {@code (jacobian, aux)}, as {@link #jacrevWithAux}. */
    public static <A> Function<List<Tensor>, JacobiansWithAux<A>> jacfwdWithAux(Function<List<Tensor>, WithAux<A>> f, int[] argnums) {
        int[] nums = argnums.clone();
        return args -> jacobians(f, nums, args, true);
    }

    /**
     * {@code jacfwd(f, argnums=(...), has_aux=True, randomness=...)}, the full form (aux may be null). functorch runs
     * jacfwd's products under vmap, whose randomness applies: "error" (the default of the other jacfwd forms and so
     * of {@link #hessian}) refuses random ops in f with functorch's message; "same" gives every column the numbers
     * of one call of f; "different" gives each column its own numbers (here f runs once per column, and the
     * numbers are not functorch's).
     */
    public static <A> Function<List<Tensor>, JacobiansWithAux<A>> jacfwdWithAux(Function<List<Tensor>, WithAux<A>> f, int[] argnums,
                                                                              String randomness) {
        Vmap.checkRandomness(randomness);
        int[] nums = argnums.clone();
        return args -> Jacobians.jacfwd(f, nums, args, randomness);
    }

    /** jacrev, or jacfwd with functorch's default randomness "error" ({@code fwd}). */
    private static <A> JacobiansWithAux<A> jacobians(Function<List<Tensor>, WithAux<A>> f, int[] nums, List<Tensor> args, boolean fwd) {
        return fwd ? Jacobians.jacfwd(f, nums, args, "error") : Jacobians.jacrev(f, nums, args);
    }


    /** {@code hessian(f)}: {@code jacfwd(jacrev(f))}, shaped {@code output.shape + input.shape + input.shape}. */
    public static UnaryOperator<Tensor> hessian(UnaryOperator<Tensor> f) {
        return jacfwd(jacrev(f));
    }

    /** {@code hessian(f, argnums=argnum)}: {@code jacfwd(jacrev(f, argnum), argnum)}. */
    public static Function<List<Tensor>, Tensor> hessian(Function<List<Tensor>, Tensor> f, int argnum) {
        return jacfwd(jacrev(f, argnum), argnum);
    }

    // ---- vmap ----

    /** {@code vmap(f)}: f mapped over dim 0 of its input, results stacked at dim 0; random ops refused. */
    public static UnaryOperator<Tensor> vmap(UnaryOperator<Tensor> f) {
        return vmap(f, 0, 0, "error");
    }

    /**
     * {@code vmap(f, in_dims=inDim, out_dims=outDim, randomness=...)} for a function of one tensor (a null
     * {@code outDim}: PyTorch 2's {@code out_dims=None}). See {@link #vmap(Function, List, List, String)}.
     */
    public static UnaryOperator<Tensor> vmap(UnaryOperator<Tensor> f, Integer inDim, Integer outDim, String randomness) {
        Vmap.checkRandomness(randomness);
        String inRepr = inDim == null ? "None" : inDim.toString();
        return x -> {
            if (inDim == null) {
                throw new IllegalArgumentException("vmap(f, in_dims=None, ...)(<inputs>): expected `in_dims` to be int or a"
                        + " (potentially nested) tuple matching the structure of inputs, got: <class 'NoneType'>.");
            }
            return Vmap.run(in -> Collections.singletonList(f.apply(in.get(0))), List.of(x), List.of(inDim), inRepr,
                    Collections.singletonList(outDim), outDim == null ? "None" : outDim.toString(), randomness).get(0);
        };
    }

    /** {@code vmap(f, in_dims)}: outputs stacked at dim 0, random ops refused. */
    public static Function<List<Tensor>, List<Tensor>> vmap(Function<List<Tensor>, List<Tensor>> f, List<Integer> inDims) {
        return vmap(f, inDims, null, "error");
    }

    /**
     * {@code vmap(f, in_dims, out_dims, randomness)}: f run once per index of the mapped dimension, each input
     * sliced at its in dim (null: passed whole to every call; negative dims count from the end), each output's
     * results stacked at its out dim (null {@code outDims}: all 0). All mapped inputs must have one size there.
     * It is a loop, not functorch's batching rules: the same values and gradients, at the cost of one call per
     * index (and so it also runs code that vmap refuses, such as {@code item()}). Nested vmaps map nested dims.
     * A null out dim is PyTorch 2's {@code out_dims=None} (functorch 1.13 refuses it): that output must not vary
     * over the mapped dimension and comes back as one call returned it; one that varies is refused with PyTorch's
     * message (functorch also refuses an output computed from mapped inputs whose values happen not to vary).
     *
     * <p>randomness, as functorch 1.13: "error" refuses random ops inside f (functorch's message); "different"
     * lets each call draw its own numbers, and refuses (functorch's message) to draw in place into an unmapped
     * input or a tensor f captured, whose numbers would be the same for every slice; "same" gives every call the
     * numbers the first one drew (each generator is rewound before each call, and ends where one call leaves it).
     *
     * @param inDims one entry per argument (null entries allowed: use {@code Arrays.asList})
     * @param outDims one entry per output (null entries: outputs that do not vary), or null for all 0
     */
    public static Function<List<Tensor>, List<Tensor>> vmap(Function<List<Tensor>, List<Tensor>> f, List<Integer> inDims,
                                                            List<Integer> outDims, String randomness) {
        Vmap.checkRandomness(randomness);
        List<Integer> ins = new ArrayList<>(inDims);
        List<Integer> outs = outDims == null ? null : new ArrayList<>(outDims);
        return args -> Vmap.run(f, args, ins, tuple(ins), outs, outs == null ? "0" : tuple(outs), randomness);
    }

    private static String tuple(List<Integer> values) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < values.size(); i++) b.append(i == 0 ? "" : ", ").append(values.get(i) == null ? "None" : values.get(i));
        return b.append(values.size() == 1 ? ",)" : ")").toString();
    }

    // ---- modules as functions ----

    /**
     * {@code make_functional(model)}: the module as a function of its parameters, and copies of them (requiring
     * grad as the originals do). A module with buffers is refused, as in functorch.
     */
    public static FunctionalState makeFunctional(Module model) {
        return ModuleState.makeFunctional(model, false);
    }

    /** {@code make_functional(model, disable_autograd_tracking)}: with true, the parameters do not require grad. */
    public static FunctionalState makeFunctional(Module model, boolean disableAutogradTracking) {
        return ModuleState.makeFunctional(model, disableAutogradTracking);
    }

    /** {@code make_functional_with_buffers(model)}: the module as a function of its parameters and buffers, and copies of both. */
    public static FunctionalState makeFunctionalWithBuffers(Module model) {
        return ModuleState.makeFunctionalWithBuffers(model, false);
    }

    /** {@code make_functional_with_buffers(model, disable_autograd_tracking)}. */
    public static FunctionalState makeFunctionalWithBuffers(Module model, boolean disableAutogradTracking) {
        return ModuleState.makeFunctionalWithBuffers(model, disableAutogradTracking);
    }

    /**
     * {@code combine_state_for_ensemble(models)}: the first model as a function, and every model's parameters
     * and buffers stacked along a new dim 0 (detached), for {@code vmap(fmodel.asFunction(), fmodel.inDims(0, 0,
     * null))}. The models must share class and training mode (functorch's messages).
     */
    public static FunctionalState combineStateForEnsemble(List<? extends Module> models) {
        return ModuleState.combineStateForEnsemble(models);
    }
}
