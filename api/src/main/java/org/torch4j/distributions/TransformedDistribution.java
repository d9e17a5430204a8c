package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A base distribution pushed through a chain of elementwise {@link Transform}s
 * ({@code torch.distributions.TransformedDistribution}, for elementwise transforms): samples are the
 * transformed base samples, and {@code logProb(y)} is the base's at {@code x = f⁻¹(y)} minus
 * {@code log |dy/dx|} summed over the event dims.
 */
public class TransformedDistribution extends Distribution {
    private final Distribution base;
    private final List<Transform> transforms;

    /** {@code base} transformed by {@code transforms}, applied in order. */
    public TransformedDistribution(Distribution base, List<Transform> transforms, Boolean validateArgs) {
        super(base.batchShape(), base.eventShape(), validateArgs);
        this.base = base;
        this.transforms = List.copyOf(transforms);
    }

    /** The untransformed distribution. */
    public Distribution baseDist() {
        return base;
    }

    /** The transforms, in the order they are applied. */
    public List<Transform> transforms() {
        return transforms;
    }

    /** None: as in PyTorch, the parameters belong to the base distribution. */
    @Override
    protected List<Param> params() {
        return List.of();
    }

    @Override
    public Constraint support() {
        return transforms.isEmpty() ? base.support() : transforms.get(transforms.size() - 1).codomain();
    }

    @Override
    public boolean hasRsample() {
        return base.hasRsample();
    }

    @Override
    public Tensor sample(long[] sampleShape, Generator generator) {
        try (Torch.Mode m = Torch.noGrad()) {
            Tensor x = base.sample(sampleShape, generator);
            for (Transform t : transforms) x = t.forward(x);
            return x;
        }
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        Tensor x = base.rsample(sampleShape, generator);
        for (Transform t : transforms) x = t.forward(x);
        return x;
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor logProb = null;
        Tensor y = value;
        for (int i = transforms.size() - 1; i >= 0; i--) {
            Tensor x = transforms.get(i).inverse(y);
            // elementwise Jacobians summed over the event dims (RelaxedOneHotCategorical's exp of a vector)
            Tensor jac = Util.sumRightmost(transforms.get(i).logAbsDetJacobian(x, y), eventShape().length);
            logProb = logProb == null ? jac.neg() : logProb.sub(jac);
            y = x;
        }
        Tensor lp = base.logProb(y);
        return logProb == null ? lp : logProb.add(lp);
    }

    @Override
    public Tensor cdf(Tensor value) {
        for (int i = transforms.size() - 1; i >= 0; i--) value = transforms.get(i).inverse(value);
        return monotonize(base.cdf(value));
    }

    @Override
    public Tensor icdf(Tensor value) {
        value = base.icdf(monotonize(value));
        for (Transform t : transforms) value = t.forward(value);
        return value;
    }

    /** Turns a cdf into a survival function where the chain decreases ({@code _monotonize_cdf}). */
    private Tensor monotonize(Tensor value) {
        Tensor sign = Torch.scalarTensor(1.0);
        for (Transform t : transforms) sign = sign.mul(t.sign());
        if (sign.dim() == 0 && sign.item() == 1.0) return value;
        return sign.mul(value.sub(0.5)).add(0.5);
    }

    @Override
    public Tensor mean() {
        throw new UnsupportedOperationException("TransformedDistribution has no mean in general");
    }

    @Override
    public Tensor variance() {
        throw new UnsupportedOperationException("TransformedDistribution has no variance in general");
    }

    @Override
    public TransformedDistribution expand(long... batchShape) {
        return new TransformedDistribution(base.expand(batchShape), transforms, validateArgs());
    }
}
