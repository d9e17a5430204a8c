package org.torch4j.func;

import java.util.List;
import org.torch4j.Tensor;

/**
 * What {@link Func#makeFunctional}, {@link Func#makeFunctionalWithBuffers} and
 * {@link Func#combineStateForEnsemble} return: functorch's {@code (func, params)} or
 * {@code (func, params, buffers)}.
 *
 * @param fmodel the module as a function of its parameters and buffers
 * @param params the parameters, in {@code fmodel.paramNames()} order
 * @param buffers the buffers, in {@code fmodel.bufferNames()} order (empty for {@code make_functional})
 */
public record FunctionalState(FunctionalModule fmodel, List<Tensor> params, List<Tensor> buffers) {
    /** Copies the lists, so that the record is immutable. */
    public FunctionalState {
        params = List.copyOf(params);
        buffers = List.copyOf(buffers);
    }
}
