package org.torch4j.distributions;

import org.torch4j.Tensor;

/**
 * An invertible map with a computable log-Jacobian ({@code torch.distributions.transforms.Transform}), used by
 * {@link TransformedDistribution} and by the constraint registries of {@link Transforms}. Elementwise maps
 * ({@link ExpTransform}, {@link AffineTransform}, {@link PowerTransform}, {@link SigmoidTransform},
 * {@link TanhTransform}, ...) have event dims 0; others act on the trailing {@code domain().eventDim()} dims
 * of their input ({@link StickBreakingTransform} on vectors, {@link CorrCholeskyTransform} from vectors to
 * matrices), and {@link #logAbsDetJacobian} then has the batch shape only.
 */
public interface Transform {

    /** y = f(x). */
    Tensor forward(Tensor x);

    /** x = f⁻¹(y). */
    Tensor inverse(Tensor y);

    /**
     * {@code log |det dy/dx|}: elementwise for elementwise maps, else one value per event of the domain.
     *
     * @throws UnsupportedOperationException where PyTorch has none ({@link SoftmaxTransform}, {@link LowerCholeskyTransform})
     */
    Tensor logAbsDetJacobian(Tensor x, Tensor y);

    /**
     * +1 when f increases, -1 when it decreases (as a tensor when it depends on parameters).
     *
     * @throws UnsupportedOperationException for maps that are not monotone elementwise, as PyTorch's
     */
    default Tensor sign() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no sign");
    }

    /**
     * Whether the map is a bijection onto its codomain ({@code transform.bijective}): true but for {@link AbsTransform},
     * {@link SoftmaxTransform}, {@link LowerCholeskyTransform} and the combinations of a non-bijective one.
     */
    default boolean bijective() {
        return true;
    }

    /** The shape of {@code forward(x)} for an input of {@code shape} (unchanged for elementwise maps). */
    default long[] forwardShape(long[] shape) {
        return shape.clone();
    }

    /** The shape of {@code inverse(y)} for an output of {@code shape}. */
    default long[] inverseShape(long[] shape) {
        return shape.clone();
    }

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
