package org.torch4j.func;

import java.util.List;
import org.torch4j.Tensor;

/**
 * The result of {@link Func#gradAndValue}: the gradients with respect to the chosen arguments, the
 * function's value, and (with {@code has_aux}) its auxiliary data; functorch's {@code (grad, value)} or
 * {@code (grad, (value, aux))}.
 *
 * @param grads one gradient per argnum, in argnums order, each shaped as its argument
 * @param value the function's (scalar) output
 * @param aux the auxiliary data, or null without {@code has_aux}
 * @param <A> the type of the auxiliary data
 */
public record GradAndValue<A>(List<Tensor> grads, Tensor value, A aux) {
    /** Copies the list, so that the record is immutable. */
    public GradAndValue {
        grads = List.copyOf(grads);
    }

    /** The gradient with respect to the first (usually only) argnum. */
    public Tensor grad() {
        return grads.get(0);
    }
}
