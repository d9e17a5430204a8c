package org.torch4j.special;

import java.util.function.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;

/**
 * A differentiable op whose forward is computed without a graph (on the host, say) and whose backward is
 * written with differentiable ops, so that gradients of gradients work too. The backward receives the
 * saved inputs and the output gradient and returns one gradient per input (null where none is needed).
 */
final class HostFunction extends org.torch4j.Function {

    /** The gradients of the inputs from the inputs, the output gradient and which inputs need one. */
    interface Backward {
        Tensor[] apply(Tensor[] inputs, Tensor grad, boolean[] needed);
    }

    private final String name;
    private final Function<Tensor[], Tensor> forward;
    private final Backward backward;

    private HostFunction(String name, Function<Tensor[], Tensor> forward, Backward backward) {
        this.name = name;
        this.forward = forward;
        this.backward = backward;
    }

    /** Runs {@code forward} on the inputs and records {@code backward} under PyTorch's node name. */
    static Tensor apply(String name, Function<Tensor[], Tensor> forward, Backward backward, Tensor... inputs) {
        return new HostFunction(name, forward, backward).apply1(inputs);
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... inputs) {
        ctx.saveForBackward(inputs);
        return new Tensor[] {forward.apply(inputs)};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... gradOutputs) {
        Tensor[] inputs = ctx.savedTensors();
        boolean[] needed = new boolean[inputs.length];
        for (int i = 0; i < needed.length; i++) needed[i] = ctx.needsInputGrad(i);
        return backward.apply(inputs, gradOutputs[0], needed);
    }

    @Override
    protected String name() {
        return name;
    }
}
