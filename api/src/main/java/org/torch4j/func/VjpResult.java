package org.torch4j.func;

import java.util.List;
import java.util.function.Function;
import org.torch4j.Tensor;

/**
 * The result of {@link Func#vjp}: functorch's {@code (output, vjp_fn)}. {@code vjpFn} takes one cotangent per
 * output (each shaped as that output) and returns one vector-Jacobian product per primal (shaped as that
 * primal); it can be called any number of times, and its results are differentiable when the primals or the
 * cotangents require grad or a transform encloses the call.
 *
 * @param outputs the function's outputs at the primals
 * @param vjpFn the pullback: cotangents to products
 */
public record VjpResult(List<Tensor> outputs, Function<List<Tensor>, List<Tensor>> vjpFn) {
    /** Copies the list, so that the record is immutable. */
    public VjpResult {
        outputs = List.copyOf(outputs);
    }

    /** The first (usually only) output. */
    public Tensor output() {
        return outputs.get(0);
    }

    /** {@code vjpFn} for one output and one primal: the product for that cotangent. */
    public Tensor vjp(Tensor cotangent) {
        return vjpFn.apply(List.of(cotangent)).get(0);
    }
}
