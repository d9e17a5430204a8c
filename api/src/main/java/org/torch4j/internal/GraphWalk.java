package org.torch4j.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.torch4j.GradFn;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Whether an autograd graph reaches a leaf other than given ones: how {@code nn.Stateless} refuses a call whose
 * gradient would be lost, and how {@code func}'s transforms tell that a result can still be differentiated by
 * someone outside them (a tensor the function captured that requires grad).
 */
public final class GraphWalk {
    private GraphWalk() {}

    /**
     * True when the graph of {@code outputs} reaches a leaf that requires grad without passing through the
     * node of one of {@code stops} (their grad_fn, or for a leaf its accumulator).
     */
    public static boolean reachesOtherLeaf(List<Tensor> outputs, List<Tensor> stops) {
        Set<GradFn> stopNodes = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : stops) if (t != null && t.requiresGrad()) stopNodes.add(node(t));
        Set<GradFn> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<GradFn> stack = new ArrayList<>();
        for (Tensor o : outputs) if (o != null && o.gradFn() != null) stack.add(o.gradFn());
        while (!stack.isEmpty()) {
            GradFn n = stack.remove(stack.size() - 1);
            if (n == null || stopNodes.contains(n) || !seen.add(n)) continue;
            if (n.name().equals("AccumulateGrad")) return true;
            stack.addAll(n.nextFunctions());
        }
        return false;
    }

    /** The node a gradient for {@code t} reaches: its grad_fn, or for a leaf its accumulator (found through a view). */
    private static GradFn node(Tensor t) {
        if (t.gradFn() != null) return t.gradFn();
        try (Torch.Mode m = Torch.enableGrad()) {
            return t.viewAs(t).gradFn().nextFunctions().get(0);
        }
    }
}
