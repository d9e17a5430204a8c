package org.torch4j.distributions;

import java.util.Arrays;
import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.linalg.Linalg;

/**
 * The Wishart distribution over positive-definite {@code p x p} matrices with {@code df} degrees of freedom (ν) and a
 * scale matrix Σ ({@code torch.distributions.Wishart}), the distribution of {@code Σ_k x_k x_kᵀ} for ν normal vectors
 * of covariance Σ. Σ is given as exactly one of its covariance matrix, precision matrix or lower Cholesky factor
 * {@code scaleTril} L; everything is computed from L.
 *
 * <p>rsample is Bartlett's decomposition, {@code (L A)(L A)ᵀ} with {@code A} lower triangular, its diagonal the square
 * roots of χ²(ν - i) draws and its strict lower triangle normal draws, so it is differentiable in L and (through the
 * gamma draws' implicit gradient) in ν. One Bartlett draw is PyTorch's: its gamma and normal draws in PyTorch's order,
 * with PyTorch's gradients. Draws that are not positive-definite (possible for {@code p - 1 < ν < p}) are drawn again,
 * up to ten times. PyTorch 1.13's check of that redraw has its sense inverted (it redraws the positive-definite samples
 * once and keeps singular ones), so its rsample returns its second draw: seeded samples are not PyTorch's, though
 * their distribution is the same. (PyTorch's warning for {@code ν < p} has no counterpart here.)
 */
public final class Wishart extends Distribution implements ExponentialFamily {
    private static final String[] PARAM_NAMES = {"covariance_matrix", "precision_matrix", "scale_tril"};
    private static final double LOG_2 = Math.log(2.0);
    private static final int MAX_TRY_CORRECTION = 10;

    private final Tensor df;
    private final int given;
    /** The given matrix expanded to {@code batchShape + [p, p]}. */
    private final Tensor matrix;
    private final Tensor unbroadcastedScaleTril;
    /** χ²(ν - i) for i = 0..p-1: the squared diagonal of Bartlett's factor. */
    private final Chi2 chi2;

    /**
     * PyTorch's constructor: {@code df} and exactly one of the three matrices (the others null).
     *
     * @param validateArgs as PyTorch's {@code validate_args} (null: the default)
     * @throws IllegalArgumentException with PyTorch's messages for not exactly one matrix, too few dims, {@code df <= p - 1}
     *         and (when validating) a matrix outside its constraint
     */
    public Wishart(Tensor df, Tensor covarianceMatrix, Tensor precisionMatrix, Tensor scaleTril, Boolean validateArgs) {
        this(Init.of(df, covarianceMatrix, precisionMatrix, scaleTril), validateArgs, null);
    }

    /** A Wishart distribution with the lower Cholesky factor {@code scaleTril} of its scale matrix. */
    public static Wishart withScaleTril(Tensor df, Tensor scaleTril) {
        return new Wishart(df, null, null, scaleTril, null);
    }

    /** A Wishart distribution with scale matrix {@code covarianceMatrix}. */
    public static Wishart withCovariance(Tensor df, Tensor covarianceMatrix) {
        return new Wishart(df, covarianceMatrix, null, null, null);
    }

    private record Init(long[] batchShape, Tensor df, int given, Tensor raw, Tensor matrix) {
        static Init of(Tensor df, Tensor cov, Tensor prec, Tensor tril) {
            int count = (cov != null ? 1 : 0) + (prec != null ? 1 : 0) + (tril != null ? 1 : 0);
            if (count != 1) {
                throw new IllegalArgumentException("Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.");
            }
            int given = cov != null ? 0 : prec != null ? 1 : 2;
            Tensor raw = given == 0 ? cov : given == 1 ? prec : tril;
            if (raw.dim() < 2) {
                throw new IllegalArgumentException("scale_tril must be at least two-dimensional, with optional leading batch dimensions");
            }
            long[] batch;
            try {
                batch = Util.broadcastShape(Arrays.copyOf(raw.shape(), raw.dim() - 2), df.shape());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Shape mismatch: objects cannot be broadcast to a single shape");
            }
            long p = raw.size(-1);
            if (df.le((double) (p - 1)).any().itemBool()) {
                throw new IllegalArgumentException("Value of df=" + Util.pyFormat(df) + " expected to be greater than ndim - 1 = " + (p - 1) + ".");
            }
            return new Init(batch, df.expand(batch), given, raw, raw.expand(Util.concat(batch, new long[] {raw.size(-2), p})));
        }
    }

