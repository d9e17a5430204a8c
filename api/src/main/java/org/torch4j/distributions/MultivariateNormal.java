package org.torch4j.distributions;

import java.util.Arrays;
import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.linalg.Linalg;

/**
 * The multivariate normal (Gaussian) distribution with mean vector {@code loc} and a positive-definite
 * covariance ({@code torch.distributions.MultivariateNormal}), given as exactly one of the covariance matrix,
 * the precision matrix (its inverse) or its lower Cholesky factor {@code scaleTril} ({@code L}, with
 * {@code covariance = L L^T}). Everything is computed from {@code L}: a covariance or precision matrix is
 * factorised once at construction, so {@link #withScaleTril} is the cheapest form.
 *
 * <p>{@code loc [..., n]} and the matrix {@code [..., n, n]} broadcast their batch dims; the event shape is
 * {@code [n]}. Samples are {@code loc + L eps} with {@code eps} from {@code normal_} on the whole
 * {@code sampleShape + batchShape + [n]} tensor, as PyTorch draws them, so a seeded generator gives PyTorch's
 * numbers. All quantities are differentiable in {@code loc} and the matrix (to second order).
 *
 * <pre>{@code
 * MultivariateNormal d = MultivariateNormal.withCovariance(Torch.zeros(2), cov);
 * Tensor x = d.sample(100);            // [100, 2]
 * Tensor lp = d.logProb(x);            // [100]
 * }</pre>
 */
public final class MultivariateNormal extends Distribution {
    private static final String[] PARAM_NAMES = {"covariance_matrix", "precision_matrix", "scale_tril"};
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /** Which parameter the distribution was given: an index into {@link #PARAM_NAMES}. */
    private final int given;
    private final Tensor loc;
    /** The given matrix expanded to {@code batchShape + [n, n]}: what PyTorch validates and reports. */
    private final Tensor matrix;
    /** The Cholesky factor at the given matrix's own batch shape: the computations avoid copies of broadcast batches. */
    private final Tensor unbroadcastedScaleTril;

    /**
     * PyTorch's constructor: {@code loc} and exactly one of the three matrices (the others null).
     *
     * @param validateArgs as PyTorch's {@code validate_args} (null: the default)
     * @throws IllegalArgumentException with PyTorch's messages for shapes, for not exactly one matrix, and (when
     *         validating) for a matrix outside its constraint
     * @throws org.torch4j.linalg.LinAlgException if, without validation, a covariance or precision matrix is not
     *         positive-definite
     */
    public MultivariateNormal(Tensor loc, Tensor covarianceMatrix, Tensor precisionMatrix, Tensor scaleTril, Boolean validateArgs) {
        this(Init.of(loc, covarianceMatrix, precisionMatrix, scaleTril), validateArgs, null);
    }

    /** A multivariate normal with {@code covarianceMatrix} {@code [..., n, n]}. */
    public static MultivariateNormal withCovariance(Tensor loc, Tensor covarianceMatrix) {
        return new MultivariateNormal(loc, covarianceMatrix, null, null, null);
    }

    /** A multivariate normal with {@code precisionMatrix} (the inverse covariance) {@code [..., n, n]}. */
    public static MultivariateNormal withPrecision(Tensor loc, Tensor precisionMatrix) {
        return new MultivariateNormal(loc, null, precisionMatrix, null, null);
    }

    /** A multivariate normal with the lower-triangular factor {@code scaleTril} (positive diagonal) of its covariance. */
    public static MultivariateNormal withScaleTril(Tensor loc, Tensor scaleTril) {
        return new MultivariateNormal(loc, null, null, scaleTril, null);
    }

