package org.torch4j.func;

import java.util.List;
import org.torch4j.Tensor;

/**
 * The result of {@link Func#jvpWithAux}: functorch's {@code (output, jvp_out, aux)} for {@code jvp(f, primals,
 * tangents, has_aux=True)}.
 *
 * @param outputs the function's outputs at the primals
 * @param products one Jacobian-vector product per output, shaped as that output
 * @param aux the function's auxiliary data (tensors in it leave the transform as the outputs do)
 * @param <A> the type of the auxiliary data
 */
public record JvpWithAux<A>(List<Tensor> outputs, List<Tensor> products, A aux) {
    /** Copies the lists, so that the record is immutable. */
    public JvpWithAux {
        outputs = List.copyOf(outputs);
        products = List.copyOf(products);
    }
}
