package org.torch4j.linalg;

import java.util.function.Supplier;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;

/**
 * What PyTorch computes without a derivative ({@code linalg.ldl_factor_ex}, {@code linalg.ldl_solve}): the results
 * join the graph as outputs of a node whose backward fails with PyTorch's message, so that differentiating through
 * them is an error, never a silent zero gradient.
 */
final class NoDerivative extends Function {
    private final String op;
    private final Supplier<Tensor[]> compute;

    private NoDerivative(String op, Supplier<Tensor[]> compute) {
        this.op = op;
        this.compute = compute;
    }

    /** compute's results, recorded (when an input requires grad) as outputs of PyTorch's {@code aten::op}. */
    static Tensor[] apply(String op, Supplier<Tensor[]> compute, Tensor... inputs) {
        return new NoDerivative(op, compute).apply(inputs);
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... inputs) {
        Tensor[] out = compute.get();
        for (Tensor t : out) if (!t.isFloatingPoint() && !t.isComplex()) ctx.markNonDifferentiable(t);
        return out;
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... gradOutputs) {
        throw new UnsupportedOperationException("derivative for aten::" + op + " is not implemented");
    }

    @Override
    protected String name() {
        return "NotImplemented";
    }
}
