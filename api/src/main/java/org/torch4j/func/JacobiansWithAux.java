package org.torch4j.func;

import java.util.List;
import org.torch4j.Tensor;

/**
 * The result of {@link Func#jacrevWithAux} and {@link Func#jacfwdWithAux}: functorch's {@code (jacobian, aux)}
 * for {@code has_aux=True}.
 *
 * @param jacobians indexed {@code [output][argnum]} (functorch's nested tuples), each shaped
 *                  {@code output.shape + argument.shape}
 * @param aux the function's auxiliary data (tensors in it leave the transform as the Jacobians do)
 * @param <A> the type of the auxiliary data
 */
public record JacobiansWithAux<A>(List<List<Tensor>> jacobians, A aux) {
    /** Copies the lists, so that the record is immutable. */
    public JacobiansWithAux {
        jacobians = jacobians.stream().map(List::copyOf).toList();
    }

    /** The Jacobian of the first output with respect to the first argnum (the only one, for one of each). */
    public Tensor jacobian() {
        return jacobians.get(0).get(0);
    }
}
