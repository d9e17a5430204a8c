package org.torch4j.audio.functional;

import java.util.function.UnaryOperator;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;

/**
 * A linear map computed on the host (an effect's per-sample loop) made differentiable through its adjoint: the
 * gradient of {@code map(x)} is {@code adjoint(g)}, and the gradient of the adjoint is the map again, so the pair
 * differentiates to any order. Both functions must be linear, take and return tensors of one shape.
 */
final class LinearMapFunction extends Function {
    private final UnaryOperator<Tensor> map, adjoint;
    private final String name;

    LinearMapFunction(String name, UnaryOperator<Tensor> map, UnaryOperator<Tensor> adjoint) {
        this.name = name;
        this.map = map;
        this.adjoint = adjoint;
    }

    /** {@code map(x)}, differentiable in x. */
    static Tensor apply(String name, Tensor x, UnaryOperator<Tensor> map, UnaryOperator<Tensor> adjoint) {
        return new LinearMapFunction(name, map, adjoint).apply(new Tensor[] {x})[0];
    }

    @Override
    protected String name() {
        return name;
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        return new Tensor[] {map.apply(in[0])};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        return new Tensor[] {new LinearMapFunction(name + "Adjoint", adjoint, map).apply(grad[0])[0]};
    }
}
