package org.torch4j;

import static org.torch4j.FunctionalGrads.checkRequiresGrad;
import static org.torch4j.FunctionalGrads.fillInZeros;
import static org.torch4j.FunctionalGrads.finish;
import static org.torch4j.FunctionalGrads.grad;
import static org.torch4j.FunctionalGrads.prepare;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.torch4j.FunctionalGrads.Pass;
import org.torch4j.FunctionalGrads.Stage;

/**
 * {@code torch.autograd.functional}: Jacobians, Hessians and their products with vectors, for functions
 * written with tensor ops, computed with reverse-mode autograd exactly as PyTorch 1.13 does (one backward
 * pass per Jacobian row, PyTorch's {@code vectorize=False}; {@code jvp} and {@code hvp} by the double-backward
 * trick).
 *
 * <pre>{@code
 * Tensor x = Torch.randn(3, DType.FLOAT64);
 * Tensor j = AutogradFunctional.jacobian(t -> t.exp().cumsum(0), x);          // [3, 3]
 * Tensor h = AutogradFunctional.hessian(t -> t.pow(3).sum(), x);              // [3, 3]
 * OutputAndProduct r = AutogradFunctional.vjp(t -> t.sin(), x, Torch.onesLike(x));
 * }</pre>
 *
 * <p>Every method comes in two forms: one tensor in and out (PyTorch's plain Tensor arguments), and lists
 * (PyTorch's tuples), whose results are lists as well: {@code jacobian(f, inputs).get(i).get(j)} is the
 * Jacobian of output i with respect to input j, of shape {@code output_i.shape + input_j.shape}. The
 * options are PyTorch's: {@code createGraph} makes the results differentiable (default false);
 * {@code strict} turns an output that does not depend on an input into an error instead of zeros (default
 * false). A null {@code v} is allowed where PyTorch allows None: for one-element outputs (vjp) or inputs
 * (jvp, vhp, hvp). Bad arguments and strict-mode failures throw {@link IllegalArgumentException}s worded
 * as PyTorch's.
 */
public final class AutogradFunctional {

    private AutogradFunctional() {}

    // ---- vjp ----

    /** {@code torch.autograd.functional.vjp(f, x, v)}: the output f(x) and {@code v^T J}, shaped as x. */
    public static OutputAndProduct vjp(UnaryOperator<Tensor> f, Tensor input, Tensor v) {
        return vjp(f, input, v, false, false);
    }

    /** {@link #vjp(UnaryOperator, Tensor, Tensor)} with PyTorch's {@code create_graph} and {@code strict}. */
    public static OutputAndProduct vjp(UnaryOperator<Tensor> f, Tensor input, Tensor v, boolean createGraph, boolean strict) {
        OutputsAndProducts r = vjp(single(f), List.of(input), v == null ? null : List.of(v), createGraph, strict, false);
        return new OutputAndProduct(r.outputs().get(0), r.products().get(0));
    }

    /** {@code vjp} of a function of several inputs and outputs: one {@code v} per output, one product per input. */
    public static OutputsAndProducts vjp(UnaryOperator<List<Tensor>> f, List<Tensor> inputs, List<Tensor> v) {
        return vjp(f, inputs, v, false, false);
    }

    /** {@link #vjp(UnaryOperator, List, List)} with PyTorch's {@code create_graph} and {@code strict}. */
    public static OutputsAndProducts vjp(UnaryOperator<List<Tensor>> f, List<Tensor> inputs, List<Tensor> v, boolean createGraph,
                                         boolean strict) {
        return vjp(f, inputs, v, createGraph, strict, true);
    }

    private static OutputsAndProducts vjp(UnaryOperator<List<Tensor>> f, List<Tensor> inputs, List<Tensor> v, boolean createGraph,
                                          boolean strict, boolean several) {
        List<Tensor> ins, outs, vs = null;
        try (Torch.Mode m = Torch.enableGrad()) {
            ins = prepare(inputs, createGraph, true);
            outs = FunctionalGrads.outputs(f.apply(ins), "vjp");
            checkRequiresGrad(outs, Stage.OUTPUTS, strict);
            if (v != null) {
                vs = prepare(v, createGraph, false);
                FunctionalGrads.validateV(vs, outs, several);
            } else if (outs.size() != 1 || outs.get(0).numel() != 1) {
                throw new IllegalArgumentException("The vector v can only be None if the user-provided function returns a single"
                        + " Tensor with a single element.");
            }
        }
        List<Tensor> products = fillInZeros(grad(outs, ins, vs, createGraph, createGraph), ins, strict, createGraph, Pass.BACK);
        return new OutputsAndProducts(finish(outs, createGraph), finish(products, createGraph));
    }

    // ---- jvp ----