    private Wishart(Init init, Boolean validateArgs, Tensor scaleTril) {
        super(init.batchShape(), new long[] {init.matrix().size(-2), init.matrix().size(-1)}, validateArgs);
        this.df = init.df();
        this.given = init.given();
        this.matrix = init.matrix();
        if (scaleTril == null) {
            validateParams();
            Tensor raw = init.raw();
            scaleTril = switch (given) {
                case 0 -> Linalg.cholesky(raw);
                case 1 -> MultivariateNormal.precisionToScaleTril(raw);
                default -> raw;
            };
        }
        this.unbroadcastedScaleTril = scaleTril;
        long p = eventShape()[1];
        Tensor steps = Torch.arange(p).to(scaleTril);
        this.chi2 = new Chi2(df.unsqueeze(-1).sub(steps), false);
    }

    /** ν, the degrees of freedom, of the batch shape. */
    public Tensor df() {
        return df;
    }

    /** The lower Cholesky factor L of the scale matrix, {@code batchShape + [p, p]}. */
    public Tensor scaleTril() {
        return given == 2 ? matrix : unbroadcastedScaleTril.expand(matrixShape());
    }

    /** The scale matrix {@code L Lᵀ}. */
    public Tensor covarianceMatrix() {
        if (given == 0) return matrix;
        return unbroadcastedScaleTril.matmul(unbroadcastedScaleTril.mT()).expand(matrixShape());
    }

    /** The inverse of the scale matrix. */
    public Tensor precisionMatrix() {
        if (given == 1) return matrix;
        return choleskySolve(Torch.eye(eventShape()[1]).to(df), unbroadcastedScaleTril).expand(matrixShape());
    }

    private long[] matrixShape() {
        return Util.concat(batchShape(), eventShape());
    }

    /**
     * {@code (L Lᵀ)⁻¹ B} ({@code torch.cholesky_solve}), the batch dims broadcast. Solved with {@code L Lᵀ} itself rather
     * than two triangular solves because PyTorch's cholesky_solve derivative treats L as a full matrix (its upper
     * triangle gets gradients through {@code L Lᵀ}), and Wishart's gradients in {@code scale_tril} are PyTorch's so.
     */
    private static Tensor choleskySolve(Tensor b, Tensor l) {
        long[] batch = Util.broadcastShape(Arrays.copyOf(b.shape(), b.dim() - 2), Arrays.copyOf(l.shape(), l.dim() - 2));
        Tensor a = l.matmul(l.mT()).expand(Util.concat(batch, new long[] {l.size(-2), l.size(-1)}));
        return Linalg.solve(a, b.expand(Util.concat(batch, new long[] {b.size(-2), b.size(-1)})));
    }

    @Override
    protected List<Param> params() {
        Constraint c = given == 2 ? Constraint.LOWER_CHOLESKY : Constraint.POSITIVE_DEFINITE;
        return List.of(new Param(PARAM_NAMES[given], matrix, c), new Param("df", df, Constraint.greaterThanInteger(eventShape()[1] - 1)));
    }

