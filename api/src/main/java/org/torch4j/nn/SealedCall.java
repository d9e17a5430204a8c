package org.torch4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Autograd;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.GraphWalk;

/**
 * The graph node that stands for everything a {@link Stateless#functionalCall} recorded. The call's ops kept
 * the module's own tensor objects, which stand for the given values only during the call: differentiating the
 * call's graph after the module got its tensors back would read the module's values. So the call's outputs are
 * handed out behind this node, whose backward enters the call's window again ({@link Reparametrization#enter()})
 * and differentiates the call's graph there; with {@code createGraph} its gradients are sealed the same way, so
 * that every order of derivative sees the call's values.
 *
 * <p>The call's graph ends at stand-ins (detached leaves) of the real tensors it read: the given values, the
 * call's arguments and the module's other tensors. The node's inputs are the real tensors, so gradients reach
 * them (and whatever they were computed from) exactly once. A call that read another tensor that requires grad
 * (one a lambda captured) is refused, rather than losing its gradient.
 */
final class SealedCall extends org.torch4j.Function {

    private final Reparametrization state;
    private final List<Tensor> inner;
    private final List<Tensor> reals;
    private final List<Tensor> standIns;

    private SealedCall(Reparametrization state, List<Tensor> inner, List<Tensor> reals, List<Tensor> standIns) {
        this.state = state;
        this.inner = inner;
        this.reals = reals;
        this.standIns = standIns;
    }

    /**
     * {@code outputs} (computed inside {@code state}'s window from {@code standIns}) behind a node whose inputs are
     * {@code reals} (one per stand-in) and whose backward re-enters the window; the outputs as they are when none
     * requires grad.
     */
    static List<Tensor> seal(Reparametrization state, List<Tensor> outputs, List<Tensor> reals, List<Tensor> standIns) {
        boolean any = false;
        for (Tensor o : outputs) any |= o != null && o.requiresGrad();
        if (!any) return outputs;
        if (GraphWalk.reachesOtherLeaf(outputs, standIns)) {
            throw new IllegalArgumentException("functional_call: the call used a tensor that requires grad and is neither a"
                    + " tensor of the module, a given value nor an argument of the call; pass it as an argument so that its"
                    + " gradient is not lost");
        }
        Tensor[] sealed = new SealedCall(state, outputs, reals, standIns).apply(reals.toArray(new Tensor[0]));
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
        List<Tensor> outs = new ArrayList<>(), gs = new ArrayList<>(), gStandIns = new ArrayList<>();
        for (int i = 0; i < inner.size(); i++) {
            Tensor o = inner.get(i);
            if (o != null && o.requiresGrad() && grads[i] != null) {
                outs.add(o);
                gs.add(grads[i]);
                // the grad outputs enter the gradients' graph through stand-ins as well
                gStandIns.add(createGraph ? Reparametrization.standIn(grads[i]) : grads[i]);
            }
        }
        List<Tensor> wanted = new ArrayList<>();
        for (int i = 0; i < standIns.size(); i++) {
            if (ctx.needsInputGrad(i)) wanted.add(standIns.get(i));
        }
        Tensor[] r = new Tensor[standIns.size()];
        if (outs.isEmpty() || wanted.isEmpty()) return r;
        List<Tensor> got;
        try (Reparametrization window = state.enter()) {
            got = Autograd.grad(outs, wanted, gStandIns, true, createGraph, true);
            if (createGraph) {
                List<Tensor> outer = new ArrayList<>(), ins = new ArrayList<>();
                for (int i = 0; i < standIns.size(); i++) {
                    if (ctx.needsInputGrad(i)) {
                        outer.add(reals.get(i));
                        ins.add(standIns.get(i));
                    }
                }
                for (int i = 0; i < gs.size(); i++) {
                    if (gs.get(i).requiresGrad()) {
                        outer.add(gs.get(i));
                        ins.add(gStandIns.get(i));
                    }
                }
                got = seal(state, got, outer, ins);
            }
        }
        for (int i = 0, k = 0; i < standIns.size(); i++) if (ctx.needsInputGrad(i)) r[i] = got.get(k++);
        return r;
    }

    @Override
    protected String name() {
        return "FunctionalCallBackward";
    }
}