    /**
     * {@code torch.autograd.functional.jvp(f, x, v)}: the output f(x) and {@code J v}, shaped as the output,
     * by the double-backward trick (the backward is linear in its grad_output, so differentiating it with
     * respect to that grad_output gives the forward-mode product).
     */
    public static OutputAndProduct jvp(UnaryOperator<Tensor> f, Tensor input, Tensor v) {
        return jvp(f, input, v, false, false);
    }

    /** {@link #jvp(UnaryOperator, Tensor, Tensor)} with PyTorch's {@code create_graph} and {@code strict}. */
    public static OutputAndProduct jvp(UnaryOperator<Tensor> f, Tensor input, Tensor v, boolean createGraph, boolean strict) {
        OutputsAndProducts r = jvp(single(f), List.of(input), v == null ? null : List.of(v), createGraph, strict, false);
        return new OutputAndProduct(r.outputs().get(0), r.products().get(0));
    }

    /** {@code jvp} of a function of several inputs and outputs: one {@code v} per input, one product per output. */
    public static OutputsAndProducts jvp(UnaryOperator<List<Tensor>> f, List<Tensor> inputs, List<Tensor> v) {
        return jvp(f, inputs, v, false, false);
    }

    /** {@link #jvp(UnaryOperator, List, List)} with PyTorch's {@code create_graph} and {@code strict}. */
    public static OutputsAndProducts jvp(UnaryOperator<List<Tensor>> f, List<Tensor> inputs, List<Tensor> v, boolean createGraph,
                                         boolean strict) {
        return jvp(f, inputs, v, createGraph, strict, true);
    }

    private static OutputsAndProducts jvp(UnaryOperator<List<Tensor>> f, List<Tensor> inputs, List<Tensor> v, boolean createGraph,
                                          boolean strict, boolean several) {
        List<Tensor> ins, outs, vs = null, gradOutputs = new ArrayList<>(), gradInputs;
        try (Torch.Mode m = Torch.enableGrad()) {
            ins = prepare(inputs, createGraph, true);
            if (v != null) {
                vs = prepare(v, createGraph, false);
                FunctionalGrads.validateV(vs, ins, several);
            } else if (ins.size() != 1 || ins.get(0).numel() != 1) {
                throw new IllegalArgumentException("The vector v can only be None if the input to the user-provided function is a"
                        + " single Tensor with a single element.");
            }
            outs = FunctionalGrads.outputs(f.apply(ins), "jvp");
            checkRequiresGrad(outs, Stage.OUTPUTS, strict);
            // any finite grad_outputs will do: they do not appear in the graph of the (linear) backward
            for (Tensor o : outs) gradOutputs.add(Torch.zerosLike(o).requiresGrad_());
            gradInputs = grad(outs, ins, gradOutputs, true, true);
            checkRequiresGrad(gradInputs, Stage.GRAD_INPUTS, strict);
        }
        List<Tensor> products = fillInZeros(grad(gradInputs, gradOutputs, vs, createGraph, createGraph), outs, strict, createGraph,
                Pass.BACK_TRICK);
        return new OutputsAndProducts(finish(outs, createGraph), finish(products, createGraph));
    }

    // ---- jacobian ----

    /**
     * {@code torch.autograd.functional.jacobian(f, x)}: the Jacobian of f at x, of shape
     * {@code f(x).shape + x.shape}, in x's dtype.
     */
    public static Tensor jacobian(UnaryOperator<Tensor> f, Tensor input) {
        return jacobian(f, input, false, false);
    }

    /** {@link #jacobian(UnaryOperator, Tensor)} with PyTorch's {@code create_graph} and {@code strict}. */
    public static Tensor jacobian(UnaryOperator<Tensor> f, Tensor input, boolean createGraph, boolean strict) {
        return jacobian(single(f), List.of(input), createGraph, strict).get(0).get(0);
    }

    /**
     * The Jacobians of a function of several inputs and outputs: element {@code [i][j]} is the Jacobian of
     * output i with respect to input j, of shape {@code output_i.shape + input_j.shape}.
     */
    public static List<List<Tensor>> jacobian(UnaryOperator<List<Tensor>> f, List<Tensor> inputs) {
        return jacobian(f, inputs, false, false);
    }