    @Override
    public Constraint support() {
        return Constraint.POSITIVE_DEFINITE;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    private Tensor dfMatrix() {
        return df.reshape(Util.concat(batchShape(), new long[] {1, 1}));
    }

    /** {@code ν Σ}. */
    @Override
    public Tensor mean() {
        return dfMatrix().mul(covarianceMatrix());
    }

    /** {@code (ν - p - 1) Σ}, NaN where {@code ν <= p + 1}. */
    @Override
    public Tensor mode() {
        Tensor factor = df.sub((double) (eventShape()[1] + 1));
        factor = factor.where(factor.gt(0.0), Double.NaN);
        return factor.reshape(Util.concat(batchShape(), new long[] {1, 1})).mul(covarianceMatrix());
    }

    /** {@code Var(X_ij) = ν (Σ_ij² + Σ_ii Σ_jj)}. */
    @Override
    public Tensor variance() {
        Tensor v = covarianceMatrix();
        Tensor d = v.diagonal(0, -2, -1);
        return dfMatrix().mul(v.pow(2.0).add(d.unsqueeze(-1).mul(d.unsqueeze(-2))));
    }

    /** One Bartlett draw: {@code (L A)(L A)ᵀ}. */
    private Tensor bartlett(long[] sampleShape, Generator generator) {
        long p = eventShape()[1];
        Tensor chi = chi2.rsample(sampleShape, generator).sqrt();
        Tensor diag = chi.clamp(Util.eps(chi.dtype()), Double.POSITIVE_INFINITY);
        long[] lowerShape = Util.concat(Util.concat(sampleShape, batchShape()), new long[] {p * (p - 1) / 2});
        Tensor lower = df.newZeros(lowerShape).normal_(0, 1, generator);
        Tensor chol = unbroadcastedScaleTril.matmul(Util.diagEmbed(diag).add(Util.vecToTril(lower, -1)));
        return chol.matmul(chol.mT());
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        Tensor sample = bartlett(sampleShape, generator);
        for (int attempt = 0; attempt < MAX_TRY_CORRECTION; attempt++) {
            Tensor singular = support().check(sample).logicalNot();
            if (!singular.any().itemBool()) break;
            // whole draws again (PyTorch redraws every batch member of a sample with a singular one)
            for (int i = 0; i < batchShape().length; i++) singular = singular.any(-1, false);
            Tensor redraw = bartlett(sampleShape, generator);
            long[] mask = Util.concat(singular.shape(), new long[batchShape().length + 2]);
            Arrays.fill(mask, singular.dim(), mask.length, 1);
            sample = Torch.where(singular.reshape(mask), redraw, sample);
        }
        return sample;
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        long p = eventShape()[1];
        Tensor logDetL = unbroadcastedScaleTril.diagonal(0, -2, -1).log().sum(-1);
        Tensor logAbsDet = Linalg.slogdet(value).logabsdet();
        Tensor trace = choleskySolve(value, unbroadcastedScaleTril).diagonal(0, -2, -1).sum(-1);
        return df.mul(logDetL.add(p * LOG_2 / 2)).neg()
                .sub(df.div(2.0).mvlgamma((int) p))
                .add(df.sub((double) (p + 1)).div(2.0).mul(logAbsDet))
                .sub(trace.div(2.0));
    }

    @Override
    public Tensor entropy() {
        long p = eventShape()[1];
        Tensor logDetL = unbroadcastedScaleTril.diagonal(0, -2, -1).log().sum(-1);
        Tensor halfDf = df.div(2.0);
        Tensor mvdigamma = mvdigamma(halfDf, p);
        return logDetL.add(p * LOG_2 / 2).mul((double) (p + 1))
                .add(halfDf.mvlgamma((int) p))
                .sub(df.sub((double) (p + 1)).div(2.0).mul(mvdigamma))
                .add(df.mul(p / 2.0));
    }

    /** The multivariate digamma {@code Σ_i ψ(x - i/2)}, i = 0..p-1. */
    private static Tensor mvdigamma(Tensor x, long p) {
        return x.unsqueeze(-1).sub(Torch.arange(p).to(x).div(2.0)).digamma().sum(-1);
    }

    /** {@code log det Σ + p log 2}: the scale's share of the log-normaliser. */
    private Tensor logDetTwoScale() {
        return unbroadcastedScaleTril.diagonal(0, -2, -1).log().sum(-1).mul(2.0).add(eventShape()[1] * LOG_2);
    }

    /**
     * The log-normaliser {@code ν/2 (-log det Σ⁻¹ + p log 2) + log Γ_p(ν/2)} at the natural parameters, with the
     * determinant taken of the precision matrix as PyTorch's {@code _log_normalizer} takes it (so that the gradient in
     * {@code scale_tril} reaches its upper triangle, as PyTorch's does).
     */
    private Tensor logNormalizer() {
        Tensor logDet = Linalg.slogdet(precisionMatrix()).logabsdet().neg().add(eventShape()[1] * LOG_2);
        return df.div(2.0).mul(logDet).add(df.div(2.0).mvlgamma((int) eventShape()[1]));
    }

    /**
     * {@code KL(p || q)} as PyTorch's Bregman divergence of the exponential family, {@code A(η_q) - A(η_p) - <η_q - η_p, ∇A(η_p)>}
     * for the natural parameters {@code η = (-Σ⁻¹/2, (ν - p - 1)/2)}, with the gradient in closed form:
     * {@code ∇A = (ν Σ, log det Σ + p log 2 + ψ_p(ν/2))}. (PyTorch 1.13 sums the second term over the last two batch
     * dims of batched distributions; here each batch member gets its own.)
     */
    static Tensor kl(Wishart p, Wishart q) {
        Tensor gx = p.dfMatrix().mul(p.covarianceMatrix());
        Tensor termX = p.precisionMatrix().sub(q.precisionMatrix()).div(2.0).mul(gx).sum(-1).sum(-1);
        Tensor gy = p.logDetTwoScale().add(mvdigamma(p.df.div(2.0), p.eventShape()[1]));
        Tensor termY = q.df.sub(p.df).div(2.0).mul(gy);
        return q.logNormalizer().sub(p.logNormalizer()).sub(termX).sub(termY);
    }

    @Override
    public Wishart expand(long... batchShape) {
        long[] shape = Util.concat(batchShape, eventShape());
        Init init = new Init(batchShape.clone(), df.expand(batchShape), given, null, matrix.expand(shape));
        return new Wishart(init, validateArgs(), unbroadcastedScaleTril.expand(shape));
    }
}
