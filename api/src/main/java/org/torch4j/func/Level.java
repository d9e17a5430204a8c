package org.torch4j.func;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.torch4j.Autograd;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.GraphWalk;

/**
 * What every differentiating transform (grad, vjp, jvp, jacrev, jacfwd) does around the user's function, on
 * torch4j's one autograd tape: fresh stand-ins for the inputs it differentiates with respect to, and the rule
 * that decides whether its results keep a graph. functorch gives each transform a level; here a result keeps
 * its graph when someone outside the transform may still differentiate it: an enclosing transform, or (with
 * grad mode on where the transform was called) an input or a captured tensor that requires grad. Otherwise
 * results come back detached, as functorch's do at the top level.
 */
final class Level {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    /** Whether grad mode was on where the outermost transform was called (under noGrad nobody outside differentiates). */
    private static final ThreadLocal<boolean[]> OUTER_GRAD = ThreadLocal.withInitial(() -> new boolean[1]);

    private Level() {}

    /** Runs {@code body} as one more nested transform, with grad mode on (a transform differentiates even under noGrad). */
    static <T> T run(Supplier<T> body) {
        int[] depth = DEPTH.get();
        if (depth[0] == 0) OUTER_GRAD.get()[0] = Torch.isGradEnabled();
        depth[0]++;
        try (Torch.Mode m = Torch.enableGrad()) {
            return body.get();
        } finally {
            depth[0]--;
        }
    }

    /** Whether a transform encloses the current one. */
    static boolean nested() {
        return DEPTH.get()[0] > 1;
    }

    /**
     * Stand-ins for the inputs differentiated with respect to: a view (still in the caller's graph) of an
     * input that requires grad, else a detached leaf that requires grad (which refuses integer inputs with
     * PyTorch's message).
     */
    static List<Tensor> prepare(List<Tensor> inputs) {
        List<Tensor> r = new ArrayList<>(inputs.size());
        for (Tensor t : inputs) r.add(t.requiresGrad() ? t.viewAs(t) : t.detach().requiresGrad_());
        return r;
    }

    /** The arguments {@code nums} picks, their stand-ins, and the call's arguments with the stand-ins in place. */
    record Prepared(List<Tensor> chosen, List<Tensor> standIns, List<Tensor> call) {}

    /** {@link #prepare(List)} for the arguments {@code nums} picks out of {@code args}. */
    static Prepared prepare(List<Tensor> args, int[] nums) {
        List<Tensor> chosen = new ArrayList<>();
        for (int a : nums) chosen.add(args.get(a));
        List<Tensor> standIns = prepare(chosen);
        List<Tensor> call = new ArrayList<>(args);
        for (int i = 0; i < nums.length; i++) call.set(nums[i], standIns.get(i));
        return new Prepared(chosen, standIns, call);
    }

    /** Whether results computed from {@code outputs} must keep their graph (see the class comment). */
    static boolean keepGraph(List<Tensor> originals, List<Tensor> prepared, List<Tensor> outputs) {
        if (nested()) return true;
        if (!OUTER_GRAD.get()[0]) return false;
        return anyRequiresGrad(originals) || GraphWalk.reachesOtherLeaf(outputs, prepared);
    }

    /** Whether grad mode was on where the outermost transform was called. */
    static boolean outerGrad() {
        return OUTER_GRAD.get()[0];
    }

    static boolean anyRequiresGrad(List<Tensor> tensors) {
        for (Tensor t : tensors) if (t != null && t.requiresGrad()) return true;
        return false;
    }

    /**
     * The gradients of {@code outputs} (weighted by {@code gradOutputs}, or null for scalars) with respect to
     * {@code inputs}, keeping the graph for later passes; zeros where an input does not reach the outputs.
     */
    static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs, boolean createGraph) {
        List<Tensor> outs = new ArrayList<>(), gos = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).requiresGrad()) {
                outs.add(outputs.get(i));
                gos.add(gradOutputs == null ? null : gradOutputs.get(i));
            }
        }
        List<Tensor> got = outs.isEmpty() ? null : Autograd.grad(outs, inputs, gos, true, createGraph, true);
        List<Tensor> r = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Tensor g = got == null ? null : got.get(i);
            r.add(g != null ? g : Torch.zerosLike(inputs.get(i)));
        }
        return r;
    }

    /** The tensors as they leave the transform: detached unless the graph is kept. */
    static List<Tensor> unwrap(List<Tensor> tensors, boolean keep) {
        if (keep) return tensors;
        List<Tensor> r = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) r.add(t == null ? null : t.detach());
        return r;
    }

    static Tensor unwrap(Tensor t, boolean keep) {
        return keep || t == null ? t : t.detach();
    }

    /**
     * functorch's checks of a differentiated function's flattened outputs: non-empty, and tensors only (a null
     * is Python's None), with its messages under {@code prefix} ({@code "vjp(f, *primals)"}).
     */
    static void checkOutputs(String prefix, List<Tensor> outs) {
        if (outs == null || outs.isEmpty() || (outs.size() == 1 && outs.get(0) == null)) {
            throw new IllegalArgumentException(prefix + ": Expected f to be a function that has non-empty output (got output = "
                    + (outs == null || outs.size() == 1 ? "[None]" : "[]") + ")");
        }
        if (outs.stream().anyMatch(java.util.Objects::isNull)) { // List.of's contains(null) would throw
            throw new IllegalArgumentException(prefix + ": expected f(*primals) to return only tensors, got unsupported type <class"
                    + " 'NoneType'>");
        }
    }

    /** vjp's check (and so jacrev's): every output floating or complex, with functorch's message. */
    static void checkFloatingOutputs(List<Tensor> outs) {
        for (Tensor o : outs) {
            if (!o.isFloatingPoint() && !o.isComplex()) {
                throw new IllegalArgumentException("vjp(f, ...): All outputs of f must be floating-point or complex Tensors, got Tensor"
                        + " with dtype " + o.dtype());
            }
        }
    }

    /** Auxiliary data leaves the transform as its outputs do: tensors (alone or in a list) detached unless the graph is kept. */
    @SuppressWarnings("unchecked")
    static <A> A unwrapAux(A aux, boolean keep) {
        if (aux instanceof Tensor t) return (A) unwrap(t, keep);
        if (aux instanceof List<?> l && l.stream().allMatch(o -> o == null || o instanceof Tensor)) {
            return (A) unwrap((List<Tensor>) l, keep);
        }
        return aux;
    }

    /** functorch's short form of a flat tuple structure: {@code (*,)}, {@code (*, *)}. */
    static String treeStr(int n) {
        return "(" + String.join(", ", java.util.Collections.nCopies(n, "*")) + (n == 1 ? ",)" : ")");
    }

    /** Python's repr of a flat tuple structure, for functorch's messages: {@code TreeSpec(tuple, None, [*, *])}. */
    static String treeSpec(int n) {
        return "TreeSpec(tuple, None, [" + String.join(", ", java.util.Collections.nCopies(n, "*")) + "])";
    }
}
