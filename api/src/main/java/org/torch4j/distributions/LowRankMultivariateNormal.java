package org.torch4j.distributions;

import java.util.Arrays;
import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.linalg.Linalg;

/**
 * A multivariate normal whose covariance is low rank plus diagonal, {@code W Wᵀ + diag(D)} with {@code covFactor}
 * W {@code [..., n, m]} and {@code covDiag} D {@code [..., n]} ({@code torch.distributions.LowRankMultivariateNormal}).
 * Only the {@code m x m} capacitance matrix {@code C = I + Wᵀ D⁻¹ W} is factorised: log-determinants come from the
 * matrix determinant lemma and Mahalanobis distances from the Woodbury identity, so n can be large when m is small.
 *
 * <p>Samples are {@code loc + W ε_W + √D ε_D}, {@code ε_W} drawn before {@code ε_D} as in PyTorch, so a seeded
 * generator gives PyTorch's numbers. Everything is differentiable (twice) in loc, W and D. KL divergences with
 * itself and with {@link MultivariateNormal}, both ways, are registered in {@link KL}.
 */
public final class LowRankMultivariateNormal extends Distribution {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Tensor loc;
    private final Tensor covFactor;
    private final Tensor covDiag;
    private final Tensor unbroadcastedCovFactor;
    private final Tensor unbroadcastedCovDiag;
    /** The lower Cholesky factor of {@code I + Wᵀ D⁻¹ W}, at the parameters' own batch shapes. */
    private final Tensor capacitanceTril;

    /**
     * PyTorch's constructor.
     *
     * @param validateArgs as PyTorch's {@code validate_args} (null: the default)
     * @throws IllegalArgumentException with PyTorch's messages for mismatched shapes and (when validating) parameters
     *         outside their constraints
     */
    public LowRankMultivariateNormal(Tensor loc, Tensor covFactor, Tensor covDiag, Boolean validateArgs) {
        this(Init.of(loc, covFactor, covDiag), validateArgs, covFactor, covDiag, capacitanceTril(covFactor, covDiag));
        validateParams();
    }

    /** As {@link #LowRankMultivariateNormal(Tensor, Tensor, Tensor, Boolean)} with validation by default. */
    public LowRankMultivariateNormal(Tensor loc, Tensor covFactor, Tensor covDiag) {
        this(loc, covFactor, covDiag, null);
    }

