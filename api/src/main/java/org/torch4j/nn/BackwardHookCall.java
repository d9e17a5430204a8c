package org.torch4j.nn;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * One call of a module with full backward hooks (PyTorch's {@code torch.utils.hooks.BackwardHook}):
 * the call's tensor inputs and outputs go through identity nodes ({@link BackwardHookFunction}). The
 * output node's backward records the gradients of the outputs (after the backward pre-hooks); the
 * input node's backward, which runs once the gradients of all the inputs are summed, hands them with
 * those of the outputs to the hooks, which may replace them. The hooks are those registered when the
 * call ran.
 */
final class BackwardHookCall {
    private final Module module;
    private final List<BackwardHook> hooks;
    private final List<BackwardPreHook> preHooks;
    private int inputCount, outputCount;
    /** Positions of the tensors that went through the identity nodes; null when none required grad. */
    private int[] inputTensors, outputTensors;
    /** The gradients of the outputs, from the output node's backward until the hooks ran. */
    private Tensor[] gradOutputs;

    BackwardHookCall(Module module, List<BackwardHook> hooks, List<BackwardPreHook> preHooks) {
        this.module = module;
        this.hooks = hooks;
        this.preHooks = preHooks;
    }

    /** The arguments, their tensors replaced by the input node's outputs. */
    List<Object> wrapInputs(List<Object> args) {
        Object[] items = args.toArray();
        inputCount = items.length;
        inputTensors = wrap(items, this::onInputGradients, true);
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    /** The result, its tensors replaced by the output node's outputs. */
    Object wrapOutput(Object result) {
        Object[] items = ResultItems.of(result);
        outputCount = items.length;
        // no zeros for outputs that got no gradient: PyTorch's hook sees None for them
        outputTensors = wrap(items, this::onOutputGradients, false);
        return outputTensors == null ? result : ResultItems.with(result, items);
    }

    /** Replaces the tensors among {@code items} by one identity node's outputs, if one requires grad. */
    private static int[] wrap(Object[] items, UnaryOperator<Tensor[]> onBackward, boolean materializeGrads) {
        int[] positions = new int[items.length];
        int n = 0;
        boolean requiresGrad = false;
        for (int i = 0; i < items.length; i++) {
            if (items[i] instanceof Tensor t) {
                positions[n++] = i;
                requiresGrad |= t.requiresGrad();
            }
        }
        if (!requiresGrad || !Torch.isGradEnabled()) return null;
        positions = Arrays.copyOf(positions, n);
        Tensor[] tensors = new Tensor[n];
        for (int j = 0; j < n; j++) tensors[j] = (Tensor) items[positions[j]];
        Tensor[] wrapped = new BackwardHookFunction(onBackward, materializeGrads).apply(tensors);
        for (int j = 0; j < n; j++) items[positions[j]] = wrapped[j];
        return positions;
    }

    private Tensor[] onOutputGradients(Tensor[] grads) {
        gradOutputs = spread(outputTensors, grads, outputCount);
        for (BackwardPreHook h : preHooks) {
            List<Tensor> r = h.apply(module, view(gradOutputs));
            if (r != null) gradOutputs = checked(r, outputCount, "Backward pre hook returned an invalid number of grad_output");
        }
        Tensor[] flowing = gradOutputs;
        if (inputTensors == null) {
            // no input requires grad, so no input node will run: the hooks run now, with no gradients to replace
            List<Tensor> none = view(new Tensor[inputCount]);
            for (BackwardHook h : hooks) {
                List<Tensor> r = h.apply(module, none, view(gradOutputs));
                if (r != null && r.stream().anyMatch(g -> g != null)) {
                    throw new IllegalStateException("Backward hook for Modules where no input requires gradient should always "
                            + "return None or None for all gradients.");
                }
            }
            gradOutputs = null;
        }
        return gather(outputTensors, flowing);
    }

    private Tensor[] onInputGradients(Tensor[] grads) {
        // a gradient that reached the inputs without passing through the outputs (double backward): no hook
        if (gradOutputs == null) return grads;
        Tensor[] gradInput = spread(inputTensors, grads, inputCount);
        for (BackwardHook h : hooks) {
            List<Tensor> r = h.apply(module, view(gradInput), view(gradOutputs));
            if (r != null) gradInput = checked(r, inputCount, "Backward hook returned an invalid number of grad_input");
        }
        gradOutputs = null;
        return gather(inputTensors, gradInput);
    }

    /** The node's gradients at their positions among {@code size} items, null elsewhere. */
    private static Tensor[] spread(int[] positions, Tensor[] grads, int size) {
        Tensor[] r = new Tensor[size];
        for (int j = 0; j < positions.length; j++) r[positions[j]] = grads[j];
        return r;
    }

    /** The inverse of {@link #spread}: the gradients at the positions of the node's tensors. */
    private static Tensor[] gather(int[] positions, Tensor[] all) {
        Tensor[] r = new Tensor[positions.length];
        for (int j = 0; j < positions.length; j++) r[j] = all[positions[j]];
        return r;
    }

    private static List<Tensor> view(Tensor[] grads) {
        return Collections.unmodifiableList(Arrays.asList(grads));
    }

    private static Tensor[] checked(List<Tensor> replacement, int expected, String what) {
        if (replacement.size() != expected) {
            throw new IllegalStateException(what + ", got " + replacement.size() + ", but expected " + expected);
        }
        return replacement.toArray(new Tensor[0]);
    }
}
