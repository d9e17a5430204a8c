package org.torch4j.func;

import java.util.List;
import java.util.function.Function;
import org.torch4j.Tensor;

/**
 * The result of {@link Func#vjpWithAux}: functorch's {@code (output, vjp_fn, aux)} for {@code vjp(f, *primals,
 * has_aux=True)}. {@code vjpFn} is that of {@link VjpResult}.
 *
 * @param outputs the function's outputs at the primals
 * @param vjpFn the pullback: one cotangent per output to one product per primal
 * @param aux the function's auxiliary data (tensors in it leave the transform as the outputs do)
 * @param <A> the type of the auxiliary data
 */
public record VjpWithAux<A>(List<Tensor> outputs, Function<List<Tensor>, List<Tensor>> vjpFn, A aux) {
    /** Copies the list, so that the record is immutable. */
    public VjpWithAux {
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
