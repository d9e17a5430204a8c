package org.torch4j;

/**
 * A custom differentiable op ({@code torch.autograd.Function}): write {@link #forward} with any ops
 * (it runs without recording) and {@link #backward} with differentiable ops (so that the result can
 * be differentiated again when the graph is created with {@code createGraph}).
 *
 * <pre>{@code
 * class Exp extends Function {
 *     protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
 *         Tensor y = in[0].exp();
 *         ctx.saveForBackward(y);
 *         return new Tensor[] {y};
 *     }
 *     protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
 *         return new Tensor[] {grad[0].mul(ctx.savedTensors()[0])};
 *     }
 * }
 * Tensor y = new Exp().apply(x)[0];
 * }</pre>
 */
public abstract class Function {
    /** For subclasses: a function object, applied with {@link #apply}. */
    protected Function() {}

    /** Computes the outputs; recording is off inside. */
    protected abstract Tensor[] forward(FunctionContext ctx, Tensor... inputs);

    /**
     * The gradients of the inputs (null where none) from the gradients of the outputs. Check
     * {@link FunctionContext#needsInputGrad(int)} to skip work.
     */
    protected abstract Tensor[] backward(FunctionContext ctx, Tensor... gradOutputs);

    /** The node name shown as {@code grad_fn}: the class name with "Backward". */
    protected String name() {
        return getClass().getSimpleName() + "Backward";
    }

    /** Runs forward and, when an input requires grad, records a node that calls backward. */
    public final Tensor[] apply(Tensor... inputs) {
        FunctionContext ctx = new FunctionContext(inputs.length);
        Tensor[] outputs;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            outputs = forward(ctx, inputs);
        }
        // marked before an input returned as is becomes a new tensor in the graph, which the marks don't name
        boolean[] marked = new boolean[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            marked[i] = ctx.nonDifferentiable.contains(outputs[i]);
            for (Tensor in : inputs) {
                if (outputs[i] == in) outputs[i] = in.detach();
            }
        }
        if (!Autograd.needed(inputs)) return outputs;
        for (int i = 0; i < inputs.length; i++) ctx.needs[i] = inputs[i] != null && inputs[i].requiresGrad;
        Tensor[] differentiable = new Tensor[outputs.length];
        for (int i = 0; i < outputs.length; i++) differentiable[i] = marked[i] ? null : outputs[i];
        Node node = Autograd.record(name(), inputs, differentiable, (g, n) -> {
            Tensor[] grads = g.clone();
            for (int i = 0; i < grads.length; i++) {
                if (grads[i] == null && outputs[i] != null && ctx.materializeGrads) grads[i] = Torch.zerosLike(outputs[i]);
            }
            Tensor[] r = backward(ctx, grads);
            if (r.length != inputs.length) {
                throw new IllegalStateException("function " + name() + " returned an incorrect number of gradients (expected "
                        + inputs.length + ", got " + r.length + ")");
            }
            return r;
        }, ctx.saved);
        ctx.node = node;
        return outputs;
    }

    /** Convenience for functions with one output. */
    public final Tensor apply1(Tensor... inputs) {
        return apply(inputs)[0];
    }
}