    /** The checked, broadcast arguments; {@code raw} is the matrix as given. */
    private record Init(long[] batchShape, Tensor loc, int given, Tensor raw, Tensor matrix) {
        static Init of(Tensor loc, Tensor cov, Tensor prec, Tensor tril) {
            if (loc.dim() < 1) throw new IllegalArgumentException("loc must be at least one-dimensional.");
            int count = (cov != null ? 1 : 0) + (prec != null ? 1 : 0) + (tril != null ? 1 : 0);
            if (count != 1) {
                throw new IllegalArgumentException("Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.");
            }
            int given = cov != null ? 0 : prec != null ? 1 : 2;
            Tensor raw = given == 0 ? cov : given == 1 ? prec : tril;
            if (raw.dim() < 2) {
                throw new IllegalArgumentException((given == 2 ? "scale_tril matrix" : PARAM_NAMES[given])
                        + " must be at least two-dimensional, with optional leading batch dimensions");
            }
            long[] batch = broadcastShapes(Arrays.copyOf(raw.shape(), raw.dim() - 2), Arrays.copyOf(loc.shape(), loc.dim() - 1));
            Tensor matrix = raw.expand(Util.concat(batch, new long[] {raw.size(-2), raw.size(-1)}));
            return new Init(batch, loc.expand(Util.concat(batch, new long[] {loc.size(-1)})), given, raw, matrix);
        }

        /** {@code torch.broadcast_shapes}, whose message differs from broadcasting tensors'. */
        private static long[] broadcastShapes(long[] a, long[] b) {
            try {
                return Util.broadcastShape(a, b);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Shape mismatch: objects cannot be broadcast to a single shape");
            }
        }
    }

    private MultivariateNormal(Init init, Boolean validateArgs, Tensor scaleTril) {
        super(init.batchShape(), new long[] {init.loc().size(-1)}, validateArgs);
        this.given = init.given();
        this.loc = init.loc();
        this.matrix = init.matrix();
        if (scaleTril != null) { // expand: no validation, the factor is shared
            this.unbroadcastedScaleTril = scaleTril;
            return;
        }
        validateParams(); // before factorising, so a bad matrix fails with PyTorch's constraint message
        Tensor raw = init.raw();
        this.unbroadcastedScaleTril = switch (given) {
            case 0 -> Linalg.cholesky(raw);
            case 1 -> precisionToScaleTril(raw);
            default -> raw;
        };
    }

    /**
     * The lower factor L of {@code P^-1 = L L^T}: with {@code J} the order-reversing permutation, the Cholesky
     * factor of {@code J P J} flipped back is an upper U with {@code P = U U^T}, so {@code L = U^-T}, lower.
     */
    static Tensor precisionToScaleTril(Tensor p) {
        Tensor lf = Linalg.cholesky(p.flip(-2, -1));
        Tensor lInv = lf.flip(-2, -1).mT();
        return Linalg.solveTriangular(lInv, identity(p), false);
    }

    private static Tensor identity(Tensor like) {
        return Torch.eye(like.size(-1)).to(like);
    }

    private long[] matrixShape() {
        long n = eventShape()[0];
        return Util.concat(batchShape(), new long[] {n, n});
    }

    /** The mean vector, {@code batchShape + [n]}. */
    public Tensor loc() {
        return loc;
    }

    /** The Cholesky factor at the given matrix's own batch shape (for the KL formulas of {@link LowRankMultivariateNormal}). */
    Tensor unbroadcastedScaleTril() {
        return unbroadcastedScaleTril;
    }

    /** The lower Cholesky factor of the covariance, {@code batchShape + [n, n]}. */
    public Tensor scaleTril() {
        return given == 2 ? matrix : unbroadcastedScaleTril.expand(matrixShape());
    }

    /** The covariance matrix, {@code batchShape + [n, n]}: as given, or {@code L L^T}. */
    public Tensor covarianceMatrix() {
        if (given == 0) return matrix;
        return unbroadcastedScaleTril.matmul(unbroadcastedScaleTril.mT()).expand(matrixShape());
    }

    /** The precision (inverse covariance) matrix, {@code batchShape + [n, n]}: as given, or {@code L^-T L^-1}. */
    public Tensor precisionMatrix() {
        if (given == 1) return matrix;
        Tensor lInv = Linalg.solveTriangular(unbroadcastedScaleTril, identity(unbroadcastedScaleTril), false);
        return lInv.mT().matmul(lInv).expand(matrixShape());
    }