    /** The arguments broadcast to one batch shape. */
    private record Init(Tensor loc, Tensor covFactor, Tensor covDiag) {
        static Init of(Tensor loc, Tensor w, Tensor d) {
            if (loc.dim() < 1) throw new IllegalArgumentException("loc must be at least one-dimensional.");
            long n = loc.size(-1);
            if (w.dim() < 2) {
                throw new IllegalArgumentException("cov_factor must be at least two-dimensional, with optional leading batch dimensions");
            }
            if (w.size(-2) != n) throw new IllegalArgumentException("cov_factor must be a batch of matrices with shape " + n + " x m");
            if (d.dim() < 1 || d.size(-1) != n) {
                throw new IllegalArgumentException("cov_diag must be a batch of vectors with shape " + Util.size(new long[] {n}));
            }
            long[] shape;
            try {
                shape = Util.broadcastShape(loc.unsqueeze(-1).shape(), w.shape(), d.unsqueeze(-1).shape());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Incompatible batch shapes: loc " + Util.size(loc.shape()) + ", cov_factor "
                        + Util.size(w.shape()) + ", cov_diag " + Util.size(d.shape()), e);
            }
            long[] vector = Arrays.copyOf(shape, shape.length - 1);
            return new Init(loc.expand(vector), w.expand(shape), d.expand(vector));
        }
    }

    private LowRankMultivariateNormal(Init init, Boolean validateArgs, Tensor w, Tensor d, Tensor capacitanceTril) {
        super(Arrays.copyOf(init.loc().shape(), init.loc().dim() - 1), new long[] {init.loc().size(-1)}, validateArgs);
        this.loc = init.loc();
        this.covFactor = init.covFactor();
        this.covDiag = init.covDiag();
        this.unbroadcastedCovFactor = w;
        this.unbroadcastedCovDiag = d;
        this.capacitanceTril = capacitanceTril;
    }

    private static Tensor eye(long n, Tensor like) {
        return Torch.eye(n).to(like);
    }

    /** The Cholesky factor of {@code I + Wᵀ D⁻¹ W}. */
    private static Tensor capacitanceTril(Tensor w, Tensor d) {
        Tensor k = w.mT().div(d.unsqueeze(-2)).matmul(w);
        return Linalg.cholesky(k.add(eye(w.size(-1), w)));
    }

    /** {@code log det(W Wᵀ + D) = log det C + log det D} (the matrix determinant lemma). */
    private static Tensor lowRankLogDet(Tensor d, Tensor capacitanceTril) {
        return capacitanceTril.diagonal(0, -2, -1).log().sum(-1).mul(2.0).add(d.log().sum(-1));
    }

    /** {@code xᵀ (W Wᵀ + D)⁻¹ x = xᵀ D⁻¹ x - |C⁻¹ᐟ² Wᵀ D⁻¹ x|²} (the Woodbury identity). */
    private static Tensor lowRankMahalanobis(Tensor w, Tensor d, Tensor x, Tensor capacitanceTril) {
        Tensor wtDinvX = w.mT().div(d.unsqueeze(-2)).matmul(x.unsqueeze(-1)).squeeze(-1);
        return x.pow(2.0).div(d).sum(-1).sub(MultivariateNormal.mahalanobis(capacitanceTril, wtDinvX));
    }

    /** The mean vector, {@code batchShape + [n]}. */
    public Tensor loc() {
        return loc;
    }

    /** W, {@code batchShape + [n, m]}. */
    public Tensor covFactor() {
        return covFactor;
    }

    /** D, {@code batchShape + [n]}. */
    public Tensor covDiag() {
        return covDiag;
    }

    private long[] matrixShape() {
        long n = eventShape()[0];
        return Util.concat(batchShape(), new long[] {n, n});
    }

    /** {@code W Wᵀ + diag(D)}, {@code batchShape + [n, n]}. */
    public Tensor covarianceMatrix() {
        return unbroadcastedCovFactor.matmul(unbroadcastedCovFactor.mT()).add(Util.diagEmbed(unbroadcastedCovDiag)).expand(matrixShape());
    }

    /** {@code D⁻¹ - Aᵀ A} with {@code A = L_C⁻¹ Wᵀ D⁻¹} (Woodbury), {@code batchShape + [n, n]}. */
    public Tensor precisionMatrix() {
        Tensor wtDinv = unbroadcastedCovFactor.mT().div(unbroadcastedCovDiag.unsqueeze(-2));
        Tensor a = Linalg.solveTriangular(capacitanceTril, wtDinv, false);
        return Util.diagEmbed(unbroadcastedCovDiag.reciprocal()).sub(a.mT().matmul(a)).expand(matrixShape());
    }

    /** The lower Cholesky factor of the covariance, {@code √D chol(I + D^-1/2 W Wᵀ D^-1/2)}, {@code batchShape + [n, n]}. */
    public Tensor scaleTril() {
        Tensor sqrtD = unbroadcastedCovDiag.sqrt().unsqueeze(-1);
        Tensor scaled = unbroadcastedCovFactor.div(sqrtD);
        Tensor k = scaled.matmul(scaled.mT()).add(eye(eventShape()[0], scaled));
        return sqrtD.mul(Linalg.cholesky(k)).expand(matrixShape());
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("loc", loc, Constraint.REAL_VECTOR),
                new Param("cov_factor", covFactor, Constraint.independent(Constraint.REAL, 2)),
                new Param("cov_diag", covDiag, Constraint.independent(Constraint.POSITIVE, 1)));
    }

    @Override
    public Constraint support() {
        return Constraint.REAL_VECTOR;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor mean() {
        return loc;
    }

    @Override
    public Tensor mode() {
        return loc;
    }

    /** The diagonal of the covariance, {@code Σ_j W_ij² + D_i}. */
    @Override
    public Tensor variance() {
        return unbroadcastedCovFactor.pow(2.0).sum(-1).add(unbroadcastedCovDiag).expand(Util.concat(batchShape(), eventShape()));
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        long[] shape = extendedShape(sampleShape);
        long[] wShape = shape.clone();
        wShape[wShape.length - 1] = covFactor.size(-1);
        Tensor epsW = loc.newZeros(wShape).normal_(0, 1, generator);
        Tensor epsD = loc.newZeros(shape).normal_(0, 1, generator);
        return loc.add(unbroadcastedCovFactor.matmul(epsW.unsqueeze(-1)).squeeze(-1)).add(unbroadcastedCovDiag.sqrt().mul(epsD));
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor m = lowRankMahalanobis(unbroadcastedCovFactor, unbroadcastedCovDiag, value.sub(loc), capacitanceTril);
        Tensor logDet = lowRankLogDet(unbroadcastedCovDiag, capacitanceTril);
        return m.add(logDet).add(eventShape()[0] * LOG_2PI).mul(-0.5);
    }

    @Override
    public Tensor entropy() {
        Tensor h = lowRankLogDet(unbroadcastedCovDiag, capacitanceTril).add(eventShape()[0] * (1.0 + LOG_2PI)).mul(0.5);
        return batchShape().length == 0 ? h : h.expand(batchShape());
    }

    @Override
    public LowRankMultivariateNormal expand(long... batchShape) {
        long[] vector = Util.concat(batchShape, eventShape());
        Init init = new Init(loc.expand(vector), covFactor.expand(Util.concat(vector, new long[] {covFactor.size(-1)})), covDiag.expand(vector));
        return new LowRankMultivariateNormal(init, validateArgs(), unbroadcastedCovFactor, unbroadcastedCovDiag, capacitanceTril);
    }

    /** {@code Σ_ij X_ij²}, the trace of {@code X Xᵀ}, per batch. */
    private static Tensor traceXXt(Tensor x) {
        return x.pow(2.0).sum(-1).sum(-1);
    }

    private static void checkEvents(Distribution p, Distribution q, String what) {
        if (!Arrays.equals(p.eventShape(), q.eventShape())) {
            // PyTorch's message keeps the indentation of its continued string literal
            throw new IllegalArgumentException("KL-divergence between two " + what + " with" + " ".repeat(26)
                    + "different event shapes cannot be computed");
        }
    }

    /** {@code A = L_C⁻¹ Wᵀ D⁻¹} of q: {@code Σ_q⁻¹ = D⁻¹ - Aᵀ A}. */
    private static Tensor woodburyFactor(LowRankMultivariateNormal q) {
        Tensor wtDinv = q.unbroadcastedCovFactor.mT().div(q.unbroadcastedCovDiag.unsqueeze(-2));
        return Linalg.solveTriangular(q.capacitanceTril, wtDinv, false);
    }

    /** {@code KL(p || q)} between low-rank normals, as PyTorch's {@code _kl_lowrankmultivariatenormal_lowrankmultivariatenormal}. */
    static Tensor kl(LowRankMultivariateNormal p, LowRankMultivariateNormal q) {
        checkEvents(p, q, "Low Rank Multivariate Normals");
        Tensor term1 = lowRankLogDet(q.unbroadcastedCovDiag, q.capacitanceTril).sub(lowRankLogDet(p.unbroadcastedCovDiag, p.capacitanceTril));
        Tensor term3 = lowRankMahalanobis(q.unbroadcastedCovFactor, q.unbroadcastedCovDiag, q.loc.sub(p.loc), q.capacitanceTril);
        Tensor a = woodburyFactor(q);
        Tensor term21 = p.unbroadcastedCovDiag.div(q.unbroadcastedCovDiag).sum(-1);
        Tensor term22 = traceXXt(p.unbroadcastedCovFactor.mul(q.unbroadcastedCovDiag.rsqrt().unsqueeze(-1)));
        Tensor term23 = traceXXt(a.mul(p.unbroadcastedCovDiag.sqrt().unsqueeze(-2)));
        Tensor term24 = traceXXt(a.matmul(p.unbroadcastedCovFactor));
        Tensor term2 = term21.add(term22).sub(term23).sub(term24);
        return term1.add(term2).add(term3).sub((double) p.eventShape()[0]).mul(0.5);
    }

    /** {@code KL(p || q)} from a full-rank normal, as PyTorch's {@code _kl_multivariatenormal_lowrankmultivariatenormal}. */
    static Tensor kl(MultivariateNormal p, LowRankMultivariateNormal q) {
        checkEvents(p, q, "(Low Rank) Multivariate Normals");
        Tensor pl = p.unbroadcastedScaleTril();
        Tensor term1 = lowRankLogDet(q.unbroadcastedCovDiag, q.capacitanceTril).sub(MultivariateNormal.halfLogDet(pl).mul(2.0));
        Tensor term3 = lowRankMahalanobis(q.unbroadcastedCovFactor, q.unbroadcastedCovDiag, q.loc.sub(p.loc()), q.capacitanceTril);
        Tensor a = woodburyFactor(q);
        Tensor term21 = traceXXt(pl.mul(q.unbroadcastedCovDiag.rsqrt().unsqueeze(-1)));
        Tensor term22 = traceXXt(a.matmul(pl));
        return term1.add(term21.sub(term22)).add(term3).sub((double) p.eventShape()[0]).mul(0.5);
    }

    /** {@code KL(p || q)} to a full-rank normal, as PyTorch's {@code _kl_lowrankmultivariatenormal_multivariatenormal}. */
    static Tensor kl(LowRankMultivariateNormal p, MultivariateNormal q) {
        checkEvents(p, q, "(Low Rank) Multivariate Normals");
        Tensor ql = q.unbroadcastedScaleTril();
        Tensor term1 = MultivariateNormal.halfLogDet(ql).mul(2.0).sub(lowRankLogDet(p.unbroadcastedCovDiag, p.capacitanceTril));
        Tensor term3 = MultivariateNormal.mahalanobis(ql, q.loc().sub(p.loc));
        long n = p.eventShape()[0];
        long[] batch = Util.broadcastShape(Arrays.copyOf(ql.shape(), ql.dim() - 2),
                Arrays.copyOf(p.unbroadcastedCovFactor.shape(), p.unbroadcastedCovFactor.dim() - 2));
        Tensor qTril = ql.expand(Util.concat(batch, new long[] {n, n}));
        Tensor pFactor = p.unbroadcastedCovFactor.expand(Util.concat(batch, new long[] {n, p.covFactor.size(-1)}));
        Tensor pDiag = Util.diagEmbed(p.unbroadcastedCovDiag.sqrt()).expand(Util.concat(batch, new long[] {n, n}));
        Tensor term21 = traceXXt(Linalg.solveTriangular(qTril, pFactor, false));
        Tensor term22 = traceXXt(Linalg.solveTriangular(qTril, pDiag, false));
        return term1.add(term21.add(term22)).add(term3).sub((double) n).mul(0.5);
    }
}
