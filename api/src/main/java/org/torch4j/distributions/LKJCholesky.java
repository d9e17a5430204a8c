package org.torch4j.distributions;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The LKJ distribution over Cholesky factors {@code L} of {@code dim x dim} correlation matrices
 * ({@code torch.distributions.LKJCholesky}): the density of the correlation matrix {@code L Lᵀ} is proportional to
 * {@code det(L Lᵀ)^(η - 1)} for the {@code concentration} η, so η = 1 is uniform over correlation matrices.
 *
 * <p>Samples come from the onion method as PyTorch draws them: one {@link Beta} draw per row for its squared
 * off-diagonal norm, then a normal direction per row ({@code randn} of the whole {@code [..., dim, dim]} shape, its
 * strict lower triangle kept), so a seeded generator gives PyTorch's samples up to the last bits of the gamma
 * draws. As in PyTorch there is no rsample and no mean or variance.
 */
public final class LKJCholesky extends Distribution {
    private final int dim;
    private final Tensor concentration;
    /** The rows' squared off-diagonal norms: Beta(i/2 - 1/2 (0 for the first), η + (dim - 2)/2 - (i - 1)/2), batch + [dim]. */
    private final Beta beta;

    /** Uniform over Cholesky factors of {@code dim x dim} correlation matrices (η = 1), in the default dtype. */
    public LKJCholesky(int dim) {
        this(dim, 1.0);
    }

    /** A single LKJ distribution with a default-dtype concentration. */
    public LKJCholesky(int dim, double concentration) {
        this(dim, Util.scalar(concentration), null);
    }

    /** A batch of LKJ distributions of the shape of {@code concentration}. */
    public LKJCholesky(int dim, Tensor concentration) {
        this(dim, concentration, null);
    }

    /**
     * As {@link #LKJCholesky(int, Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default).
     *
     * @throws IllegalArgumentException with PyTorch's message when {@code dim < 2}
     */
    public LKJCholesky(int dim, Tensor concentration, Boolean validateArgs) {
        this(dim, concentration, validateArgs, rowBeta(checkDim(dim), concentration));
        validateParams();
    }

    private LKJCholesky(int dim, Tensor concentration, Boolean validateArgs, Beta beta) {
        super(concentration.shape(), new long[] {dim, dim}, validateArgs);
        this.dim = dim;
        this.concentration = concentration;
        this.beta = beta;
    }

    private static int checkDim(int dim) {
        if (dim < 2) throw new IllegalArgumentException("Expected dim to be an integer greater than or equal to 2. Found dim=" + dim + ".");
        return dim;
    }

    private static Beta rowBeta(int dim, Tensor concentration) {
        Tensor marginal = concentration.add(0.5 * (dim - 2));
        double[] off = new double[dim];
        for (int i = 1; i < dim; i++) off[i] = i - 1;
        Tensor offset = Torch.tensor(off).to(concentration);
        return new Beta(offset.add(0.5), marginal.unsqueeze(-1).sub(offset.mul(0.5)));
    }

    /** The size of the matrices. */
    public int dim() {
        return dim;
    }

    /** η, the concentration. */
    public Tensor concentration() {
        return concentration;
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("concentration", concentration, Constraint.POSITIVE));
    }

    @Override
    public Constraint support() {
        return Constraint.CORR_CHOLESKY;
    }

    @Override
    public Tensor sample(long[] sampleShape, Generator generator) {
        try (Torch.Mode m = Torch.noGrad()) {
            Tensor y = beta.sample(sampleShape, generator).unsqueeze(-1);
            Tensor normal = y.newZeros(extendedShape(sampleShape)).normal_(0, 1, generator).tril(-1);
            Tensor direction = normal.div(normal.norm(2.0, new int[] {-1}, true));
            // the first row has no off-diagonal entries: its 0/0 becomes 0
            Tensor firstRow = Torch.arange(dim).to(y.device()).eq(0L).unsqueeze(-1);
            direction = Torch.where(firstRow, y.newZeros(new long[0]), direction);
            Tensor w = y.sqrt().mul(direction);
            Tensor diag = w.pow(2.0).sum(-1).rsub(1.0).clamp(Util.tiny(w.dtype()), Double.POSITIVE_INFINITY).sqrt();
            return w.add(Util.diagEmbed(diag));
        }
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor diag = value.diagonal(0, -1, -2).narrow(-1, 1, dim - 1);
        double[] order = new double[dim - 1];
        for (int i = 0; i < dim - 1; i++) order[i] = dim - (i + 2);
        Tensor exponents = concentration.sub(1.0).unsqueeze(-1).mul(2.0).add(Torch.tensor(order).to(concentration));
        Tensor unnormalised = exponents.mul(diag.log()).sum(-1);
        int dm1 = dim - 1;
        Tensor alpha = concentration.add(0.5 * dm1);
        Tensor normaliser = alpha.sub(0.5).mvlgamma(dm1).sub(alpha.lgamma().mul((double) dm1)).add(0.5 * dm1 * Math.log(Math.PI));
        return unnormalised.sub(normaliser);
    }

    /** @throws UnsupportedOperationException always: PyTorch's LKJCholesky has no mean */
    @Override
    public Tensor mean() {
        throw new UnsupportedOperationException("LKJCholesky does not implement mean");
    }

    /** @throws UnsupportedOperationException always: PyTorch's LKJCholesky has no variance */
    @Override
    public Tensor variance() {
        throw new UnsupportedOperationException("LKJCholesky does not implement variance");
    }

    @Override
    public LKJCholesky expand(long... batchShape) {
        Beta b = beta.expand(Util.concat(batchShape, new long[] {dim}));
        return new LKJCholesky(dim, concentration.expand(batchShape), validateArgs(), b);
    }
}
