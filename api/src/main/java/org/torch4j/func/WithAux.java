package org.torch4j.func;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.torch4j.Tensor;

/**
 * What a function returns to a transform called with {@code has_aux=True}: the outputs the transform
 * differentiates, and auxiliary data it hands back untouched (functorch's {@code (output, aux)} tuple). grad
 * takes one scalar output; vjp, jacrev and jacfwd take one or several outputs.
 *
 * @param outputs the tensors that are differentiated (functorch's output, flattened: one entry per tensor)
 * @param aux anything else the function wants back (a tensor or a list of tensors leave the transform
 *            detached, as the outputs do, unless the graph is kept)
 * @param <A> the type of the auxiliary data
 */
public record WithAux<A>(List<Tensor> outputs, A aux) {
    /** Copies the list (nulls allowed, which the transforms refuse with functorch's messages). */
    public WithAux {
        outputs = Collections.unmodifiableList(Arrays.asList(outputs.toArray(new Tensor[0])));
    }

    /** One output and its auxiliary data: functorch's {@code (output, aux)}. */
    public WithAux(Tensor output, A aux) {
        this(Collections.singletonList(output), aux);
    }

    /** The first (for grad, the only) output. */
    public Tensor output() {
        return outputs.isEmpty() ? null : outputs.get(0);
    }
}
