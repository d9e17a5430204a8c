package org.torch4j.distributions;

import java.util.Arrays;
import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The Dirichlet distribution over the probability simplex, with {@code concentration} over the last
 * dim ({@code torch.distributions.Dirichlet}). Samples use PyTorch's normalised gamma draws in the
 * same order (see {@link Samplers}); {@link #rsample}'s gradient is an unbiased pathwise gradient
 * through the gamma draws, not PyTorch's numbers (see {@link DirichletSample}).
 */
public final class Dirichlet extends Distribution implements ExponentialFamily {
    private final Tensor concentration;

    /** From {@code concentration} of shape {@code batchShape + [K]}, at least one-dimensional. */
    public Dirichlet(Tensor concentration) {
        this(concentration, null);
    }

    /** As {@link #Dirichlet(Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public Dirichlet(Tensor concentration, Boolean validateArgs) {
        super(batchOf(concentration), new long[] {concentration.size(-1)}, validateArgs);
        this.concentration = concentration;
        validateParams();
    }

    private static long[] batchOf(Tensor concentration) {
        if (concentration.dim() < 1) {
            throw new IllegalArgumentException("`concentration` parameter must be at least one-dimensional.");
        }
        return Arrays.copyOf(concentration.shape(), concentration.dim() - 1);
    }

    /** The concentrations, {@code batchShape + [K]}. */
    public Tensor concentration() {
        return concentration;
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("concentration", concentration, Constraint.independent(Constraint.POSITIVE, 1)));
    }

    @Override
    public Constraint support() {
        return Constraint.SIMPLEX;
    }

    @Override
    public Tensor mean() {
        return concentration.div(concentration.sum(new int[] {-1}, true));
    }

    /**
     * {@code (alpha - 1) / sum(alpha - 1)} over the components with alpha above 1; where every
     * alpha is below 1, the one-hot vector PyTorch gives (the density is unbounded at the corners).
     */
    @Override
    public Tensor mode() {
        Tensor cm1 = concentration.sub(1.0).clampMin(0);
        Tensor mode = cm1.div(cm1.sum(new int[] {-1}, true));
        Tensor corner = org.torch4j.nn.F.oneHot(mode.argmax(-1, false), concentration.size(-1)).to(mode.dtype());
        Tensor mask = concentration.lt(1.0).all(-1, true);
        return Torch.where(mask, corner, mode);
    }

    @Override
    public Tensor variance() {
        Tensor con0 = concentration.sum(new int[] {-1}, true);
        return concentration.mul(con0.sub(concentration)).div(con0.pow(2.0).mul(con0.add(1.0)));
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        return new DirichletSample(generator).apply1(concentration.expand(extendedShape(sampleShape)));
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        return value.log().mul(concentration.sub(1.0)).sum(-1).add(concentration.sum(-1).lgamma()).sub(concentration.lgamma().sum(-1));
    }

    @Override
    public Tensor entropy() {
        long k = concentration.size(-1);
        Tensor a0 = concentration.sum(-1);
        return concentration.lgamma().sum(-1).sub(a0.lgamma()).sub(a0.rsub((double) k).mul(a0.digamma()))
                .sub(concentration.sub(1.0).mul(concentration.digamma()).sum(-1));
    }

    @Override
    public Dirichlet expand(long... batchShape) {
        return new Dirichlet(concentration.expand(Util.concat(batchShape, eventShape())), validateArgs());
    }
}
