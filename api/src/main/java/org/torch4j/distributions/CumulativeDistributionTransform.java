package org.torch4j.distributions;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A distribution's cdf as a transform onto {@code [0, 1]} ({@code torch.distributions.transforms.CumulativeDistributionTransform}):
 * the inverse is its icdf and the log-Jacobian its log density, so a multivariate normal pushed through the
 * standard normal's cdf gives a Gaussian copula.
 */
public final class CumulativeDistributionTransform implements Transform {
    private final Distribution distribution;

    /** The cdf of {@code distribution}, which must have cdf, icdf and logProb. */
    public CumulativeDistributionTransform(Distribution distribution) {
        this.distribution = distribution;
    }

    /** The distribution whose cdf this is. */
    public Distribution distribution() {
        return distribution;
    }

    @Override
    public Tensor forward(Tensor x) {
        return distribution.cdf(x);
    }

    @Override
    public Tensor inverse(Tensor y) {
        return distribution.icdf(y);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return distribution.logProb(x);
    }

    @Override
    public Tensor sign() {
        return Torch.scalarTensor(1.0);
    }

    /** The distribution's support. */
    @Override
    public Constraint domain() {
        return distribution.support();
    }

    @Override
    public Constraint codomain() {
        return Constraint.UNIT_INTERVAL;
    }

    /** {@code CumulativeDistributionTransform()}, PyTorch's repr. */
    @Override
    public String toString() {
        return "CumulativeDistributionTransform()";
    }
}