    /** {@link #jacobian(UnaryOperator, List)} with PyTorch's {@code create_graph} and {@code strict}. */
    public static List<List<Tensor>> jacobian(UnaryOperator<List<Tensor>> f, List<Tensor> inputs, boolean createGraph,
                                              boolean strict) {
        try (Torch.Mode m = Torch.enableGrad()) {
            List<Tensor> ins = prepare(inputs, createGraph, true);
            List<Tensor> outs = FunctionalGrads.outputs(f.apply(ins), "jacobian");
            checkRequiresGrad(outs, Stage.OUTPUTS, strict);
            List<List<Tensor>> jacobian = new ArrayList<>();
            for (int i = 0; i < outs.size(); i++) {
                Tensor out = outs.get(i), flat = out.reshape(-1);
                List<List<Tensor>> rows = new ArrayList<>();
                for (int k = 0; k < ins.size(); k++) rows.add(new ArrayList<>());
                // one backward pass per element of the output: row j of the Jacobian
                for (long j = 0; j < out.numel(); j++) {
                    List<Tensor> vj = grad(List.of(flat.select(0, j)), ins, null, true, createGraph);
                    for (int k = 0; k < ins.size(); k++) rows.get(k).add(row(vj.get(k), ins.get(k), i, k, strict, createGraph));
                }
                List<Tensor> jacI = new ArrayList<>();
                for (int k = 0; k < ins.size(); k++) {
                    jacI.add(Torch.stack(rows.get(k), 0).view(concat(out.shape(), ins.get(k).shape())));
                }
                jacobian.add(finish(jacI, createGraph));
            }
            return List.copyOf(jacobian);
        }
    }

    /** One row of the Jacobian of output i with respect to input k: zeros when the output does not depend on it. */
    private static Tensor row(Tensor g, Tensor input, int i, int k, boolean strict, boolean createGraph) {
        if (g == null) {
            if (strict) {
                throw new IllegalArgumentException("Output " + i + " of the user-provided function is independent of input " + k
                        + ". This is not allowed in strict mode.");
            }
            return Torch.zerosLike(input);
        }
        if (strict && createGraph && !g.requiresGrad()) {
            // PyTorch names the output's index here
            throw new IllegalArgumentException("The jacobian of the user-provided function is independent of input " + i
                    + ". This is not allowed in strict mode when create_graph=True.");
        }
        return g;
    }

    // ---- hessian ----

    /**
     * {@code torch.autograd.functional.hessian(f, x)}: the Hessian of a function with a one-element output,
     * of shape {@code x.shape + x.shape}, computed as the Jacobian of the (differentiable) gradient.
     */
    public static Tensor hessian(UnaryOperator<Tensor> f, Tensor input) {
        return hessian(f, input, false, false);
    }

    /** {@link #hessian(UnaryOperator, Tensor)} with PyTorch's {@code create_graph} and {@code strict}. */
    public static Tensor hessian(UnaryOperator<Tensor> f, Tensor input, boolean createGraph, boolean strict) {
        return hessian(in -> f.apply(in.get(0)), List.of(input), createGraph, strict).get(0).get(0);
    }

    /**
     * The Hessian of a scalar function of several inputs: element {@code [i][j]} holds the second
     * derivatives with respect to inputs i and j, of shape {@code input_i.shape + input_j.shape}.
     */
    public static List<List<Tensor>> hessian(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        return hessian(f, inputs, false, false);
    }

    /** {@link #hessian(Function, List)} with PyTorch's {@code create_graph} and {@code strict}. */
    public static List<List<Tensor>> hessian(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, boolean createGraph,
                                             boolean strict) {
        UnaryOperator<List<Tensor>> scalar = in -> {
            Tensor out = scalarOutput(f.apply(in), "hessian", strict);
            return List.of(out.squeeze());
        };
        UnaryOperator<List<Tensor>> gradient = in -> {
            List<Tensor> jac = new ArrayList<>();
            for (List<Tensor> perOutput : jacobian(scalar, in, true, false)) jac.addAll(perOutput);
            checkRequiresGrad(jac, Stage.JACOBIAN, strict);
            return jac;
        };
        return jacobian(gradient, inputs, createGraph, strict);
    }

    // ---- vhp and hvp ----

    /**
     * {@code torch.autograd.functional.vhp(f, x, v)}: the one-element output f(x) and {@code v^T H}, shaped
     * as x.
     */
    public static OutputAndProduct vhp(UnaryOperator<Tensor> f, Tensor input, Tensor v) {
        return vhp(f, input, v, false, false);
    }

    /** {@link #vhp(UnaryOperator, Tensor, Tensor)} with PyTorch's {@code create_graph} and {@code strict}. */
    public static OutputAndProduct vhp(UnaryOperator<Tensor> f, Tensor input, Tensor v, boolean createGraph, boolean strict) {
        OutputsAndProducts r = hessianProduct(in -> f.apply(in.get(0)), List.of(input), v == null ? null : List.of(v), createGraph,
                strict, false, false);
        return new OutputAndProduct(r.outputs().get(0), r.products().get(0));
    }

