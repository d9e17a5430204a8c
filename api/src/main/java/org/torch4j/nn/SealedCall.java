package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.torch4j.Autograd;
import org.torch4j.FunctionContext;
import org.torch4j.GradFn;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The graph node that stands for everything a {@link Stateless#functionalCall} recorded. The call's ops kept
 * the module's own tensor objects, which stand for the given values only during the call: differentiating
 * the call's graph after the module got its tensors back would read the module's values. So the call's
 * outputs are handed out behind this node, whose backward swaps the given values in again
 * ({@link Reparametrization#enter()}) and runs the call's graph inside that window; with {@code createGraph}
 * its gradients are sealed the same way, so that every order of derivative sees the call's values.
 *
 * <p>The node's inputs are the tensors the call's graph may reach: the given values, the call's arguments
 * and the module's tensors that were not replaced. A call that used another tensor that requires grad
 * (one captured by the module or the lambda) is refused, rather than losing its gradient.
 */
final class SealedCall extends org.torch4j.Function {

    private final Reparametrization state;
    private final List<Tensor> inner;
    private final List<Tensor> inputs;

    private SealedCall(Reparametrization state, List<Tensor> inner, List<Tensor> inputs) {
        this.state = state;
        this.inner = inner;
        this.inputs = inputs;
    }

    /**
     * {@code outputs} (computed inside {@code state}'s window) behind a node whose backward re-enters it, or as
     * they are when none requires grad.
     *
     * @param boundary the tensors the outputs' graph may reach (repeats and tensors without grad are dropped)
     */
    static List<Tensor> seal(Reparametrization state, List<Tensor> outputs, List<Tensor> boundary) {
        boolean any = false;
        for (Tensor o : outputs) any |= o != null && o.requiresGrad();
        if (!any) return outputs;
        List<Tensor> inputs = distinctRequiringGrad(boundary);
        checkReachesOnly(outputs, inputs);
        Tensor[] sealed = new SealedCall(state, outputs, inputs).apply(inputs.toArray(new Tensor[0]));
        List<Tensor> r = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) r.add(outputs.get(i) == null ? null : sealed[i]);
        return r;
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor[] out = new Tensor[inner.size()];
        for (int i = 0; i < out.length; i++) {
            Tensor o = inner.get(i);
            out[i] = o == null ? Torch.zeros(0) : o.detach();
            if (o == null || !o.requiresGrad()) ctx.markNonDifferentiable(out[i]);
        }
        return out;
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grads) {
        boolean createGraph = Torch.isGradEnabled();
        List<Tensor> outs = new ArrayList<>(), gs = new ArrayList<>(), wanted = new ArrayList<>();
        for (int i = 0; i < inner.size(); i++) {
            Tensor o = inner.get(i);
            if (o != null && o.requiresGrad() && grads[i] != null) {
                outs.add(o);
                gs.add(grads[i]);
            }
        }
        for (int i = 0; i < inputs.size(); i++) if (ctx.needsInputGrad(i)) wanted.add(inputs.get(i));
        Tensor[] r = new Tensor[inputs.size()];
        if (outs.isEmpty() || wanted.isEmpty()) return r;
        List<Tensor> got;
        try (Reparametrization window = state.enter()) {
            got = Autograd.grad(outs, wanted, gs, true, createGraph, true);
            if (createGraph) {
                List<Tensor> boundary = new ArrayList<>(inputs);
                boundary.addAll(gs);
                got = seal(state, got, boundary);
            }
        }
        for (int i = 0, k = 0; i < inputs.size(); i++) if (ctx.needsInputGrad(i)) r[i] = got.get(k++);
        return r;
    }

    @Override
    protected String name() {
        return "FunctionalCallBackward";
    }

    private static List<Tensor> distinctRequiringGrad(List<Tensor> tensors) {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Tensor> r = new ArrayList<>();
        for (Tensor t : tensors) if (t != null && t.requiresGrad() && seen.add(t)) r.add(t);
        return r;
    }

    /** Refuses outputs whose graph reaches a tensor that requires grad outside {@code inputs} (its gradient would be lost). */
    private static void checkReachesOnly(List<Tensor> outputs, List<Tensor> inputs) {
        Set<GradFn> stops = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : inputs) stops.add(node(t));
        Set<GradFn> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<GradFn> stack = new ArrayList<>();
        for (Tensor o : outputs) if (o != null && o.gradFn() != null) stack.add(o.gradFn());
        while (!stack.isEmpty()) {
            GradFn n = stack.remove(stack.size() - 1);
            if (n == null || stops.contains(n) || !seen.add(n)) continue;
            if (n.name().equals("AccumulateGrad")) {
                throw new IllegalArgumentException("functional_call: the call used a tensor that requires grad and is neither a"
                        + " tensor of the module, a given value nor an argument of the call; pass it as an argument so that its"
                        + " gradient is not lost");
            }
            stack.addAll(n.nextFunctions());
        }
    }

    /** The graph node a gradient for {@code t} reaches: its grad_fn, or for a leaf its accumulator. */
    private static GradFn node(Tensor t) {
        if (t.gradFn() != null) return t.gradFn();
        try (Torch.Mode m = Torch.enableGrad()) {
            return t.viewAs(t).gradFn().nextFunctions().get(0);
        }
    }
}
