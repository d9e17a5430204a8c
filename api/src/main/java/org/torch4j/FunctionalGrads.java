package org.torch4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The steps {@link AutogradFunctional} shares, as {@code torch.autograd.functional}'s private helpers take
 * them: fresh graph inputs, {@code autograd.grad} that tolerates outputs without a graph, the strict-mode
 * checks with PyTorch's messages, and zeros for the gradients that never arrived.
 */
final class FunctionalGrads {

    private FunctionalGrads() {}

    /** What a strict-mode check is looking at, which picks PyTorch's message. */
    enum Stage { OUTPUTS, GRAD_INPUTS, JACOBIAN, HESSIAN }

    /**
     * New tensor objects for the inputs, so that the gradients are taken with respect to these and not
     * to tensors the function captured: a view (still in the caller's graph) when {@code createGraph} and
     * the input requires grad, else a detached leaf that requires grad when {@code needGraph}.
     */
    static List<Tensor> prepare(List<Tensor> inputs, boolean createGraph, boolean needGraph) {
        List<Tensor> r = new ArrayList<>(inputs.size());
        for (Tensor t : inputs) {
            r.add(createGraph && t.requiresGrad() ? t.viewAs(t) : t.detach().requiresGrad_(needGraph));
        }
        return r;
    }

    /** The outputs as they go back to the user: detached unless the graph was asked for. */
    static List<Tensor> finish(List<Tensor> tensors, boolean createGraph) {
        if (createGraph) return tensors;
        List<Tensor> r = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) r.add(t.detach());
        return r;
    }

    /**
     * {@code autograd.grad} over the outputs that have a graph (the others contribute nothing), with
     * {@code allow_unused}: null for an input no output depends on, and all null when no output has a graph.
     */
    static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs, boolean retainGraph,
                             boolean createGraph) {
        List<Tensor> outs = new ArrayList<>(), gos = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Tensor o = outputs.get(i);
            if (o != null && o.requiresGrad()) {
                outs.add(o);
                gos.add(gradOutputs == null ? null : gradOutputs.get(i));
            }
        }
        if (outs.isEmpty()) return Arrays.asList(new Tensor[inputs.size()]);
        return Autograd.grad(outs, inputs, gos, retainGraph, createGraph, true);
    }

    /** Strict mode: every tensor must exist and require grad. */
    static void checkRequiresGrad(List<Tensor> tensors, Stage stage, boolean strict) {
        if (!strict) return;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (t == null) {
                throw new IllegalArgumentException("The output of the user-provided function is independent of input " + i
                        + ". This is not allowed in strict mode.");
            }
            if (t.requiresGrad()) continue;
            throw new IllegalArgumentException(switch (stage) {
                case HESSIAN -> "The hessian of the user-provided function with respect to input " + i + " is independent of the"
                        + " input. This is not allowed in strict mode. You should ensure that your function is thrice"
                        + " differentiable and that the hessian depends on the inputs.";
                case JACOBIAN -> "While computing the hessian, found that the jacobian of the user-provided function with respect"
                        + " to input " + i + " is independent of the input. This is not allowed in strict mode. You should ensure"
                        + " that your function is twice differentiable and that the jacobian depends on the inputs (this would"
                        + " be violated by a linear function for example).";
                case GRAD_INPUTS -> "The gradient with respect to input " + i + " is independent of the inputs of the"
                        + " user-provided function. This is not allowed in strict mode.";
                case OUTPUTS -> "Output " + i + " of the user-provided function does not require gradients. The outputs must be"
                        + " computed in a differentiable manner from the input when running in strict mode.";
            });
        }
    }

    /** Which backward pass produced the gradients that {@link #fillInZeros} inspects. */
    enum Pass { BACK, BACK_TRICK, DOUBLE_BACK, DOUBLE_BACK_TRICK }

    /**
     * Zeros shaped as {@code refs} where no gradient arrived (the mathematically right value), or in strict
     * mode PyTorch's error naming the independent entry.
     */
    static List<Tensor> fillInZeros(List<Tensor> grads, List<Tensor> refs, boolean strict, boolean createGraph, Pass pass) {
        List<Tensor> r = new ArrayList<>(grads.size());
        for (int i = 0; i < grads.size(); i++) {
            Tensor g = grads.get(i);
            if (g == null) {
                if (strict) {
                    throw new IllegalArgumentException(switch (pass) {
                        case BACK -> "The output of the user-provided function is independent of input " + i
                                + ". This is not allowed in strict mode.";
                        case BACK_TRICK -> "The gradient with respect to the input is independent of entry " + i + " in the"
                                + " grad_outputs when using the double backward trick to compute forward mode gradients. This"
                                + " is not allowed in strict mode.";
                        case DOUBLE_BACK -> "The jacobian of the user-provided function is independent of input " + i
                                + ". This is not allowed in strict mode.";
                        case DOUBLE_BACK_TRICK -> "The hessian of the user-provided function is independent of entry " + i
                                + " in the grad_jacobian. This is not allowed in strict mode as it prevents from using the double"
                                + " backward trick to replace forward mode AD.";
                    });
                }
                g = Torch.zerosLike(refs.get(i));
            } else if (strict && createGraph && !g.requiresGrad()) {
                boolean twice = pass == Pass.DOUBLE_BACK || pass == Pass.DOUBLE_BACK_TRICK;
                throw new IllegalArgumentException("The " + (twice ? "hessian" : "jacobian") + " of the user-provided function is"
                        + " independent of input " + i + ". This is not allowed in strict mode when create_graph=True.");
            }
            r.add(g);
        }
        return r;
    }

    /** {@code v} must have one tensor per reference, each of the reference's shape. */
    static void validateV(List<Tensor> v, List<Tensor> refs, boolean several) {
        if (v.size() != refs.size()) {
            throw new IllegalArgumentException(several
                    ? "v is a tuple of invalid length: should be " + refs.size() + " but got " + v.size() + "."
                    : "The given v should contain a single Tensor.");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!Arrays.equals(v.get(i).shape(), refs.get(i).shape())) {
                throw new IllegalArgumentException((several ? "Entry " + i + " in " : "") + "v has invalid size: should be "
                        + size(refs.get(i)) + " but got " + size(v.get(i)) + ".");
            }
        }
    }

    /** A shape as Python prints it. */
    static String size(Tensor t) {
        return "torch.Size(" + Shapes.str(t.shape()) + ")";
    }

    /** The function's outputs, which must be tensors. */
    static List<Tensor> outputs(List<Tensor> outputs, String fn) {
        if (outputs == null) throw new IllegalArgumentException("The outputs of the user-provided function given to " + fn
                + " must be either a Tensor or a tuple of Tensors but the given outputs of the user-provided function has type"
                + " <class 'NoneType'>.");
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) == null) {
                throw new IllegalArgumentException("The outputs of the user-provided function given to " + fn + " must be either a"
                        + " Tensor or a tuple of Tensors but the value at index " + i + " has type <class 'NoneType'>.");
            }
        }
        return new ArrayList<>(outputs);
    }
}
