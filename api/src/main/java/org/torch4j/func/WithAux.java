package org.torch4j.func;

import org.torch4j.Tensor;

/**
 * What a function returns to a transform called with {@code has_aux=True}: the output the transform
 * differentiates, and auxiliary data it hands back untouched (functorch's {@code (output, aux)} tuple).
 *
 * @param output the tensor that is differentiated
 * @param aux anything else the function wants back (a tensor or a list of tensors leave the transform
 *            detached, as the output does, unless the graph is kept)
 * @param <A> the type of the auxiliary data
 */
public record WithAux<A>(Tensor output, A aux) {}
