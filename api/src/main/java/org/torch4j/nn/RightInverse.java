package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * The optional {@code right_inverse} of a parametrization ({@link Parametrize}): a module implementing it
 * maps a value of the parametrized tensor back to an original, so that registering keeps the tensor's
 * value and assigning to the tensor ({@link Parametrize#set}) is possible. {@code forward(rightInverse(v))}
 * should equal {@code v}.
 */
public interface RightInverse {
    /** An original whose parametrization gives {@code value}. */
    Tensor rightInverse(Tensor value);
}