    @Override
    protected List<Param> params() {
        Constraint c = given == 2 ? Constraint.LOWER_CHOLESKY : Constraint.POSITIVE_DEFINITE;
        return List.of(new Param("loc", loc, Constraint.REAL_VECTOR), new Param(PARAM_NAMES[given], matrix, c));
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

    /** The marginal variances: the squared row norms of L, {@code batchShape + [n]}. */
    @Override
    public Tensor variance() {
        return unbroadcastedScaleTril.pow(2.0).sum(-1).expand(Util.concat(batchShape(), eventShape()));
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        Tensor eps = loc.newZeros(extendedShape(sampleShape)).normal_(0, 1, generator);
        return loc.add(unbroadcastedScaleTril.matmul(eps.unsqueeze(-1)).squeeze(-1));
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor m = mahalanobis(unbroadcastedScaleTril, value.sub(loc));
        return m.add(eventShape()[0] * LOG_2PI).mul(-0.5).sub(halfLogDet(unbroadcastedScaleTril));
    }

    @Override
    public Tensor entropy() {
        Tensor h = halfLogDet(unbroadcastedScaleTril).add(0.5 * eventShape()[0] * (1.0 + LOG_2PI));
        return batchShape().length == 0 ? h : h.expand(batchShape());
    }

    @Override
    public MultivariateNormal expand(long... batchShape) {
        long n = eventShape()[0];
        Init init = new Init(batchShape.clone(), loc.expand(Util.concat(batchShape, new long[] {n})), given, null,
                matrix.expand(Util.concat(batchShape, new long[] {n, n})));
        return new MultivariateNormal(init, validateArgs(), unbroadcastedScaleTril);
    }

    /** {@code log det L}: half the log-determinant of the covariance. */
    static Tensor halfLogDet(Tensor l) {
        return l.diagonal(0, -2, -1).log().sum(-1);
    }

    /** The squared Mahalanobis distance {@code x^T (L L^T)^-1 x = |L^-1 x|^2}, batch dims of L and x broadcast. */
    static Tensor mahalanobis(Tensor l, Tensor x) {
        int k = l.dim() - 2;
        int outer = x.dim() - 1 - k;
        long[] lBatch = Arrays.copyOf(l.shape(), k);
        if (outer > 0 && Arrays.equals(lBatch, Arrays.copyOfRange(x.shape(), outer, x.dim() - 1))) {
            // x's leading (sample) dims become the columns of one solve per matrix, as PyTorch's _batch_mahalanobis
            // does, rather than broadcasting L to a copy per sample
            long[] xBatch = Arrays.copyOf(x.shape(), x.dim() - 1);
            int[] toColumns = new int[k + 2];
            for (int i = 0; i <= k; i++) toColumns[i] = i + 1;
            Tensor cols = x.reshape(Util.concat(new long[] {-1}, Util.concat(lBatch, new long[] {x.size(-1)}))).permute(toColumns);
            Tensor m = Linalg.solveTriangular(l, cols, false).pow(2.0).sum(-2); // lBatch + [samples]
            return m.movedim(-1, 0).reshape(xBatch);
        }
        return Linalg.solveTriangular(l, x.unsqueeze(-1), false).squeeze(-1).pow(2.0).sum(-1);
    }

    /** {@code KL(p || q)} as PyTorch's {@code _kl_multivariatenormal_multivariatenormal}; registered in {@link KL}. */
    static Tensor kl(MultivariateNormal p, MultivariateNormal q) {
        if (!Arrays.equals(p.eventShape(), q.eventShape())) {
            // PyTorch's message keeps the indentation of its continued string literal
            throw new IllegalArgumentException("KL-divergence between two Multivariate Normals with"
                    + " ".repeat(26) + "different event shapes cannot be computed");
        }
        Tensor pl = p.unbroadcastedScaleTril, ql = q.unbroadcastedScaleTril;
        Tensor halfTerm1 = halfLogDet(ql).sub(halfLogDet(pl));
        long n = p.eventShape()[0];
        long[] batch = Util.broadcastShape(Arrays.copyOf(ql.shape(), ql.dim() - 2), Arrays.copyOf(pl.shape(), pl.dim() - 2));
        long[] shape = Util.concat(batch, new long[] {n, n});
        // trace(Sigma_q^-1 Sigma_p) = |L_q^-1 L_p|_F^2
        Tensor term2 = Linalg.solveTriangular(ql.expand(shape), pl.expand(shape), false).pow(2.0).sum(-1).sum(-1);
        Tensor term3 = mahalanobis(ql, q.loc.sub(p.loc));
        return halfTerm1.add(term2.add(term3).sub((double) n).mul(0.5));
    }
}
