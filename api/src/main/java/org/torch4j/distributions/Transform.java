package org.torch4j.distributions;

import org.torch4j.Tensor;

/**
 * An invertible, elementwise map with a computable log-Jacobian ({@code torch.distributions.transforms.Transform}),
 * used by {@link TransformedDistribution}. Implementations: {@link ExpTransform}, {@link AffineTransform},
 * {@link PowerTransform}, {@link AbsTransform} and the inverse of any of them ({@link #inv()}).
 */
public interface Transform {

    /** y = f(x). */
    Tensor forward(Tensor x);

    /** x = f⁻¹(y). */
    Tensor inverse(Tensor y);

    /** {@code log |dy/dx|} elementwise. */
    Tensor logAbsDetJacobian(Tensor x, Tensor y);

    /** +1 when f increases, -1 when it decreases (as a tensor when it depends on parameters). */
    Tensor sign();

    /** The values f maps to. */
    Constraint codomain();

    /** The values f maps from (real numbers unless said otherwise). */
    default Constraint domain() {
        return Constraint.REAL;
    }

    /** The inverse map ({@code transform.inv}): forward and inverse exchanged. */
    default Transform inv() {
        return new InverseTransform(this);
    }
}