    /** {@code vhp} of a scalar function of several inputs: one {@code v} and one product per input. */
    public static OutputsAndProducts vhp(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, List<Tensor> v) {
        return vhp(f, inputs, v, false, false);
    }

    /** {@link #vhp(Function, List, List)} with PyTorch's {@code create_graph} and {@code strict}. */
    public static OutputsAndProducts vhp(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, List<Tensor> v, boolean createGraph,
                                         boolean strict) {
        return hessianProduct(f, inputs, v, createGraph, strict, true, false);
    }

    /**
     * {@code torch.autograd.functional.hvp(f, x, v)}: the one-element output f(x) and {@code H v}, shaped as
     * x, by the double-backward trick (slower than {@link #vhp}, equal to it when f is twice continuously
     * differentiable).
     */
    public static OutputAndProduct hvp(UnaryOperator<Tensor> f, Tensor input, Tensor v) {
        return hvp(f, input, v, false, false);
    }

    /** {@link #hvp(UnaryOperator, Tensor, Tensor)} with PyTorch's {@code create_graph} and {@code strict}. */
    public static OutputAndProduct hvp(UnaryOperator<Tensor> f, Tensor input, Tensor v, boolean createGraph, boolean strict) {
        OutputsAndProducts r = hessianProduct(in -> f.apply(in.get(0)), List.of(input), v == null ? null : List.of(v), createGraph,
                strict, false, true);
        return new OutputAndProduct(r.outputs().get(0), r.products().get(0));
    }

    /** {@code hvp} of a scalar function of several inputs: one {@code v} and one product per input. */
    public static OutputsAndProducts hvp(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, List<Tensor> v) {
        return hvp(f, inputs, v, false, false);
    }

    /** {@link #hvp(Function, List, List)} with PyTorch's {@code create_graph} and {@code strict}. */
    public static OutputsAndProducts hvp(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, List<Tensor> v, boolean createGraph,
                                         boolean strict) {
        return hessianProduct(f, inputs, v, createGraph, strict, true, true);
    }

    /** vhp (the gradient's vjp) or, with {@code transposed}, hvp (the gradient's jvp by the double-backward trick). */
    private static OutputsAndProducts hessianProduct(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, List<Tensor> v,
                                                     boolean createGraph, boolean strict, boolean several, boolean transposed) {
        String fn = transposed ? "hvp" : "vhp";
        List<Tensor> ins, vs = null, back, refs;
        Tensor out;
        try (Torch.Mode m = Torch.enableGrad()) {
            ins = prepare(inputs, createGraph, true);
            if (v != null) {
                vs = prepare(v, createGraph, false);
                FunctionalGrads.validateV(vs, ins, several);
            } else if (ins.size() != 1 || ins.get(0).numel() != 1) {
                throw new IllegalArgumentException("The vector v can only be None if the input to the user-provided function is a"
                        + " single Tensor with a single element.");
            }
            out = scalarOutput(f.apply(ins), fn, strict);
            List<Tensor> jac = grad(List.of(out), ins, null, true, true);
            checkRequiresGrad(jac, Stage.JACOBIAN, strict);
            if (transposed) {
                List<Tensor> gradJac = new ArrayList<>();
                for (Tensor in : ins) gradJac.add(Torch.zerosLike(in).requiresGrad_());
                back = grad(jac, ins, gradJac, true, true);
                checkRequiresGrad(jac, Stage.HESSIAN, strict); // PyTorch 1.13 checks jac again here, not the double backward
                refs = gradJac;
            } else {
                back = jac;
                refs = ins;
            }
        }
        List<Tensor> products = fillInZeros(grad(back, refs, vs, createGraph, createGraph), ins, strict, createGraph,
                transposed ? Pass.DOUBLE_BACK_TRICK : Pass.DOUBLE_BACK);
        return new OutputsAndProducts(finish(List.of(out), createGraph), finish(products, createGraph));
    }

    // ---- helpers ----

    /** The output of a function that must return one element (hessian, vhp, hvp), checked as PyTorch checks it. */
    private static Tensor scalarOutput(Tensor out, String fn, boolean strict) {
        List<Tensor> outs = FunctionalGrads.outputs(out == null ? null : java.util.Collections.singletonList(out), fn);
        checkRequiresGrad(outs, Stage.OUTPUTS, strict);
        if (out.numel() != 1) {
            throw new IllegalArgumentException("The Tensor returned by the function given to " + fn + " should contain a single element");
        }
        return out;
    }

    /** The single-tensor function as a list function; a null result stays null, for PyTorch's message about it. */
    private static UnaryOperator<List<Tensor>> single(UnaryOperator<Tensor> f) {
        return in -> {
            Tensor out = f.apply(in.get(0));
            return out == null ? null : java.util.Collections.singletonList(out);
        };
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
