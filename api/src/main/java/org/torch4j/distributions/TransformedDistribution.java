package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A base distribution pushed through a chain of {@link Transform}s ({@code torch.distributions.TransformedDistribution}):
 * samples are the transformed base samples, and {@code logProb(y)} is the base's at {@code x = f⁻¹(y)} minus
 * {@code log |det dy/dx|}, each term summed over the event dims it does not itself reduce. Transforms with event
 * dims reshape the events: a {@link StickBreakingTransform} after a batch of normals makes the base independent
 * over its last dim and gives events one entry longer; a {@link CorrCholeskyTransform} makes matrices of vectors.
 */
public class TransformedDistribution extends Distribution {
    private final Distribution base;
    private final List<Transform> transforms;

    /**
     * {@code base} transformed by {@code transforms}, applied in order; as PyTorch, the base is expanded to the batch
     * shape the transforms need and made {@link Independent} over the dims their domain treats as one event.
     *
     * @throws IllegalArgumentException with PyTorch's message when the base has fewer dims than the transforms' domain
     */
    public TransformedDistribution(Distribution base, List<Transform> transforms, Boolean validateArgs) {
        this(Shapes.of(base, transforms), transforms, validateArgs);
    }

    private TransformedDistribution(Shapes s, List<Transform> transforms, Boolean validateArgs) {
        super(s.batch(), s.event(), validateArgs);
        this.base = s.base();
        this.transforms = List.copyOf(transforms);
    }

    /** The base as adapted to the transforms, and the shapes of the result. */
    private record Shapes(Distribution base, long[] batch, long[] event) {
        static Shapes of(Distribution base, List<Transform> transforms) {
            long[] baseShape = Util.concat(base.batchShape(), base.eventShape());
            int baseEventDim = base.eventShape().length;
            Transform chain = new ComposeTransform(transforms);
            int domainEventDim = chain.domain().eventDim();
            if (baseShape.length < domainEventDim) {
                throw new IllegalArgumentException("base_distribution needs to have shape with size at least " + domainEventDim
                        + ", but got " + Util.size(baseShape) + ".");
            }
            long[] shape = chain.forwardShape(baseShape);
            long[] expandedBase = chain.inverseShape(shape);
            if (!java.util.Arrays.equals(baseShape, expandedBase)) {
                base = base.expand(java.util.Arrays.copyOf(expandedBase, expandedBase.length - baseEventDim));
            }
            if (domainEventDim > baseEventDim) base = new Independent(base, domainEventDim - baseEventDim);
            int eventDim = chain.codomain().eventDim() + Math.max(baseEventDim - domainEventDim, 0);
            int cut = shape.length - eventDim;
            return new Shapes(base, java.util.Arrays.copyOf(shape, cut), java.util.Arrays.copyOfRange(shape, cut, shape.length));
        }
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

    /** The last transform's codomain, made independent over the event dims it does not cover. */
    @Override
    public Constraint support() {
        if (transforms.isEmpty()) return base.support();
        Constraint support = transforms.get(transforms.size() - 1).codomain();
        int extra = eventShape().length - support.eventDim();
        return extra > 0 ? Constraint.independent(support, extra) : support;
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
        int eventDim = eventShape().length;
        for (int i = transforms.size() - 1; i >= 0; i--) {
            Transform t = transforms.get(i);
            Tensor x = t.inverse(y);
            eventDim += t.domain().eventDim() - t.codomain().eventDim();
            // each Jacobian summed over the event dims it leaves (RelaxedOneHotCategorical's exp of a vector)
            Tensor jac = Util.sumRightmost(t.logAbsDetJacobian(x, y), eventDim - t.domain().eventDim());
            logProb = logProb == null ? jac.neg() : logProb.sub(jac);
            y = x;
        }
        Tensor lp = Util.sumRightmost(base.logProb(y), eventDim - base.eventShape().length);
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
        long[] shape = Util.concat(batchShape, eventShape());
        for (int i = transforms.size() - 1; i >= 0; i--) shape = transforms.get(i).inverseShape(shape);
        long[] baseBatch = java.util.Arrays.copyOf(shape, shape.length - base.eventShape().length);
        return new TransformedDistribution(base.expand(baseBatch), transforms, validateArgs());
    }
}
