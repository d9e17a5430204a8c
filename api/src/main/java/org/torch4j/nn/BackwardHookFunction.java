package org.torch4j.nn;

import java.util.function.UnaryOperator;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;

/**
 * The identity op that a module's backward hooks put around its tensor inputs and outputs (PyTorch's
 * {@code BackwardHookFunction}, whose node is named {@code BackwardHookFunctionBackward}): its backward
 * hands the gradients to a callback, which may replace them.
 */
final class BackwardHookFunction extends Function {
    private final UnaryOperator<Tensor[]> onBackward;
    private final boolean materializeGrads;

    /**
     * @param onBackward gets the gradients of this node's outputs and returns those of its inputs
     * @param materializeGrads zeros (true) or null (false) for outputs that received no gradient
     */
    BackwardHookFunction(UnaryOperator<Tensor[]> onBackward, boolean materializeGrads) {
        this.onBackward = onBackward;
        this.materializeGrads = materializeGrads;
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... inputs) {
        ctx.setMaterializeGrads(materializeGrads);
        for (Tensor t : inputs) if (!t.requiresGrad()) ctx.markNonDifferentiable(t);
        return inputs.clone();
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... gradOutputs) {
        return onBackward.apply(gradOutputs.clone());
    }
}
